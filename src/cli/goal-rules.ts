// What `resume`, `budget` and a repeated `run` may do to a stored local goal, decided from the
// record alone (pure, apart from asking whether a process is alive). The wording is the CLI's;
// the rules are the Action's: a budget-limited goal resumes only once the limit that stopped it
// was raised (resumeBlockedByBudget, shared with src/action/route.ts), guidance becomes steering,
// and a goal that is running, achieved or cleared is never resumed.
import { capBudget, formatBudget, type BudgetCap } from '../config/budget.js';
import { resumeBlockedByBudget } from '../engine/ledger.js';
import { logProgress } from '../engine/record.js';
import type { BudgetLimits, GoalRecord } from '../engine/types.js';
import { raisedBudgetCommand } from '../report/format.js';

/** Resume guidance longer than this is refused where it enters, never cut inside the record. */
export const MAX_GUIDANCE_CHARS = 4_000;

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
  switch (record.state) {
    case 'achieved':
      return {
        ok: false,
        reason: `the goal on ${where} is already achieved: every required verifier passes`,
        fix: `Review and merge ${where}. To pursue it again from scratch, delete the branch (git branch -D ${where}) and run again; its record is then archived, not lost.`,
      };
    case 'cleared':
      return {
        ok: false,
        reason: `the goal on ${where} was cleared`,
        fix: `To start over, delete the branch (git branch -D ${where}) and run again; its record is then archived, not lost.`,
      };
    case 'pursuing':
    case 'queued':
      // Its run is gone without stopping it (killed, crashed, the machine went down).
      return {
        ok: true,
        note: `The last run of this goal ended without stopping it (killed or crashed); it continues from its last checkpoint.`,
      };
    default: {
      const blocked = resumeBlockedByBudget(record);
      if (!blocked) return { ok: true };
      const raise = raiseCommand(record);
      return {
        ok: false,
        reason: `the budget is still used up: ${blocked}`,
        fix: `Raise it first${raise ? `, e.g. ${raise}` : ' with goal-action budget <amount>'}, then goal-action resume.`,
      };
    }
  }
}

/** Guidance that may become steering, or why not (it is the person's own text: no sanitising). */
export function guidanceProblem(guidance: string): string | null {
  if (guidance.length <= MAX_GUIDANCE_CHARS) return null;
  return `The guidance is ${guidance.length} characters; at most ${MAX_GUIDANCE_CHARS} are kept with the goal. Say it more briefly (or put the details in a file of the repository and name it).`;
}

/** Puts a stopped goal back in the queue, as `/goal resume` does; guidance joins the steering. */
export function resumeRecord(record: GoalRecord, guidance: string | undefined): GoalRecord {
  const text = guidance?.trim();
  if (text) {
    record.contract.steering.push(text);
    record.contractRevision += 1;
  }
  record.state = 'queued';
  delete record.stopReason;
  delete record.lock;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Resumed${text ? ' with guidance' : ''} (local)`,
  });
  record.updatedAt = new Date().toISOString();
  return record;
}

/** Sets or raises the budget as `/goal budget` does: given dimensions replace, capped by the maximum. */
export function setBudget(
  record: GoalRecord,
  requested: Partial<BudgetLimits>,
  maxBudget: BudgetLimits,
): { budget: BudgetLimits; capped: BudgetCap[] } {
  const result = capBudget({ ...record.budget, ...requested }, maxBudget);
  record.budget = result.budget;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Budget set to ${formatBudget(result.budget)} (local)`,
  });
  record.updatedAt = new Date().toISOString();
  return result;
}
