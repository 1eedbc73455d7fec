// What `resume`, `budget` and a repeated `run` may do to a stored local goal. The state machine
// decides (src/domain/transitions.ts, as for the Action's `/goal resume` and `/goal budget`): a
// budget-limited goal resumes only once the limit that stopped it was raised, guidance becomes
// steering, a cleared goal is not resumed, and every command is logged in the record once. The
// CLI adds what only it can know — whether the process of a local run is alive — and its own
// words; it also refuses to resume an achieved goal (the Action offers no next step for one
// either: nothing is left to continue).
import { userInfo } from 'node:os';
import { capBudget, type BudgetCap } from '../config/budget.js';
import { commandIds, type CommandEvent, type DomainCommand } from '../domain/commands.js';
import { resumeBlockedByBudget } from '../domain/limits.js';
import { applyCommand, type Transition } from '../domain/transitions.js';
import type { BudgetLimits, GoalRecord } from '../engine/index.js';
import { CliError } from './errors.js';
import { raisedBudgetCommand } from '../report/format.js';
import { capText, TEXT_LIMITS } from '../trigger/commands.js';

/** Resume guidance is kept up to the Action's cap (src/trigger/commands.ts), never cut later. */
export const MAX_GUIDANCE_CHARS = TEXT_LIMITS.guidance;

export type Verdict = { ok: true; note?: string } | { ok: false; reason: string; fix: string };

/** The pid of the local run that holds the goal's lock, when that process is still alive. */
export function liveRun(record: GoalRecord, alive = processAlive): number | undefined {
  const pid = /^local-(\d+)$/.exec(record.lock?.runId ?? '')?.[1];
  if (!pid || !['pursuing', 'queued'].includes(record.state)) return undefined;
  return alive(Number(pid)) ? Number(pid) : undefined;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // this process is deciding: it runs no loop yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `goal-action budget …` amount that doubles the limit that ran out, if one did. */
export function raiseCommand(record: GoalRecord): string | undefined {
  const reason = record.stopReason;
  if (reason?.kind !== 'budget-limited') return undefined;
  return raisedBudgetCommand(record, reason.dimension)?.replace(/^\/goal /, 'goal-action ');
}

/** Commands this process applied: two in the same millisecond still get two ids. */
let applied = 0;

/** The command applied by the state machine, as this CLI process. */
function apply(record: GoalRecord, command: DomainCommand, maxBudget?: BudgetLimits): Transition {
  const now = new Date().toISOString();
  // The state machine applies an id once: `budget` then `resume` of one `run` must differ.
  const id = commandIds.cli(`${now}#${process.pid}.${++applied}`);
  return applyCommand(
    record,
    { id, actor: actor(), command },
    {
      // Every caller refused a goal whose local run is alive first (liveRun).
      loopRunning: false,
      now,
      runId: `local-${process.pid}`,
      // Only `budget` caps; the others never read it.
      maxBudget: maxBudget ?? record.budget,
    },
  );
}

function actor(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

/** May the goal be continued now? If not: why, and what to type. */
export function resumeVerdict(record: GoalRecord, alive = processAlive): Verdict {
  const where = record.branch;
  const pid = liveRun(record, alive);
  if (pid !== undefined)
    return {
      ok: false,
      reason: `the goal on ${where} is running now (process ${pid})`,
      fix: 'Press Ctrl-C in its terminal to pause it after the current step, then resume it.',
    };
  if (record.state === 'achieved')
    return {
      ok: false,
      reason: `the goal on ${where} is already achieved: every required verifier passes`,
      fix: `Review and merge ${where}. To pursue it again from scratch, delete the branch (git branch -D ${where}) and run again; its record is then archived, not lost.`,
    };
  const outcome = apply(record, { kind: 'resume' }).outcome;
  if (outcome === 'resumed')
    return record.state === 'pursuing' || record.state === 'queued'
      ? {
          ok: true,
          // Its run is gone without stopping it (killed, crashed, the machine went down).
          note: 'The last run of this goal ended without stopping it (killed or crashed); it continues from its last checkpoint.',
        }
      : { ok: true };
  if (record.state === 'cleared')
    return {
      ok: false,
      reason: `the goal on ${where} was cleared`,
      fix: `To start over, delete the branch (git branch -D ${where}) and run again; its record is then archived, not lost.`,
    };
  const blocked = resumeBlockedByBudget(record);
  if (blocked) {
    const raise = raiseCommand(record);
    return {
      ok: false,
      reason: `the budget is still used up: ${blocked}`,
      fix: `Raise it first${raise ? `, e.g. ${raise}` : ' with goal-action budget <amount>'}, then goal-action resume.`,
    };
  }
  return {
    ok: false,
    reason: `the goal cannot be resumed (${outcome})`,
    fix: 'See goal-action status.',
  };
}

/**
 * Guidance capped where it enters, as `/goal resume` caps it, with the notice to show when it was
 * shortened (it is the person's own text: no sanitising).
 */
export function capGuidance(guidance: string): { text: string; notice?: string } {
  const cut = capText(guidance.trim(), 'guidance');
  return cut.notice ? { text: cut.text, notice: cut.notice.replace(/^✂️\s*/, '') } : cut;
}

/** The goal queued again, as `/goal resume` queues it; guidance joins the steering. */
export function resumeRecord(record: GoalRecord, guidance: string | undefined): GoalRecord {
  const text = guidance?.trim();
  const t = apply(record, { kind: 'resume', ...(text ? { guidance: text } : {}) });
  if (t.outcome !== 'resumed' || !t.record)
    throw new Error(`resume was refused after it was allowed: ${t.outcome}`);
  return t.record;
}

/** A `budget` command for the running loop of this goal to apply (posted to its inbox). */
export function budgetEvent(requested: Partial<BudgetLimits>): CommandEvent {
  const id = commandIds.cli(`${new Date().toISOString()}#${process.pid}.${++applied}`);
  return { id, actor: actor(), command: { kind: 'budget', requested } };
}

/**
 * Commands posted while a run was alive that no record has applied yet (the loop ended before
 * its next poll): applied now, in order, as the loop would have; already applied ones are skipped.
 */
export function applyPending(
  record: GoalRecord,
  pending: CommandEvent[],
  maxBudget: BudgetLimits,
): GoalRecord {
  let current = record;
  for (const event of pending) {
    const t = applyCommand(current, event, {
      loopRunning: false,
      now: new Date().toISOString(),
      runId: `local-${process.pid}`,
      maxBudget,
    });
    if (t.record) current = t.record;
  }
  return current;
}

/** The goal with its budget set or raised as `/goal budget` sets it: given dimensions replace, capped. */
export function setBudget(
  record: GoalRecord,
  requested: Partial<BudgetLimits>,
  maxBudget: BudgetLimits,
): { record: GoalRecord; capped: BudgetCap[] } {
  const t = apply(record, { kind: 'budget', requested }, maxBudget);
  if (!t.record || t.outcome !== 'budget set')
    throw new CliError(`The budget of the goal on ${record.branch} was not changed: ${t.outcome}.`);
  return { record: t.record, capped: capBudget(requested, maxBudget).capped };
}
