// One end-to-end world: a real bare git remote holding a sample project with a failing test, the
// stateful GitHub fake reading that remote, the scripted OpenAI-compatible server, and the built
// dist/index.js run as the Actions runner runs it on a fresh shallow checkout.
import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { DEMO_FILES } from '../../src/cli/demo-repo.js';
import {
  makeCheckout,
  runAction,
  type ActionRunResult,
  type RunActionOptions,
} from './actions-runner.js';
import { makeRepo, runGit } from './git-fixtures.js';
import {
  startGitHubFake,
  type FakeSettings,
  type FakeUser,
  type GitHubFake,
} from './github-fake.js';
import {
  startOpenAIServer,
  type OpenAIServer,
  type RecordedRequest,
  type Script,
  type ScriptedTurn,
} from './openai-server.js';
import { issueCommentEvent, issueLabeledEvent, workflowDispatchEvent } from './webhook-events.js';

export const OWNER = 'acme';
export const REPO = 'cart';
export const TOKEN = 'ghs_test_token_0123456789';
export const MAINTAINER = 'maintainer';

export const FIX_PATCH = `*** Begin Patch
*** Update File: src/cart.js
@@
 export function total(items) {
   let sum = 0;
-  for (const item of items) sum += item.price;
+  for (const item of items) sum += item.price * (item.quantity ?? 1);
   return sum;
 }
*** End Patch`;

export const FIX: ScriptedTurn = {
  toolCalls: [{ name: 'apply_patch', arguments: { input: FIX_PATCH } }],
};
export const COMPLETE: ScriptedTurn = {
  toolCalls: [
    { name: 'update_goal', arguments: { status: 'complete', evidence: 'npm test: 2 tests pass' } },
  ],
};

/** The text of the newest user message of a request, in either API's shape. */
export function lastUserText(req: RecordedRequest): string {
  const items: unknown[] = req.api === 'chat' ? req.body.messages : req.body.input;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as { role?: string; content?: unknown };
    if (item.role !== 'user') continue;
    if (typeof item.content === 'string') return item.content;
    if (Array.isArray(item.content))
      return item.content.map((c: { text?: string }) => c.text ?? '').join('');
  }
  return '';
}

export type SideTurn = 'restate' | 'review' | 'wrap-up' | 'compact';

export function sideTurn(req: RecordedRequest): SideTurn | null {
  const text = lastUserText(req);
  if (text.startsWith('Before any edit: restate')) return 'restate';
  if (text.startsWith('The goal has stopped. Review')) return 'review';
  if (text.includes('this is your last turn')) return 'wrap-up';
  if (text.startsWith('Summarise the work so far')) return 'compact';
  return null;
}

export const RESTATEMENT = 'Outcome: total() honours quantities. Verification: npm test.';

/** The first working turn, which also asks for the restatement (no turn of its own). */
export function asksRestatement(req: RecordedRequest): boolean {
  const items: { role?: string }[] = req.api === 'chat' ? req.body.messages : req.body.input;
  // Only its first round: the user message is the newest item, no tool result after it yet.
  return (
    items.at(-1)?.role === 'user' &&
    lastUserText(req).includes('begin this reply with a restatement of the goal contract')
  );
}

/** Side turns answered with plain text; main turns played in order (then: end the turn). */
export function goalScript(
  main:
    ScriptedTurn[] | ((n: number, req: RecordedRequest) => ScriptedTurn | Promise<ScriptedTurn>),
): Script & { mainCalls(): number } {
  let n = 0;
  const script = (req: RecordedRequest): ScriptedTurn | Promise<ScriptedTurn> => {
    const side = sideTurn(req);
    if (side === 'restate') return { text: RESTATEMENT };
    if (side === 'review')
      return { text: 'Approach: multiply by quantity. Evidence: npm test passes.' };
    if (side) return { text: `(${side})` };
    const turn = typeof main === 'function' ? main(n, req) : (main[n] ?? { text: 'Done for now.' });
    n += 1;
    // The first working turn restates the contract in its first message, then works.
    if (!asksRestatement(req)) return turn;
    return Promise.resolve(turn).then((t) =>
      t.error ? t : { ...t, text: `${RESTATEMENT}${t.text ? `\n\n${t.text}` : ''}` },
    );
  };
  return Object.assign(script, { mainCalls: () => n });
}

export interface RunOptions {
  runId?: string;
  runAttempt?: number;
  inputs?: Record<string, string>;
  cancelWhen?: RunActionOptions['cancelWhen'];
  firstMatch?: RunActionOptions['firstMatch'];
  actor?: string;
  env?: Record<string, string>;
  /** Run the action as this normal user (it then owns the checkout, and the remote accepts it). */
  user?: { uid: number; gid: number };
  onOutput?: RunActionOptions['onOutput'];
}

export class GoalWorld {
  private runCounter = 1000;
  private readonly dirs: string[] = [];

  private constructor(
    readonly remote: string,
    readonly github: GitHubFake,
    readonly openai: OpenAIServer,
    private readonly cleanupRepo: () => Promise<void>,
  ) {}

