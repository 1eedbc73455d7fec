// The goal's state machine, in one file: what a command (start, status, pause, clear, budget,
// edit, ask, resume) or a system event (a loop started or stopped, the run deadline, a re-run, the
// Action's own continuation, a failure outside the loop, a lost lock) does to a goal in each state.
// Pure: a record in, a new record (or the same object when nothing changed), and the effects for
// adapters to perform. Route, pick-up, the running loop, continuation and the CLI all ask here.
//
// A command carries an id and is logged in the record, so it applies once whoever sees it first:
// the route job writes it to the stored record even while a loop runs, the loop's comment poller
// skips it when already applied, and the loop's write conflict re-applies what it missed
// (`reconcile`). The same command gives the same record changes whether or not a loop runs; only
// what is left to do differs (the running loop stops itself; a stopped goal is stopped here).
import { applyBudget, describeCaps, formatBudget } from '../config/budget.js';
import { logProgress, stop } from '../engine/record.js';
import type { GoalRecord, GoalState, StopReason } from '../engine/types.js';
import {
  hasApplied,
  withApplied,
  type CommandEvent,
  type Effect,
  type Transition,
  type TransitionContext,
} from './commands.js';
import { resumeBlockedByBudget } from './limits.js';
import { continuesItself, rerunContinuesFailure, stops } from './stop.js';

export type {
  CommandEvent,
  DomainCommand,
  Effect,
  Transition,
  TransitionContext,
} from './commands.js';

export type SystemEvent =
  | { kind: 'loop-started'; runId: string; runUrl?: string }
  | { kind: 'loop-stopped'; reason: StopReason }
  | { kind: 'deadline-reached' }
  | { kind: 'rerun'; runId: string; attempt: number }
  | { kind: 'continuation-issued'; nonceHash: string; runId: string }
  | { kind: 'continuation-consumed'; runId: string }
  /** The run failed before (or outside) its loop: a missing key, a bad input, a start-up crash. */
  | {
      kind: 'failed-outside-loop';
      error: string;
      action: string;
      cause: 'config' | 'start-up' | 'crash' | 'transient';
    }
  | { kind: 'lock-lost'; by: string };

/** States a loop may be driving; `loopRunning` means nothing for a goal that is not in one. */
const ACTIVE: readonly GoalState[] = ['queued', 'pursuing'];

function isLive(record: GoalRecord, ctx: TransitionContext): boolean {
  return ctx.loopRunning && ACTIVE.includes(record.state);
}

function unchanged(record: GoalRecord | null, outcome: string, effects: Effect[] = []): Transition {
  return { record, effects, outcome };
}

function reply(text: string, notices?: string[]): Effect {
  return { kind: 'reply', text: [...(notices ?? []), text].filter(Boolean).join('\n\n') };
}

/** A copy to change: the caller's record is never touched. */
function draft(record: GoalRecord, ctx: TransitionContext): GoalRecord {
  const next = structuredClone(record);
  next.updatedAt = ctx.now;
  return next;
}

/** Records the command as applied, with a progress line that says what it did. */
function logCommand(r: GoalRecord, ev: CommandEvent, ctx: TransitionContext, text: string): void {
  r.commands = withApplied(r.commands, {
    id: ev.id,
    kind: ev.command.kind,
    actor: ev.actor,
    at: ctx.now,
    runId: ctx.runId,
    text,
  });
  logProgress(r, { iteration: r.iteration, kind: 'control', text });
}

/** Stops a goal no loop is running: state, reason, lock released, and what to tell whom. */
function stopHere(r: GoalRecord, reason: StopReason): Effect[] {
  stop(r, reason);
  delete r.lock;
  const effects: Effect[] = [{ kind: 'label', state: r.state }];
  if (reason.kind === 'cleared' && r.pr)
    effects.push({
      kind: 'comment-on-pr',
      pr: r.pr.number,
      text: `The goal was ${lowerFirst(reason.detail.replace(/\.$/, ''))}. The branch \`${r.branch}\` and this draft PR are kept for reference.`,
    });
  if (continuesItself(r)) effects.push({ kind: 'dispatch-continuation' });
  return effects;
}

