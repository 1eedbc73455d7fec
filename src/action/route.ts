// Routing a workflow run: which issue, which command, is the sender allowed, and what to do.
// Commands that need no loop (status, pause, clear, budget, edit, ask) are answered here at once;
// start and resume put the goal in `queued` and hand it to the loop (same job, or the pursue job).
import { buildContract } from '../config/contract.js';
import { capBudget, describeCaps, formatBudget, resolveLimits } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import { GOAL_YML_PATH, parseGoalYml, type RepoConfig } from '../config/goal-yml.js';
import type { ActionConfig } from '../config/inputs.js';
import { resumeBlockedByBudget } from '../engine/ledger.js';
import { logProgress, newGoalRecord, stop } from '../engine/record.js';
import type { GoalRecord } from '../engine/types.js';
import { goalBranchName } from '../git/branch-name.js';
import { mentionOnce } from '../report/format.js';
import type { GitHubRepo } from '../github/repo.js';
import { authorize } from '../trigger/authorize.js';
import { COMMAND_USAGE, type GoalCommand } from '../trigger/commands.js';
import { classifyEvent, type Intent } from '../trigger/event.js';
import { sanitizeUntrusted } from '../trigger/sanitize.js';
import { consumeContinuation, continuationMatches } from '../state/continuation.js';
import { rerunDecision } from '../state/rerun.js';
import { answerQuestion } from './ask.js';
import type { RunContext } from './context.js';
import { openChannel } from './evidence-channel.js';
import { GoalChannel, type ChannelOptions } from './goal-channel.js';

export interface ActionEnv {
  cfg: ActionConfig;
  ctx: RunContext;
  gh: GitHubRepo;
  channelOptions: ChannelOptions;
  info: (message: string) => void;
  now: () => number;
  /** Minimum time between the running loop's polls for new comments. */
  pollMs: number;
}

export interface GoalTarget {
  number: number;
  isPullRequest: boolean;
  /** Comments up to this id were handled by this run. */
  afterCommentId: number;
  actor: string;
}

export type RouteResult =
  | { kind: 'done'; reason: string; record?: GoalRecord }
  | {
      kind: 'pursue';
      record: GoalRecord;
      channel: GoalChannel;
      target: GoalTarget;
      repo: RepoConfig | null;
    };

/** Identifies the goal and command, and checks the sender, for any mode. */
export async function identify(
  env: ActionEnv,
  speak = true,
): Promise<
  | {
      intent: Exclude<Intent, { kind: 'ignore' }>;
      target: GoalTarget;
      /** This run is the Action's own continuation (its nonce matched the goal record). */
      continuation: boolean;
    }
  | { done: string }
> {
  const { ctx, cfg, gh } = env;
  const intent = classifyEvent(ctx.eventName, ctx.payload, { triggerLabel: cfg.triggerLabel });
  if (intent.kind === 'ignore') return { done: intent.reason };
  if ((intent.kind === 'comment' || intent.kind === 'dispatch') && intent.parsed.kind === 'none')
    return { done: 'The comment holds no /goal command.' };

  const isPullRequest = intent.kind === 'comment' ? intent.isPullRequest : false;
  // The Action's own dispatch proves itself with the nonce stored in the goal record, whoever
  // the sender is (github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an App token).
  const continuation =
    intent.kind === 'dispatch' && intent.continuation !== undefined
      ? continuationMatches(
          (await GoalChannel.find(gh, intent.number)).record,
          intent.continuation,
          ctx.runId,
        )
      : false;
  const fromFork = isPullRequest ? (await gh.pull(intent.number)).fromFork : false;
  const verdict = await authorize({
    actor: intent.actor,
    actorType: intent.actorType,
    triggeringActor: ctx.triggeringActor,
    allowedBots: cfg.allowedBots,
    fromFork,
    permission: (user) => gh.permission(user),
    via: intent.kind,
    actorIsAction: continuation,
  });
  if (!verdict.ok) {
    if (verdict.silent || !speak) return { done: verdict.reason };
    if (intent.kind === 'comment') await gh.react({ commentId: intent.commentId }, 'confused');
    // Bots get a reaction only: two bots answering each other would never stop.
    if (!(verdict.reactionOnly && intent.kind === 'comment'))
      await gh.comment(intent.number, mentionOnce(intent.actor, verdict.reason));
    return { done: `refused: ${verdict.reason}` };
  }
  // 👀 on receipt: the sender knows within seconds that the command arrived.
  if (speak && intent.kind === 'comment') await gh.react({ commentId: intent.commentId }, 'eyes');
  if (speak && intent.kind === 'label') await gh.react({ issueNumber: intent.number }, 'eyes');
  return {
    intent,
    continuation,
    target: {
      number: intent.number,
      isPullRequest:
        isPullRequest ||
        (intent.kind !== 'comment' && (await gh.issue(intent.number)).isPullRequest),
      afterCommentId: intent.kind === 'comment' ? intent.commentId : 0,
      actor: intent.actor,
    },
  };
}