  static async create(
    script: Script,
    opts: {
      users?: FakeUser[];
      files?: Record<string, string>;
      /** Whom the token belongs to (default github-actions[bot], i.e. GITHUB_TOKEN). */
      botLogin?: string;
      settings?: Partial<FakeSettings>;
    } = {},
  ): Promise<GoalWorld> {
    const seed = await makeRepo({ ...DEMO_FILES, ...opts.files }, { bare: true });
    const remote = seed.remote!;
    await runGit(remote, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    const github = await startGitHubFake({
      owner: OWNER,
      repo: REPO,
      token: TOKEN,
      gitDir: remote,
      ...(opts.botLogin ? { botLogin: opts.botLogin } : {}),
      ...(opts.settings ? { settings: opts.settings } : {}),
      users: opts.users ?? [
        { login: MAINTAINER, permission: 'write' },
        { login: 'outsider', permission: 'read' },
        { login: 'renovate[bot]', type: 'Bot', permission: 'write' },
      ],
    });
    const openai = await startOpenAIServer(script);
    return new GoalWorld(remote, github, openai, seed.cleanup);
  }

  issue(title = 'Cart ignores quantities', body = 'total() should multiply by quantity.') {
    return this.github.createIssue({ title, body, user: MAINTAINER });
  }

  /** A comment by `user` and the issue_comment run it triggers. */
  async comment(
    issueNumber: number,
    user: string,
    body: string,
    opts: RunOptions = {},
  ): Promise<ActionRunResult> {
    const comment = this.github.addComment(issueNumber, user, body);
    const issue = this.github.issues.get(issueNumber)!;
    const event = issueCommentEvent({
      repo: { owner: OWNER, repo: REPO },
      issue: {
        number: issueNumber,
        title: issue.title,
        body: issue.body,
        author: { login: issue.user },
        isPull: issue.isPull,
      },
      comment: { id: comment.id, body, author: { login: user } },
    });
    return this.run('issue_comment', event, { actor: user, ...opts });
  }

  async label(
    issueNumber: number,
    user: string,
    label = 'goal-ready',
    opts: RunOptions = {},
  ): Promise<ActionRunResult> {
    const issue = this.github.issues.get(issueNumber)!;
    const event = issueLabeledEvent({
      repo: { owner: OWNER, repo: REPO },
      issue: {
        number: issueNumber,
        title: issue.title,
        body: issue.body,
        author: { login: issue.user },
      },
      label,
      sender: { login: user },
    });
    return this.run('issues', event, { actor: user, ...opts });
  }

  /** A workflow_dispatch run with these inputs, sent by `sender` (who made the dispatch). */
  async dispatch(
    inputs: Record<string, string>,
    sender: string,
    opts: RunOptions = {},
  ): Promise<ActionRunResult> {
    const event = workflowDispatchEvent({
      repo: { owner: OWNER, repo: REPO },
      inputs,
      sender: { login: sender },
    });
    return this.run('workflow_dispatch', event, { actor: sender, ...opts });
  }

  async run(eventName: string, event: unknown, opts: RunOptions = {}): Promise<ActionRunResult> {
    const workspace = await makeCheckout(this.remote);
    this.dirs.push(workspace);
    if (opts.user) {
      // The remote is root's (the fake writes records into it through the Git Data API, as root):
      // objects either side creates must stay writable by the other, as on one shared server.
      await runGit(this.remote, ['config', 'core.sharedRepository', '0777']);
      await execa('chmod', ['-R', 'a+rwX', this.remote]);
    }
    const runId = opts.runId ?? String(this.runCounter++);
    this.github.workflowRuns.set(Number(runId), { status: 'in_progress' });
    try {
      return await runAction({
        // A private copy of the build, when one is named: other builds replace dist/ meanwhile.
        ...(process.env.GOAL_ACTION_DIST
          ? { entry: `${process.env.GOAL_ACTION_DIST}/index.js` }
          : {}),
        eventName,
        event,
        workspace,
        repository: `${OWNER}/${REPO}`,
        apiUrl: this.github.url,
        githubToken: TOKEN,
        runId,
        runAttempt: opts.runAttempt ?? 1,
        actor: opts.actor ?? MAINTAINER,
        inputs: {
          'openai-api-key': 'sk-test-key',
          'base-url': this.openai.baseURL,
          model: 'gpt-5',
          api: 'chat',
          verify: 'test: npm test',
          'agent-user': 'auto',
          ...opts.inputs,
        },
        env: { GOAL_ACTION_UNTHROTTLED: '1', ...opts.env },
        ...(opts.cancelWhen ? { cancelWhen: opts.cancelWhen } : {}),
        ...(opts.firstMatch ? { firstMatch: opts.firstMatch } : {}),
        ...(opts.user ? { user: opts.user } : {}),
        ...(opts.onOutput ? { onOutput: opts.onOutput } : {}),
        timeoutMs: 150_000,
      });
    } finally {
      this.github.workflowRuns.set(Number(runId), { status: 'completed', conclusion: 'success' });
    }
  }

  /** Commits on a branch of the remote, newest first: "subject\ntrailers". */
  async branchLog(branch: string): Promise<string[]> {
    const out = await runGit(this.remote, [
      'log',
      '--format=%s%n%(trailers:only,unfold)%x00',
      branch,
      '--not',
      'main',
    ]).catch(() => '');
    return out
      .split('\0')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  statusComments(issueNumber: number) {
    return this.github.comments.filter(
      (c) => c.issueNumber === issueNumber && c.body.includes('<!-- goal-action:status -->'),
    );
  }

  /** Comments the token wrote (other than the status comment). */
  replies(issueNumber: number, user = this.github.tokenUser) {
    return this.github.comments.filter(
      (c) =>
        c.issueNumber === issueNumber &&
        c.user === user &&
        !c.body.includes('<!-- goal-action:status -->'),
    );
  }

  async close(): Promise<void> {
    await this.github.close();
    await this.openai.close();
    await this.cleanupRepo();
    await Promise.all(this.dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}