const NO_GOAL = 'No goal on this issue.';

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------- commands

export function applyCommand(
  record: GoalRecord | null,
  ev: CommandEvent,
  ctx: TransitionContext,
): Transition {
  if (record && hasApplied(record, ev.id)) {
    // Delivered again (a re-run of the run that queued it, say) while no loop has taken the goal:
    // it is still this command's to pursue, or the goal would wait for a runner forever.
    const waiting = record.state === 'queued' && !isLive(record, ctx);
    return waiting && (ev.command.kind === 'start' || ev.command.kind === 'resume')
      ? unchanged(record, 'already applied; still queued', [{ kind: 'pursue' }])
      : unchanged(record, 'already applied');
  }
  const say = (text: string) => reply(text, ev.notices);
  const cmd = ev.command;

  if (cmd.kind === 'start') {
    if (record && record.state !== 'cleared')
      return unchanged(record, 'a goal is already active', [
        say(
          `A goal is already active here (state: \`${record.state}\`). Use \`/goal edit <objective>\` to change it, \`/goal resume\` to continue it, or \`/goal clear\` to start over.`,
        ),
      ]);
    const r = structuredClone(cmd.goal);
    r.state = 'queued';
    logCommand(r, ev, ctx, `Goal started by @${ev.actor}`);
    const effects: Effect[] = [{ kind: 'label', state: 'queued' }, { kind: 'pursue' }];
    if (ev.notices?.length) effects.unshift(reply('', ev.notices));
    return { record: r, effects, outcome: 'started' };
  }

  if (!record) {
    const text =
      cmd.kind === 'status'
        ? 'No goal on this issue yet. Start one with `/goal <objective>`.'
        : cmd.kind === 'resume'
          ? 'There is no goal to resume here. Start one with `/goal <objective>`.'
          : NO_GOAL;
    return unchanged(null, 'no goal', [say(text)]);
  }
  const live = isLive(record, ctx);

  switch (cmd.kind) {
    case 'status':
      return unchanged(record, 'status refreshed', [{ kind: 'render-status' }]);

    case 'ask':
      return unchanged(record, 'question asked', [
        { kind: 'answer-question', question: cmd.question },
      ]);

    case 'pause': {
      if (!ACTIVE.includes(record.state))
        return unchanged(record, 'not running', [
          say(`The goal is not running (state: \`${record.state}\`).`),
        ]);
      const r = draft(record, ctx);
      const reason = stops.pausedBy(ev.actor);
      if (live) {
        logCommand(r, ev, ctx, `Pause requested by @${ev.actor}`);
        return {
          record: r,
          effects: [
            { kind: 'stop-loop', reason },
            say('Pausing after the current step; the work so far is checkpointed.'),
          ],
          outcome: 'pause left to the running loop',
        };
      }
      logCommand(r, ev, ctx, `Paused by @${ev.actor}`);
      return {
        record: r,
        effects: [
          ...stopHere(r, reason),
          say('Paused. `/goal resume` continues from the last checkpoint.'),
        ],
        outcome: 'paused',
      };
    }

    case 'clear': {
      if (record.state === 'cleared')
        return unchanged(record, 'already cleared', [
          say('The goal is already cleared; `/goal <objective>` starts a new goal.'),
        ]);
      const r = draft(record, ctx);
      const reason = stops.clearedBy(ev.actor);
      if (live) {
        logCommand(r, ev, ctx, `Clear requested by @${ev.actor}`);
        return {
          record: r,
          effects: [{ kind: 'stop-loop', reason }, say('Clearing after the current step.')],
          outcome: 'clear left to the running loop',
        };
      }
      logCommand(r, ev, ctx, `Cleared by @${ev.actor}`);
      return {
        record: r,
        effects: [
          ...stopHere(r, reason),
          say('Cleared. The branch and draft PR are kept; `/goal <objective>` starts a new goal.'),
        ],
        outcome: 'cleared',
      };
    }

    case 'budget': {
      if (record.state === 'cleared') return refusedCleared(record, say);
      const { budget, capped } = applyBudget(cmd.requested, record.budget, ctx.maxBudget);
      const r = draft(record, ctx);
      r.budget = budget;
      logCommand(r, ev, ctx, `Budget set to ${formatBudget(budget)} by @${ev.actor}`);
      const note = capped.length ? ` ${describeCaps(capped)}` : '';
      const then = live
        ? ' The running loop uses it from its next step.'
        : r.state === 'budget-limited'
          ? resumeBlockedByBudget(r)
            ? ` Still used up (${resumeBlockedByBudget(r)}): raise it further before \`/goal resume\`.`
            : ' Reply `/goal resume` to continue.'
          : '';
      return {
        record: r,
        effects: [say(`Budget is now ${formatBudget(budget)}.${note}${then}`)],
        outcome: 'budget set',
      };
    }

    case 'edit': {
      if (record.state === 'cleared') return refusedCleared(record, say);
      const r = draft(record, ctx);
      r.contract = { ...structuredClone(cmd.contract), steering: record.contract.steering };
      r.contractRevision += 1;
      resetStall(r);
      const note = `objective edited by @${ev.actor}`;
      logCommand(r, ev, ctx, `Objective edited by @${ev.actor}`);
      return {
        record: r,
        effects: [
          { kind: 'contract-changed', revision: r.contractRevision, note },
          say(
            live
              ? 'Objective updated; the running loop switches to it at its next step.'
              : ACTIVE.includes(r.state)
                ? 'Objective updated; the goal pursues it when its run starts.'
                : 'Objective updated. `/goal resume` continues with it.',
          ),
        ],
        outcome: 'edited',
      };
    }

    case 'resume': {
      if (record.state === 'cleared')
        return unchanged(record, 'nothing to resume', [
          say('There is no goal to resume here. Start one with `/goal <objective>`.'),
        ]);
      if (live && !cmd.guidance)
        return unchanged(record, 'already running', [say('The goal is already running.')]);
      if (live) {
        // Guidance for a running goal is steering it follows from its next step, not lost.
        const r = draft(record, ctx);
        r.contract.steering.push(cmd.guidance!);
        r.contractRevision += 1;
        logCommand(r, ev, ctx, `Guidance added by @${ev.actor}`);
        return {
          record: r,
          effects: [
            {
              kind: 'contract-changed',
              revision: r.contractRevision,
              note: `guidance from @${ev.actor}`,
            },
            say('The goal is already running; it follows your guidance from its next step.'),
          ],
          outcome: 'guidance added to the running goal',
        };
      }
      const blocked = resumeBlockedByBudget(record);
      if (blocked)
        return unchanged(record, 'resume refused: budget used up', [
          say(
            `The budget is still used up (${blocked}; budget ${formatBudget(record.budget)}). Raise it first, e.g. \`/goal budget ${Math.ceil((record.budget.tokens * 2) / 1e6)}M\`, then \`/goal resume\`.`,
          ),
        ]);
      const r = draft(record, ctx);
      const effects: Effect[] = [];
      if (cmd.guidance) {
        r.contract.steering.push(cmd.guidance);
        r.contractRevision += 1;
        effects.push({
          kind: 'contract-changed',
          revision: r.contractRevision,
          note: `guidance from @${ev.actor}`,
        });
      }
      queue(r);
      logCommand(r, ev, ctx, `Resumed${cmd.guidance ? ' with guidance' : ''} by @${ev.actor}`);
      effects.push({ kind: 'label', state: 'queued' }, { kind: 'pursue' });
      if (ev.notices?.length) effects.push(reply('', ev.notices));
      return { record: r, effects, outcome: 'resumed' };
    }
  }
}