/** The goal's channel, with checkpoint evidence (check runs) and a refused PR said on the issue. */
export function channelFor(env: ActionEnv, issueNumber: number, commentId?: number): GoalChannel {
  return openChannel(env.gh, issueNumber, commentId, env.channelOptions, {
    workspace: env.ctx.workspace,
    runUrl: env.ctx.runUrl,
  });
}

export async function loadRepoConfig(gh: GitHubRepo): Promise<RepoConfig | null> {
  const text = await gh.readFile(GOAL_YML_PATH);
  return text === null ? null : parseGoalYml(text);
}

/** Is another run driving this goal right now? */
export async function loopIsLive(env: ActionEnv, record: GoalRecord): Promise<boolean> {
  const lock = record.lock;
  if (record.state !== 'pursuing' || !lock || lock.runId === env.ctx.runId) return false;
  const status = await env.gh.runStatus(lock.runId);
  if (status === 'queued' || status === 'in_progress') return true;
  if (status === 'completed') return false;
  // Without `actions: read` the run's status is unknown: trust a recent heartbeat.
  return env.now() - Date.parse(lock.heartbeatAt) < 15 * 60_000;
}

export async function route(env: ActionEnv): Promise<RouteResult> {
  const identified = await identify(env);
  if ('done' in identified) return { kind: 'done', reason: identified.done };
  const { intent, target } = identified;
  const { gh } = env;
  const reply = (text: string) => gh.comment(target.number, env.channelOptions.redact(text));

  if (
    (intent.kind === 'comment' || intent.kind === 'dispatch') &&
    intent.parsed.kind === 'invalid'
  ) {
    await reply(`${intent.parsed.error}\n\n${COMMAND_USAGE}`);
    return { kind: 'done', reason: `malformed command: ${intent.parsed.error}` };
  }
  const command: GoalCommand =
    intent.kind === 'label'
      ? { kind: 'start', objective: intent.title, budget: {}, verify: [] }
      : (intent.parsed as Extract<typeof intent.parsed, { kind: 'command' }>).command;

  const found = await GoalChannel.find(gh, target.number);
  const channel = channelFor(env, target.number, found.commentId);
  let record = found.record;
  // The nonce is spent by this run: a second delivery of the same dispatch starts nothing.
  if (identified.continuation && record) consumeContinuation(record, env.ctx.runId);
  let repo: RepoConfig | null;
  try {
    repo = await loadRepoConfig(gh);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    await reply(
      `⚠️ ${err.message}\n\nFix \`.github/goal.yml\` on the default branch, then try again.`,
    );
    return { kind: 'done', reason: err.message };
  }
  const pursue = (r: GoalRecord): RouteResult => ({
    kind: 'pursue',
    record: r,
    channel,
    target,
    repo,
  });

  // A re-run of a run that worked on this goal never starts a second goal: it continues an
  // interrupted one, and spends nothing on one that is done (state/rerun.ts).
  const rerun = rerunDecision(record, { id: env.ctx.runId, attempt: env.ctx.runAttempt });
  if (record && rerun.kind === 'refresh') {
    await channel.save(record);
    env.info(rerun.reason);
    return done(`re-run: ${rerun.reason}`, record);
  }
  if (record && rerun.kind === 'continue')
    return resumeRecord(env, record, channel, undefined, reply).then((r) =>
      r ? pursue(r) : done('re-run refused'),
    );

  switch (command.kind) {
    case 'status':
      if (!record)
        return reply('No goal on this issue yet. Start one with `/goal <objective>`.').then(() =>
          done('no goal'),
        );
      await channel.save(record);
      return done('status refreshed', record);

    case 'start': {
      if (record && record.state !== 'cleared') {
        await reply(
          `A goal is already active here (state: \`${record.state}\`). Use \`/goal edit <objective>\` to change it, \`/goal resume\` to continue it, or \`/goal clear\` to start over.`,
        );
        return done('a goal is already active', record);
      }
      record = await newGoal(env, target, command, intent.kind === 'label', repo, reply);
      await channel.save(record);
      return pursue(record);
    }

    case 'pause':
    case 'clear': {
      if (!record) return reply('No goal on this issue.').then(() => done('no goal'));
      if (await loopIsLive(env, record)) {
        await reply(
          command.kind === 'pause'
            ? 'Pausing after the current step; the work so far is checkpointed.'
            : 'Clearing after the current step.',
        );
        return done(`${command.kind} left to the running loop`, record);
      }
      if (command.kind === 'pause' && record.state !== 'queued' && record.state !== 'pursuing')
        return reply(`The goal is not running (state: \`${record.state}\`).`).then(() =>
          done('not running', record ?? undefined),
        );
      stop(
        record,
        command.kind === 'pause'
          ? { kind: 'paused', detail: `Paused by @${target.actor}.` }
          : { kind: 'cleared', detail: `Cleared by @${target.actor}.` },
      );
      delete record.lock;
      await channel.save(record);
      await gh.setStateLabel(target.number, record.state);
      if (command.kind === 'clear' && record.pr)
        await gh.comment(
          record.pr.number,
          `The goal was cleared by @${target.actor}. The branch \`${record.branch}\` and this draft PR are kept for reference.`,
        );
      await reply(
        command.kind === 'pause'
          ? 'Paused. `/goal resume` continues from the last checkpoint.'
          : 'Cleared. The branch and draft PR are kept; `/goal <objective>` starts a new goal.',
      );
      return done(command.kind, record);
    }

    case 'budget': {
      if (!record) return reply('No goal on this issue.').then(() => done('no goal'));
      const limits = resolveLimits(env.cfg, repo);
      const { budget, capped } = capBudget(
        { ...record.budget, ...command.budget },
        limits.maxBudget,
      );
      const note = capped.length ? ` ${describeCaps(capped)}` : '';
      if (await loopIsLive(env, record)) {
        await reply(
          `The running loop will use the new budget (${formatBudget(budget)}) from its next step.${note}`,
        );
        return done('budget left to the running loop', record);
      }
      record.budget = budget;
      logProgress(record, {
        iteration: record.iteration,
        kind: 'control',
        text: `Budget set to ${formatBudget(budget)} by @${target.actor}`,
      });
      await channel.save(record);
      const hint = record.state === 'budget-limited' ? ' Reply `/goal resume` to continue.' : '';
      await reply(`Budget is now ${formatBudget(budget)}.${note}${hint}`);
      return done('budget set', record);
    }

    case 'edit': {
      if (!record) return reply('No goal on this issue.').then(() => done('no goal'));
      if (await loopIsLive(env, record)) {
        await reply('The running loop will switch to the new objective at its next step.');
        return done('edit left to the running loop', record);
      }
      record.contract = {
        ...editedContract(env, command.objective, record, repo),
        steering: record.contract.steering,
      };
      record.contractRevision += 1;
      logProgress(record, {
        iteration: record.iteration,
        kind: 'control',
        text: `Objective edited by @${target.actor}`,
      });
      await channel.save(record);
      await reply('Objective updated. `/goal resume` continues with it.');
      return done('edited', record);
    }

    case 'ask': {
      if (!record) return reply('No goal on this issue.').then(() => done('no goal'));
      await reply(
        await answerQuestion(env.cfg, record, command.question, env.channelOptions.redact),
      );
      return done('answered', record);
    }

    case 'resume': {
      if (!record || record.state === 'cleared')
        return reply('There is no goal to resume here. Start one with `/goal <objective>`.').then(
          () => done('nothing to resume'),
        );
      const resumed = await resumeRecord(env, record, channel, command.guidance, reply);
      return resumed ? pursue(resumed) : done('resume refused', record);
    }
  }
}

