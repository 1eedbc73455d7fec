// Running the loop on the runner: the engine with GitHub adapters. Secrets stay out of the agent's
// reach (checkout's persisted credentials removed, an unprivileged user for agent commands where
// possible, an allow-listed environment always); cancellation checkpoints and records the state
// within the runner's grace period.
import { requireApiKey } from '../config/inputs.js';
import { mergePassEnv } from '../config/pass-env.js';
import type { RepoConfig } from '../config/goal-yml.js';
import { resolveLimits, capBudget } from '../config/budget.js';
import { runGoal } from '../engine/index.js';
import { logProgress } from '../engine/index.js';
import type { GoalRecord } from '../engine/index.js';
import { neutralizeCheckoutCredentials } from '../git/credentials.js';
import { createGit } from '../git/git.js';
import { createGitWorkspace } from '../git/workspace.js';
import path from 'node:path';
import { jobEnv } from './clean-env.js';
import { createSandbox, type Sandbox, type SandboxReport } from '../sandbox/index.js';
import { onCleanCheckout } from '../sandbox/verify-on-checkout.js';
import { sandboxEnv } from '../tools/sandbox-env.js';
import type { GitWorkspace } from '../git/workspace.js';
import type * as ModelClient from '../model/index.js';
import { createVerifierRunner } from '../verify/runner.js';
import { createScratch } from '../tools/scratch.js';
import { createTerminalReporter } from '../report/terminal.js';
import type { EngineEvent, Model, Reporter } from '../engine/index.js';
import type { GoalChannel } from './goal-channel.js';
import { GitHubControl } from './github-control.js';
import { editedContract, type ActionEnv, type GoalTarget } from './route.js';
import { permissionCheck } from './permissions.js';
import { FailedBeforeLoopError } from './failed-start.js';

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

export interface PursueResult {
  record: GoalRecord;
  sandbox?: SandboxReport;
}

export async function pursue(
  env: ActionEnv,
  p: PursueInput,
  warn: (m: string) => void,
): Promise<PursueResult> {
  // The model's client (the OpenAI SDK, the largest part of the bundle) loads while the loop is
  // prepared, so start-up neither parses nor runs it before its first GitHub request.
  const modelClient = import('../model/index.js');
  modelClient.catch(() => undefined); // met below, once the boundary is up
  const sandbox = await prepare(env, p, warn).catch((error: unknown) => {
    // The goal waited for this run: main.ts marks it failed with the reason and the fix.
    throw new FailedBeforeLoopError(error);
  });
  try {
    const { createModel } = await modelClient.catch((error: unknown) => {
      throw new FailedBeforeLoopError(error);
    });
    const record = await pursueIn(env, p, warn, sandbox, createModel);
    return { record, sandbox: sandbox.sandbox.report };
  } finally {
    await sandbox.sandbox
      .close()
      .catch((error: Error) => warn(`Sandbox cleanup: ${error.message}`));
  }
}

/** Everything before the loop: the key, the checkout's credentials, the boundary, the start point. */
async function prepare(
  env: ActionEnv,
  p: PursueInput,
  warn: (m: string) => void,
): Promise<{ sandbox: Sandbox; startPoint: string | undefined; after: number }> {
  const { cfg, ctx } = env;
  requireApiKey(cfg);
  const root = ctx.workspace;

  const removed = await neutralizeCheckoutCredentials(root);
  if (removed.length)
    env.info(`Removed credentials left in .git/config by actions/checkout: ${removed.join(', ')}`);

  // Three independent steps before the loop, at once (each is a round trip or a process):
  // the boundary, a PR goal's start point, and the thread's newest comment.
  const [made, start, newest] = await Promise.allSettled([
    createSandbox({
      mode: cfg.sandbox,
      network: cfg.network,
      root,
      protectedPaths: p.record.contract.protectedPaths,
      agentUser: cfg.agentUser,
      env: agentEnv(mergePassEnv(cfg.passEnv, p.repo?.passEnv ?? [])),
      hide: [process.env.RUNNER_TEMP ?? ''],
      readOnly: [path.join(root, '.git')],
      redact: env.channelOptions.redact,
    }),
    fetchStartPoint(env, p, root),
    // Commands already in the thread were answered by their own runs (or predate this loop):
    // only comments from now on steer it.
    newestCommentId(env, p.target),
  ]);
  if (made.status === 'rejected') throw made.reason;
  const sandbox = made.value;
  if (start.status === 'rejected' || newest.status === 'rejected') {
    await sandbox.close().catch((error: Error) => warn(`Sandbox cleanup: ${error.message}`));
    throw start.status === 'rejected' ? start.reason : (newest as PromiseRejectedResult).reason;
  }
  describeSandbox(env, p.record, sandbox.report, warn);
  return { sandbox, startPoint: start.value, after: newest.value };
}

type CreateModel = typeof ModelClient.createModel;

