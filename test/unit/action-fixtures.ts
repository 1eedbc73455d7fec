// The Action's adapters in process, with the real Octokit against the stateful GitHub fake (which
// reads files from a real git remote): an ActionEnv built as main.ts builds it, for one event at a
// time. Tests look only at what a user would see — replies, reactions, labels, the stored goal —
// so they hold whatever the route/pick-up internals become.
import type { ActionEnv } from '../../src/action/route.js';
import { GoalChannel } from '../../src/action/goal-channel.js';
import type { RunContext } from '../../src/action/context.js';
import { readInputs } from '../../src/config/inputs.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { createOctokit } from '../../src/github/client.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { DEMO_FILES } from '../../src/cli/demo-repo.js';
import { makeRepo } from '../support/git-fixtures.js';
import { startGitHubFake, type FakeSettings, type GitHubFake } from '../support/github-fake.js';
import {
  issueCommentEvent,
  issueLabeledEvent,
  workflowDispatchEvent,
} from '../support/webhook-events.js';

export const OWNER = 'acme';
export const REPO = 'cart';
export const TOKEN = 'ghs_unit_token_0123456789';
export const MAINTAINER = 'maintainer';

export interface RunEvent {
  eventName: string;
  payload: Record<string, unknown>;
  actor: string;
}

export interface ActionWorld {
  fake: GitHubFake;
  /** The bare repository the fake serves (branches, and the goal refs of the record store). */
  remote: string;
  gh: GitHubRepo;
  /** What the Action logged with core.info / core.warning, in order. */
  log: string[];
  issue(title?: string, body?: string): number;
  /** Adds the comment to the fake and returns the issue_comment event it triggers. */
  comment(issue: number, user: string, body: string): RunEvent;
  label(issue: number, user: string, label?: string): RunEvent;
  dispatch(inputs: Record<string, string>, sender: string): RunEvent;
  env(
    event: RunEvent,
    opts?: {
      inputs?: Record<string, string>;
      runId?: string;
      runAttempt?: number;
      now?: () => number;
    },
  ): ActionEnv;
  /** The goal as stored on the issue (null: none). */
  stored(issue: number): Promise<GoalRecord | null>;
  /** Comments the token wrote on the issue, other than the status comment. */
  replies(issue: number): string[];
  close(): Promise<void>;
}

export async function actionWorld(
  opts: { files?: Record<string, string>; settings?: Partial<FakeSettings> } = {},
): Promise<ActionWorld> {
  const seed = await makeRepo({ ...DEMO_FILES, ...opts.files }, { bare: true });
  const fake = await startGitHubFake({
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    gitDir: seed.remote!,
    ...(opts.settings ? { settings: opts.settings } : {}),
    users: [
      { login: MAINTAINER, permission: 'write' },
      { login: 'outsider', permission: 'read' },
      { login: 'renovate[bot]', type: 'Bot', permission: 'write' },
    ],
  });
  const octokit = createOctokit({ token: TOKEN, baseUrl: fake.url, spaceWrites: false });
  const log: string[] = [];
  const gh = new GitHubRepo(
    octokit,
    { owner: OWNER, repo: REPO },
    { log: { warn: (m) => log.push(`warn: ${m}`), debug: () => {} } },
  );
  const repo = { owner: OWNER, repo: REPO };
  const issueOf = (n: number) => {
    const i = fake.issues.get(n)!;
    return { number: n, title: i.title, body: i.body, author: { login: i.user }, isPull: i.isPull };
  };
  let runs = 5000;
  return {
    fake,
    remote: seed.remote!,
    gh,
    log,
    issue: (title = 'Cart ignores quantities', body = 'total() should multiply by quantity.') =>
      fake.createIssue({ title, body, user: MAINTAINER }).number,
    comment(issue, user, body) {
      const c = fake.addComment(issue, user, body);
      const payload = issueCommentEvent({
        repo,
        issue: issueOf(issue),
        comment: { id: c.id, body, author: { login: user } },
      });
      return { eventName: 'issue_comment', payload, actor: user };
    },
    label(issue, user, label = 'goal-ready') {
      const payload = issueLabeledEvent({
        repo,
        issue: issueOf(issue),
        label,
        sender: { login: user },
      });
      return { eventName: 'issues', payload, actor: user };
    },
    dispatch(inputs, sender) {
      const payload = workflowDispatchEvent({ repo, inputs, sender: { login: sender } });
      return { eventName: 'workflow_dispatch', payload, actor: sender };
    },
    env(event, o = {}) {
      const runId = o.runId ?? String(runs++);
      fake.workflowRuns.set(Number(runId), { status: 'in_progress' });
      const inputs: Record<string, string> = {
        'github-token': TOKEN,
        'openai-api-key': 'sk-unit',
        verify: 'test: npm test',
        ...o.inputs,
      };
      const cfg = readInputs((name) => inputs[name] ?? '');
      const ctx: RunContext = {
        eventName: event.eventName,
        payload: event.payload,
        owner: OWNER,
        repo: REPO,
        runId,
        runAttempt: o.runAttempt ?? 1,
        actor: event.actor,
        triggeringActor: event.actor,
        serverUrl: 'https://github.com',
        apiUrl: fake.url,
        workspace: seed.dir,
        runUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/${runId}`,
        workflowRef: `${OWNER}/${REPO}/.github/workflows/goal.yml@refs/heads/main`,
        ref: 'refs/heads/main',
      };
      const now = o.now ?? (() => Date.now());
      return {
        cfg,
        ctx,
        gh,
        info: (m) => log.push(m),
        now,
        pollMs: 0,
        channelOptions: {
          runId,
          links: { runUrl: ctx.runUrl, commitUrl: (sha) => `https://github.com/c/${sha}` },
          debounceMs: 0,
          now,
          warn: (m) => log.push(`warn: ${m}`),
          redact: (t) => t.replaceAll(TOKEN, '***'),
        },
      };
    },
    async stored(issue) {
      return (await GoalChannel.find(gh, issue)).record;
    },
    replies: (issue) =>
      fake.comments
        .filter(
          (c) =>
            c.issueNumber === issue &&
            c.user === fake.tokenUser &&
            !c.body.includes('<!-- goal-action:status -->'),
        )
        .map((c) => c.body),
    async close() {
      await fake.close();
      await seed.cleanup();
    },
  };
}
