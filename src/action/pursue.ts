// Running the loop on the runner: the engine with GitHub adapters. Secrets stay out of the agent's
// reach (checkout's persisted credentials removed, an unprivileged user for agent commands where
// possible, an allow-listed environment always); cancellation checkpoints and records the state
// within the runner's grace period.
import { requireApiKey } from '../config/inputs.js';
import type { RepoConfig } from '../config/goal-yml.js';
import { resolveLimits, capBudget } from '../config/budget.js';
import { runGoal } from '../engine/loop.js';
import { logProgress } from '../engine/record.js';
import type { GoalRecord } from '../engine/types.js';
import { neutralizeCheckoutCredentials } from '../git/credentials.js';
import { createGit } from '../git/git.js';
import { createGitWorkspace } from '../git/workspace.js';
import { createModel } from '../model/index.js';
import { prepareAgentUser } from '../tools/agent-user.js';
import { createToolHost } from '../tools/index.js';
import { createVerifierRunner } from '../verify/runner.js';
import { createTerminalReporter } from '../report/terminal.js';
import type { EngineEvent, Reporter } from '../engine/ports.js';
import type { GoalChannel } from './goal-channel.js';
import { GitHubControl } from './github-control.js';
import { editedContract, type ActionEnv, type GoalTarget } from './route.js';
import { permissionCheck } from './permissions.js';

const BOT_IDENTITY = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

export interface PursueInput {
  record: GoalRecord;
  channel: GoalChannel;
  target: GoalTarget;
  repo: RepoConfig | null;
}

export async function pursue(
  env: ActionEnv,
  p: PursueInput,
  warn: (m: string) => void,
): Promise<GoalRecord> {
  const { cfg, ctx, gh } = env;
  requireApiKey(cfg);
  const root = ctx.workspace;

  const removed = await neutralizeCheckoutCredentials(root);
  if (removed.length)
    env.info(`Removed credentials left in .git/config by actions/checkout: ${removed.join(', ')}`);

  const runAs = await agentUser(env, root, warn);
  const startPoint = await fetchStartPoint(env, p, root);

  // Commands already in the thread were answered by their own runs (or predate this loop): only
  // comments from now on steer it.
  const afterCommentId = await newestCommentId(env, p.target);

  const abort = new AbortController();
  const cancel = (signal: string) => {
    env.info(`Received ${signal}: stopping the agent's processes and checkpointing.`);
    abort.abort(new Error(`cancelled by ${signal}`));
  };
  process.once('SIGINT', () => cancel('SIGINT'));
  process.once('SIGTERM', () => cancel('SIGTERM'));

  const protectedPaths = p.record.contract.protectedPaths;
  const limits = resolveLimits(cfg, p.repo);
  const record = await runGoal(
    p.record,
    {
      model: createModel({
        api: cfg.api,
        apiKey: cfg.openaiApiKey,
        model: cfg.model,
        ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
      }),
      tools: createToolHost({
        root,
        protectedPaths,
        redact: env.channelOptions.redact,
        ...(runAs ? { runAs } : {}),
      }),
      verifiers: createVerifierRunner({
        root,
        knownFlaky: p.record.flaky,
        ...(runAs ? { runAs } : {}),
        ...(p.repo ? { flakeReruns: p.repo.flakeReruns } : {}),
      }),
      workspace: createGitWorkspace({
        root,
        identity: BOT_IDENTITY,
        remote: { name: 'origin', token: cfg.githubToken },
        protectedPaths,
        onProtectedRevert: (paths) => {
          warn(`Reverted changes to protected paths before a checkpoint: ${paths.join(', ')}`);
          logProgress(p.record, {
            iteration: p.record.iteration,
            kind: 'decision',
            text: `Reverted changes to protected paths (never committed): ${paths.join(', ')}`,
          });
        },
        ...(startPoint ? { startPoint } : {}),
      }),
      store: p.channel,
      control: new GitHubControl(gh, {
        issueNumber: p.target.number,
        afterCommentId,
        mayControl: permissionCheck(env),
        editContract: (objective) => ({
          ...editedContract(env, objective, p.record, p.repo),
          steering: p.record.contract.steering,
        }),
        budgetFor: (requested) =>
          capBudget({ ...p.record.budget, ...requested }, limits.maxBudget).budget,
        minIntervalMs: env.pollMs,
        now: env.now,
        warn,
      }),
      // The job log gets the same plain, line-per-event view as the CLI off a TTY.
      reporter: bothReporters(
        p.channel,
        createTerminalReporter({ write: (t) => process.stdout.write(t), isTTY: false }),
      ),
      clock: { now: env.now },
    },
    {
      runId: ctx.runId,
      runUrl: ctx.runUrl,
      model: cfg.model,
      confirmContract: p.repo?.confirmContract ?? cfg.confirmContract,
      deadline: env.now() + cfg.maxRunMinutes * 60_000,
      signal: abort.signal,
      ...(p.repo?.stallIterations ? { stallIterations: p.repo.stallIterations } : {}),
      ...(p.repo?.prices ? { prices: p.repo.prices } : {}),
      ...(p.repo?.contextWindow ? { contextWindow: p.repo.contextWindow } : {}),
    },
  );
  await p.channel.flush();
  return record;
}

/** The unprivileged user agent commands run as, where the runner allows creating one. */
async function agentUser(env: ActionEnv, root: string, warn: (m: string) => void) {
  if (env.cfg.agentUser === 'none') {
    warn(
      "agent-user is `none`: agent commands run as the Action's own user (environment allow-list only).",
    );
    return undefined;
  }
  const name = env.cfg.agentUser === 'auto' ? 'goal-agent' : env.cfg.agentUser;
  const user = await prepareAgentUser({ name, workspace: root });
  if (!user) {
    warn(
      "No root or passwordless sudo here: agent commands run as the Action's own user (environment allow-list only).",
    );
    return undefined;
  }
  env.info(`Agent commands run as the unprivileged user ${user.name} (uid ${user.uid}).`);
  return { uid: user.uid, gid: user.gid, home: user.home };
}

/** For a goal on a pull request, the goal branch starts from the PR's head commit. */
async function fetchStartPoint(
  env: ActionEnv,
  p: PursueInput,
  root: string,
): Promise<string | undefined> {
  if (!p.target.isPullRequest || p.record.checkpoints.length > 0) return undefined;
  const pr = await env.gh.pull(p.target.number);
  const git = createGit(root);
  const url = await git.text(['remote', 'get-url', 'origin']);
  await git.run(['fetch', '--quiet', '--no-tags', '--depth=1', url, pr.headSha], {
    credentials: { url, token: env.cfg.githubToken },
  });
  return pr.headSha;
}

function bothReporters(first: Reporter, second: Reporter): Reporter {
  return {
    async onEvent(event: EngineEvent) {
      second.onEvent(event);
      await first.onEvent(event);
    },
  };
}

async function newestCommentId(env: ActionEnv, target: GoalTarget): Promise<number> {
  const later = await env.gh.commentsAfter(target.number, target.afterCommentId);
  return Math.max(target.afterCommentId, ...later.map((c) => c.id));
}