function refusedCleared(record: GoalRecord, say: (t: string) => Effect): Transition {
  return unchanged(record, 'goal cleared', [
    say('The goal was cleared. `/goal <objective>` starts a new goal.'),
  ]);
}

/** A new objective or contract: the stall count starts again (the best score is kept). */
function resetStall(r: GoalRecord): void {
  r.stall = {
    idle: 0,
    nudged: false,
    ...(r.stall.bestScore !== undefined ? { bestScore: r.stall.bestScore } : {}),
  };
}

function queue(r: GoalRecord): void {
  r.state = 'queued';
  delete r.stopReason;
}

// ---------------------------------------------------------------- system events

export function applySystem(
  record: GoalRecord | null,
  ev: SystemEvent,
  ctx: TransitionContext,
): Transition {
  if (!record) return unchanged(null, ev.kind === 'rerun' ? 'not-a-rerun' : 'no goal');
  switch (ev.kind) {
    case 'loop-started': {
      const r = draft(record, ctx);
      r.state = 'pursuing';
      delete r.stopReason;
      r.runs.push({ id: ev.runId, ...(ev.runUrl ? { url: ev.runUrl } : {}), startedAt: ctx.now });
      r.lock = { runId: ev.runId, heartbeatAt: ctx.now };
      return { record: r, effects: [{ kind: 'label', state: 'pursuing' }], outcome: 'pursuing' };
    }

    case 'loop-stopped': {
      const r = draft(record, ctx);
      const run = r.runs.findLast((x) => x.id === ctx.runId) ?? r.runs.at(-1);
      if (run) run.endedAt = ctx.now;
      return { record: r, effects: stopHere(r, ev.reason), outcome: `stopped: ${r.state}` };
    }

    case 'deadline-reached':
      return unchanged(record, 'run deadline reached', [
        { kind: 'stop-loop', reason: stops.deadline() },
      ]);

    case 'lock-lost':
      return unchanged(record, `lock lost to run ${ev.by}`, [{ kind: 'abandon-loop', by: ev.by }]);

    case 'rerun':
      return rerun(record, ev, ctx);

    case 'continuation-issued': {
      const r = draft(record, ctx);
      r.continuation = { nonceHash: ev.nonceHash, issuedAt: ctx.now, byRun: ev.runId };
      return { record: r, effects: [], outcome: 'continuation issued' };
    }

    case 'continuation-consumed': {
      if (!record.continuation || record.continuation.consumedBy === ev.runId)
        return unchanged(record, 'no continuation to consume');
      const r = draft(record, ctx);
      r.continuation!.consumedBy = ev.runId;
      return { record: r, effects: [], outcome: 'continuation consumed' };
    }

    case 'failed-outside-loop': {
      // Only a goal that waited for this run is marked: a bad input on `/goal status` of an
      // achieved goal leaves it achieved, and a goal another run drives is that run's.
      if (!ACTIVE.includes(record.state) || isLive(record, ctx))
        return unchanged(record, `failed outside the loop: ${ev.error}`);
      const r = draft(record, ctx);
      const effects = stopHere(r, stops.failed(ev.error, ev.action, ev.cause));
      return { record: r, effects, outcome: `failed: ${ev.error}` };
    }
  }
}

