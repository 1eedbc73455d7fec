// Routing a workflow run: which issue, which command, is the sender allowed, and what to do.
// Commands that need no loop (status, pause, clear, budget, edit, ask) are answered here at once;
// start and resume put the goal in `queued` and hand it to the loop (same job, or the pursue job).
import { buildContract } from '../config/contract.js';
import { capBudget, describeCaps, resolveLimits } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import { GOAL_YML_PATH, parseGoalYml, type RepoConfig } from '../config/goal-yml.js';
import type { ActionConfig } from '../config/inputs.js';
import { commandIds, hasApplied, type CommandEvent } from '../domain/commands.js';
import {
  applyCommand,
  applySystem,
  type Transition,
  type TransitionContext,
} from '../domain/transitions.js';
import { logProgress, newGoalRecord, type GoalRecord } from '../engine/index.js';
import { goalBranchName } from '../git/branch-name.js';
import { mentionOnce } from '../report/format.js';
import type { GitHubRepo } from '../github/repo.js';
import { authorize } from '../trigger/authorize.js';
import { COMMAND_USAGE, type GoalCommand } from '../trigger/commands.js';
import { classifyEvent, type Intent } from '../trigger/event.js';
import { sanitizeUntrusted } from '../trigger/sanitize.js';
import { continuationMatches } from '../state/continuation.js';
import { answerQuestion } from './ask.js';
import type { RunContext } from './context.js';
import { openChannel } from './evidence-channel.js';
import { GoalChannel, type ChannelOptions, type ChannelStart } from './goal-channel.js';
import { unreadableMessage } from '../store/messages.js';

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
      /**
       * Not stored yet: the loop in this job writes it with its first save (compare-and-swap
       * against the version this run read), so starting a goal waits on no GitHub write.
       */
      unsaved?: boolean;
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
/** `start`: the lookup this run made (the channel then writes against the version it read). */
export function channelFor(env: ActionEnv, issueNumber: number, start?: ChannelStart): GoalChannel {
  return openChannel(env.gh, issueNumber, start, env.channelOptions, {
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
  const parsed =
    intent.kind === 'label'
      ? undefined
      : (intent.parsed as Extract<typeof intent.parsed, { kind: 'command' }>);
  const command: GoalCommand =
    intent.kind === 'label'
      ? { kind: 'start', objective: intent.title, budget: {}, verify: [] }
      : parsed!.command;

  const found = await GoalChannel.lookup(gh, target.number);
  // An unreadable record is never taken for "no goal": nothing is started or overwritten.
  if (found.kind === 'unreadable') {
    await reply(unreadableMessage(found, target.number));
    return { kind: 'done', reason: `unreadable goal record: ${found.reason}` };
  }
  const channel = channelFor(env, target.number, found);
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
  const stored = found.kind === 'found' ? found.record : null;
  const ctx = await transitionContext(env, stored, repo);
  const run = { runId: env.ctx.runId, attempt: env.ctx.runAttempt };
  const rerunning = applySystem(stored, { kind: 'rerun', ...run }, ctx).effects.length > 0;
  // Built once, from the record as read; the transition itself is re-applied on every attempt.
  const event = rerunning
    ? undefined
    : await commandEvent(env, target, intent, command, parsed?.notices, stored, repo);

  /** What this run does to the goal as it is stored now (it may have moved since the read). */
  const decide = (current: GoalRecord | null): Transition => {
    let record = current;
    // The nonce is spent by this run: a second delivery of the same dispatch starts nothing.
    if (identified.continuation && record)
      record = applySystem(record, { kind: 'continuation-consumed', runId: run.runId }, ctx).record;
    // A re-run of a run that worked on this goal never starts a second goal: it continues an
    // interrupted one, and spends nothing on one that is done (the state machine's `rerun`).
    const rerun = applySystem(record, { kind: 'rerun', ...run }, ctx);
    if (rerun.effects.length > 0 || !event) return rerun;
    const placeholder = event.command.kind === 'start' && event.command.goal === stored;
    const t = applyCommand(record, event, ctx);
    // The goal was cleared between the read and this write: the start had no new goal built.
    if (placeholder && t.outcome === 'started')
      return {
        record,
        effects: [
          { kind: 'reply', text: 'The goal changed while this command ran; send it again.' },
        ],
        outcome: 'the goal changed meanwhile',
      };
    return t;
  };
  // A new goal whose loop follows in this job: its first save stores it (a create, against the
  // absence read here), off the path to the first model request. A goal already stored is written
  // now: a run that fails before its loop must find it queued to mark it failed.
  const onRead = decide(stored);
  const deferrable = stored === null && env.cfg.mode !== 'route' && !identified.continuation;
  if (deferrable && event && handsOver(onRead))
    return perform({ env, channel, target, repo, reply }, onRead, true, true);
  let last: Transition = { record: stored, effects: [], outcome: 'nothing to do' };
  const written = await channel.update((current) => {
    last = decide(current);
    return last.record === current ? null : last.record;
  });
  if (written.kind === 'unreadable') {
    await reply(unreadableMessage(written, target.number));
    return { kind: 'done', reason: `unreadable goal record: ${written.reason}` };
  }
  if (written.kind === 'conflict') {
    await reply(
      `The goal record kept changing while this command was applied (${written.attempts} attempts); nothing was changed. Send the command again.`,
    );
    return { kind: 'done', reason: 'write conflict' };
  }
  if (last.effects.some((e) => e.kind === 'render-status') && last.outcome.startsWith('re-run'))
    env.info(last.outcome);
  const record = written.record ?? last.record;
  return perform(
    { env, channel, target, repo, reply },
    { ...last, record },
    written.kind === 'written',
  );
}

/** A transition that only hands the goal to a loop (and may say something): nothing to wait for. */
function handsOver(t: Transition): boolean {
  const quiet = ['render-status', 'label', 'reply', 'pursue'];
  return (
    t.record !== null &&
    t.effects.some((e) => e.kind === 'pursue') &&
    t.effects.every((e) => quiet.includes(e.kind))
  );
}

interface Act {
  env: ActionEnv;
  channel: GoalChannel;
  target: GoalTarget;
  repo: RepoConfig | null;
  reply: (text: string) => Promise<unknown>;
}

/** What the state machine needs to know about this run and this repository. */
async function transitionContext(
  env: ActionEnv,
  record: GoalRecord | null,
  repo: RepoConfig | null,
): Promise<TransitionContext> {
  return {
    loopRunning: record ? await loopIsLive(env, record) : false,
    now: new Date(env.now()).toISOString(),
    runId: env.ctx.runId,
    maxBudget: resolveLimits(env.cfg, repo).maxBudget,
  };
}

/** The command as the state machine sees it: with its id, and the contract or goal it carries. */
async function commandEvent(
  env: ActionEnv,
  target: GoalTarget,
  intent: Exclude<Intent, { kind: 'ignore' }>,
  command: GoalCommand,
  notices: string[] | undefined,
  record: GoalRecord | null,
  repo: RepoConfig | null,
): Promise<CommandEvent> {
  const id =
    intent.kind === 'comment'
      ? commandIds.comment(intent.commentId)
      : intent.kind === 'dispatch'
        ? commandIds.dispatch(env.ctx.runId)
        : commandIds.label(target.number, new Date(env.now()).toISOString());
  const base = { id, actor: target.actor, ...(notices?.length ? { notices } : {}) };
  switch (command.kind) {
    case 'start': {
      // A new goal is built (two reads: the issue, the base branch) only when one may start.
      if (record && record.state !== 'cleared' && !hasApplied(record, id))
        return { ...base, command: { kind: 'start', goal: record } };
      if (record && hasApplied(record, id))
        return { ...base, command: { kind: 'start', goal: record } };
      const built = await newGoal(env, target, command, intent.kind === 'label', repo);
      return {
        ...base,
        notices: [...(base.notices ?? []), ...built.notices],
        command: { kind: 'start', goal: built.record },
      };
    }
    case 'edit':
      return {
        ...base,
        command: {
          kind: 'edit',
          contract: editedContract(env, command.objective, record, repo),
        },
      };
    case 'budget':
      return { ...base, command: { kind: 'budget', requested: command.budget } };
    case 'resume':
      return {
        ...base,
        command: command.guidance
          ? { kind: 'resume', guidance: sanitizeUntrusted(command.guidance) }
          : { kind: 'resume' },
      };
    case 'ask':
      return { ...base, command: { kind: 'ask', question: command.question } };
    default:
      return { ...base, command: { kind: command.kind } };
  }
}

/**
 * Does what the transition says, once its record is stored (`wrote`: the update wrote it and
 * re-rendered the status): re-render, label, reply, comment, hand the goal to a loop. `unsaved`:
 * not stored, the loop this goal is handed to stores and renders it with its first save.
 */
async function perform(
  act: Act,
  t: Transition,
  wrote: boolean,
  unsaved = false,
): Promise<RouteResult> {
  const { env, channel, target, repo, reply } = act;
  const record = t.record;
  if (record && !wrote && t.effects.some((e) => e.kind === 'render-status'))
    await channel.save(record);
  let pursue = false;
  for (const effect of t.effects) {
    switch (effect.kind) {
      case 'reply':
        await reply(effect.text);
        break;
      case 'label':
        // Queued is said by the status comment; the loop labels `pursuing` as it starts, and the
        // start of a goal is one request shorter.
        if (effect.state !== 'queued') await env.gh.setStateLabel(target.number, effect.state);
        break;
      case 'comment-on-pr':
        await env.gh.comment(effect.pr, env.channelOptions.redact(effect.text));
        break;
      case 'answer-question':
        if (record)
          await reply(
            await answerQuestion(env.cfg, record, effect.question, env.channelOptions.redact),
          );
        break;
      case 'pursue':
        pursue = true;
        break;
      default:
        // stop-loop, abandon-loop, contract-changed: the running loop's, which reads the record;
        // render-status: done by the save above; dispatch-continuation: the pursuing job's.
        break;
    }
  }
  if (pursue && record)
    return { kind: 'pursue', record, channel, target, repo, ...(unsaved ? { unsaved } : {}) };
  return done(t.outcome, record ?? undefined);
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
): Promise<{ record: GoalRecord; notices: string[] }> {
  const { gh, cfg } = env;
  const issue = await gh.issue(target.number);
  const { contract, notes, shortened } = buildContract({
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
  const notices = [...shortened, ...(capped.length ? [describeCaps(capped)] : [])];
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
  return { record, notices };
}

function editedContract(
  env: ActionEnv,
  objective: string,
  record: GoalRecord | null,
  repo: RepoConfig | null,
) {
  return buildContract({
    objective,
    trustedVerify: true,
    commandVerify: (record?.contract.verification ?? [])
      .filter((v) => v.source === 'command')
      .map((v) => v.command),
    inputVerify: env.cfg.verify,
    repo,
  }).contract;
}

export { editedContract };