function done(reason: string, record?: GoalRecord): RouteResult {
  return { kind: 'done', reason, ...(record ? { record } : {}) };
}

async function newGoal(
  env: ActionEnv,
  target: GoalTarget,
  command: Extract<GoalCommand, { kind: 'start' }>,
  fromLabel: boolean,
  repo: RepoConfig | null,
  reply: (t: string) => Promise<unknown>,
): Promise<GoalRecord> {
  const { gh, cfg } = env;
  const issue = await gh.issue(target.number);
  const { contract, notes } = buildContract({
    // A labelled issue's contract is the issue itself: its title and sections.
    objective: fromLabel ? '' : command.objective,
    issueBody: issue.body,
    issueTitle: issue.title,
    trustedVerify: !fromLabel,
    commandVerify: command.verify,
    inputVerify: cfg.verify,
    repo,
  });
  const limits = resolveLimits(cfg, repo);
  const { budget, capped } = capBudget({ ...limits.budget, ...command.budget }, limits.maxBudget);
  if (capped.length) await reply(describeCaps(capped));
  const baseRef = target.isPullRequest
    ? (await gh.pull(target.number)).headRef
    : await gh.defaultBranch();
  const title = fromLabel ? issue.title : command.objective.split('\n')[0]!.slice(0, 120);
  const record = newGoalRecord({
    id: `g${target.number}-${Math.floor(env.now() / 1000).toString(36)}`,
    number: target.number,
    title: sanitizeUntrusted(title),
    contract,
    budget,
    branch: goalBranchName(title, target.number),
    baseRef,
    now: new Date(env.now()).toISOString(),
  });
  for (const note of notes) logProgress(record, { iteration: 0, kind: 'decision', text: note });
  return record;
}