async function pursueIn(
  env: ActionEnv,
  p: PursueInput,
  warn: (m: string) => void,
  prepared: { sandbox: Sandbox; startPoint: string | undefined; after: number },
  createModel: CreateModel,
): Promise<GoalRecord> {
  const { sandbox, startPoint, after: afterCommentId } = prepared;
  const { cfg, ctx, gh } = env;
  const root = ctx.workspace;

  const abort = new AbortController();
  const cancel = (signal: string) => {
    env.info(`Received ${signal}: stopping the agent's processes and checkpointing.`);
    abort.abort(new Error(`cancelled by ${signal}`));
  };
  // `on`, not `once`: while a listener remains, no library's exit hook re-raises the signal (which
  // would end the process before the checkpoint); a second signal only aborts again.
  const onInt = () => cancel('SIGINT');
  const onTerm = () => cancel('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);

  const protectedPaths = p.record.contract.protectedPaths;
  const limits = resolveLimits(cfg, p.repo);
  const workspace = createGitWorkspace({
    // The goal record's commit rides in each checkpoint's atomic push (store: the goal's ref).
    rider: p.channel.checkpointRider(),
    root,
    identity: BOT_IDENTITY,
    remote: { name: 'origin', token: cfg.githubToken },
    protectedPaths,
    isolated: true,
    // Nothing the agent started may be alive while the Action's git reads or writes the checkout.
    beforeGit: async () => {
      const killed = await sandbox.quiesce();
      if (killed > 0) env.info(`Stopped ${killed} agent process(es) before a git command.`);
    },
    onProtectedRevert: (paths) => {
      warn(`Reverted changes to protected paths before a checkpoint: ${paths.join(', ')}`);
      logProgress(p.record, {
        iteration: p.record.iteration,
        kind: 'decision',
        text: `Reverted changes to protected paths (never committed): ${paths.join(', ')}`,
      });
    },
    ...(startPoint ? { startPoint } : {}),
  });
  try {
    const record = await runGoal(
      p.record,
      {
        model: warmingSandbox(
          sandbox,
          createModel({
            api: cfg.api,
            apiKey: cfg.openaiApiKey,
            model: cfg.model,
            ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
          }),
        ),
        tools: sandbox.tools,
        // Elided tool outputs stay readable to the model (read_file) under .goal-action/scratch/.
        scratch: createScratch(root),
        verifiers: onCleanCheckout(
          sandbox,
          () => workspace,
          (cwd) =>
            createVerifierRunner({
              root,
              cwd,
              exec: (command, opts) => sandbox.exec(command, opts),
              knownFlaky: p.record.flaky,
              redact: env.channelOptions.redact,
              ...(p.repo ? { flakeReruns: p.repo.flakeReruns } : {}),
            }),
        ),
        workspace: redactedDiffs(workspace, env.channelOptions.redact),
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
          // What the store took on at a write conflict (a dispatched /goal edit) reaches the loop.
          takeEffects: () => p.channel.takeEffects(),
          now: env.now,
          warn,
        }),
        // The job log gets the same plain, line-per-event view as the CLI off a TTY.
        reporter: bothReporters(
          p.channel,
          groupedPerIteration(
            createTerminalReporter({ write: (t) => process.stdout.write(t), isTTY: false }),
          ),
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
        // `/goal budget` while the loop runs is capped as the route job caps it.
        maxBudget: limits.maxBudget,
        ...(p.repo?.stallIterations ? { stallIterations: p.repo.stallIterations } : {}),
        ...(p.repo?.prices ? { prices: p.repo.prices } : {}),
        ...(p.repo?.contextWindow ? { contextWindow: p.repo.contextWindow } : {}),
      },
    );
    await p.channel.flush();
    return record;
  } finally {
    // Also when the loop throws: a later SIGTERM must end the process again.
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

/**
 * The environment agent commands and verifiers get: the allow-list, plus the job variables named
 * in `pass-env` (input or .github/goal.yml), which the model can then read.
 */
function agentEnv(named: readonly string[]): Record<string, string> {
  const env = sandboxEnv();
  for (const name of named) {
    const value = jobEnv(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Says what the boundary enforces here, in the log and in the goal's record (status comment). */
function describeSandbox(
  env: ActionEnv,
  record: GoalRecord,
  report: SandboxReport,
  warn: (m: string) => void,
): void {
  env.info(`Sandbox: ${report.level}. Enforced: ${report.enforced.join('; ')}.`);
  if (report.gaps.length === 0) return;
  warn(`Sandbox gaps on this runner: ${report.gaps.join('; ')}.`);
  logProgress(record, {
    iteration: record.iteration,
    kind: 'decision',
    text: `Sandbox ${report.level} on this runner: ${report.gaps.join('; ')}`,
  });
}

/** The tool worker starts while the model thinks, so its start-up never delays a tool call. */
function warmingSandbox(sandbox: Sandbox, model: Model): Model {
  return {
    name: model.name,
    turn: (request, signal) => {
      sandbox.warm();
      return model.turn(request, signal);
    },
  };
}

/** The review turn sends the diff to the model: secrets in it are redacted first. */
function redactedDiffs(ws: GitWorkspace, redact: (t: string) => string): GitWorkspace {
  return { ...ws, diff: async (base, maxBytes) => redact(await ws.diff(base, maxBytes)) };
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

/** The job log folds each iteration into a group (`::group::`), as the Actions UI shows steps. */
function groupedPerIteration(inner: Reporter): Reporter {
  let open = false;
  return {
    onEvent(event: EngineEvent) {
      if (event.type === 'iteration-start') {
        if (open) process.stdout.write('::endgroup::\n');
        process.stdout.write(`::group::Iteration ${event.record.iteration}\n`);
        open = true;
      }
      const done = inner.onEvent(event);
      if ((event.type === 'iteration-end' || event.type === 'stopped') && open) {
        process.stdout.write('::endgroup::\n');
        open = false;
      }
      return done;
    },
  };
}

async function newestCommentId(env: ActionEnv, target: GoalTarget): Promise<number> {
  const later = await env.gh.commentsAfter(target.number, target.afterCommentId);
  return Math.max(target.afterCommentId, ...later.map((c) => c.id));
}