/** "Re-run jobs" never starts a second goal: it continues an interrupted one or only refreshes. */
export type RerunDecision =
  { kind: 'not-a-rerun' } | { kind: 'continue' } | { kind: 'refresh'; reason: string };

export function rerunDecision(
  record: GoalRecord | null,
  run: { id: string; attempt: number },
): RerunDecision {
  // The run worked on the goal: it ran its loop, or it applied a command (queued it, say).
  const worked =
    record?.runs.some((r) => r.id === run.id) || record?.commands?.some((c) => c.runId === run.id);
  if (!record || run.attempt <= 1 || !worked) return { kind: 'not-a-rerun' };
  if (record.state === 'achieved')
    return { kind: 'refresh', reason: 'The goal is already achieved; the re-run changed nothing.' };
  if (record.state === 'cleared')
    return { kind: 'refresh', reason: 'The goal was cleared; the re-run changed nothing.' };
  if (record.state === 'failed' && !rerunContinuesFailure(record))
    return {
      kind: 'refresh',
      reason:
        'The goal failed in a way a re-run cannot fix; fix the cause, then reply `/goal resume`.',
    };
  const budget = resumeBlockedByBudget(record);
  if (budget)
    return {
      kind: 'refresh',
      reason: `The budget is still used up (${budget}); raise it with \`/goal budget\`, then \`/goal resume\`.`,
    };
  return { kind: 'continue' };
}