function editedContract(
  env: ActionEnv,
  objective: string,
  record: GoalRecord,
  repo: RepoConfig | null,
) {
  return buildContract({
    objective,
    trustedVerify: true,
    commandVerify: record.contract.verification
      .filter((v) => v.source === 'command')
      .map((v) => v.command),
    inputVerify: env.cfg.verify,
    repo,
  }).contract;
}

export { editedContract };

async function resumeRecord(
  env: ActionEnv,
  record: GoalRecord,
  channel: GoalChannel,
  guidance: string | undefined,
  reply: (t: string) => Promise<unknown>,
): Promise<GoalRecord | null> {
  if (await loopIsLive(env, record)) {
    await reply('The goal is already running.');
    return null;
  }
  if (resumeBlockedByBudget(record)) {
    await reply(
      `The budget is still used up (${formatBudget(record.budget)}). Raise it first, e.g. \`/goal budget ${Math.ceil((record.budget.tokens * 2) / 1e6)}M\`, then \`/goal resume\`.`,
    );
    return null;
  }
  if (guidance) {
    record.contract.steering.push(sanitizeUntrusted(guidance));
    record.contractRevision += 1;
  }
  record.state = 'queued';
  delete record.stopReason;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Resumed${guidance ? ' with guidance' : ''}`,
  });
  await channel.save(record);
  return record;
}
