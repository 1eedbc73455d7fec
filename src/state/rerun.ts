// What "Re-run jobs" in the Actions UI means for a goal, as one pure rule (for the goal's state
// machine to absorb): a re-run of a run that worked on the goal never starts a second goal. It
// continues a goal that was interrupted (paused, cancelled, a run that died, a transient failure),
// and spends nothing on a goal that is done (achieved, cleared), failed for good (a failure that
// re-running cannot fix, e.g. a bad API key), or still out of budget: those only refresh the status.
import { resumeBlockedByBudget } from '../engine/ledger.js';
import type { GoalRecord } from '../engine/types.js';

export type RerunDecision =
  { kind: 'not-a-rerun' } | { kind: 'continue' } | { kind: 'refresh'; reason: string };

/** A failure whose own next step says a re-run continues it (the provider was down, say). */
function failedForGood(record: GoalRecord): boolean {
  const r = record.stopReason;
  return record.state === 'failed' && !(r?.kind === 'failed' && /re-run/i.test(r.action));
}

export function rerunDecision(
  record: GoalRecord | null,
  run: { id: string; attempt: number },
): RerunDecision {
  if (!record || run.attempt <= 1 || !record.runs.some((r) => r.id === run.id))
    return { kind: 'not-a-rerun' };
  if (record.state === 'achieved')
    return { kind: 'refresh', reason: 'The goal is already achieved; the re-run changed nothing.' };
  if (record.state === 'cleared')
    return { kind: 'refresh', reason: 'The goal was cleared; the re-run changed nothing.' };
  if (failedForGood(record))
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