function rerun(
  record: GoalRecord,
  ev: Extract<SystemEvent, { kind: 'rerun' }>,
  ctx: TransitionContext,
): Transition {
  const decision = rerunDecision(record, { id: ev.runId, attempt: ev.attempt });
  if (decision.kind === 'not-a-rerun') return unchanged(record, 'not-a-rerun');
  if (decision.kind === 'refresh')
    return unchanged(record, `re-run: ${decision.reason}`, [{ kind: 'render-status' }]);
  if (isLive(record, ctx))
    return unchanged(record, 're-run: the goal is already running', [
      reply('The goal is already running.'),
    ]);
  const r = draft(record, ctx);
  queue(r);
  logProgress(r, {
    iteration: r.iteration,
    kind: 'control',
    text: `Re-run (attempt ${ev.attempt}): continuing`,
  });
  return {
    record: r,
    effects: [{ kind: 'label', state: 'queued' }, { kind: 'pursue' }],
    outcome: 're-run continues the goal',
  };
}

// ---------------------------------------------------------------- write conflicts

/**
 * The running loop's write hit a conflict: someone (the route job, the CLI) changed the stored
 * record. The loop keeps its own record (its spending, iterations, evidence) and takes on every
 * command the stored record applied that it has not: the stored contract and budget, a stop for a
 * pause or clear. A goal now held by another run, or replaced by a new goal, is abandoned.
 */
export function reconcile(
  mine: GoalRecord,
  stored: GoalRecord,
  ctx?: Partial<TransitionContext>,
): Transition {
  if (stored.id !== mine.id)
    return unchanged(stored, 'the goal was replaced by a new one', [
      { kind: 'abandon-loop', by: stored.lock?.runId ?? 'a new goal' },
    ]);
  if (stored.lock && mine.lock && stored.lock.runId !== mine.lock.runId)
    return unchanged(stored, `lock lost to run ${stored.lock.runId}`, [
      { kind: 'abandon-loop', by: stored.lock.runId },
    ]);
  const missing = (stored.commands ?? []).filter((c) => !hasApplied(mine, c.id));
  // The Action's continuation nonce: a consumed one stays consumed, a newer one wins.
  const [a, b] = [mine.continuation, stored.continuation];
  const takeContinuation =
    b !== undefined &&
    (!a ||
      (a.nonceHash === b.nonceHash ? !a.consumedBy && !!b.consumedBy : b.issuedAt > a.issuedAt));
  const takePr = !mine.pr && stored.pr !== undefined;
  if (missing.length === 0 && !takeContinuation && !takePr)
    return unchanged(mine, 'nothing to reconcile');
  const r = structuredClone(mine);
  if (ctx?.now) r.updatedAt = ctx.now;
  if (takeContinuation) r.continuation = structuredClone(b);
  if (takePr) r.pr = structuredClone(stored.pr);
  const effects: Effect[] = [];

  let contractChanged = false;
  for (const c of missing) {
    switch (c.kind) {
      case 'edit':
      case 'resume':
        contractChanged ||= stored.contractRevision !== r.contractRevision;
        if (c.kind === 'edit') resetStall(r);
        break;
      case 'budget':
        r.budget = structuredClone(stored.budget);
        break;
      case 'pause':
        effects.push({ kind: 'stop-loop', reason: stops.pausedBy(c.actor) });
        break;
      case 'clear':
        effects.push({ kind: 'stop-loop', reason: stops.clearedBy(c.actor) });
        break;
      default:
        break; // start is a new goal (handled above); status and ask change nothing
    }
    r.commands = withApplied(r.commands, c);
    logProgress(r, { iteration: r.iteration, kind: 'control', text: c.text });
  }
  if (contractChanged) {
    r.contract = structuredClone(stored.contract);
    r.contractRevision = stored.contractRevision;
    const by = missing.filter((c) => c.kind === 'edit' || c.kind === 'resume').at(-1);
    effects.push({
      kind: 'contract-changed',
      revision: r.contractRevision,
      note: by ? lowerFirst(by.text) : 'contract changed',
    });
  }
  return { record: r, effects, outcome: `reconciled ${missing.length} command(s)` };
}
