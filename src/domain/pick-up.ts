// Which goal a `mode: pursue` job may run: one that waits for a loop. Queued (the route job just
// queued it), a re-run of a run that worked on it and was interrupted, or one still `pursuing`
// whose run died holding the lock. Everything else belongs to a person or to a live run.
import type { GoalRecord } from '../engine/types.js';
import type { TransitionContext } from './commands.js';
import { applySystem } from './transitions.js';

export type PickUp = { kind: 'run'; record: GoalRecord } | { kind: 'skip'; reason: string };

export function pickUpDecision(
  record: GoalRecord,
  ctx: TransitionContext & { attempt: number },
): PickUp {
  const rerun = applySystem(record, { kind: 'rerun', runId: ctx.runId, attempt: ctx.attempt }, ctx);
  if (rerun.effects.some((e) => e.kind === 'pursue') && rerun.record)
    return { kind: 'run', record: rerun.record };
  // A re-run that only refreshes (the goal is done, or failed for good) runs nothing, queued or not.
  if (rerun.effects.length > 0)
    return { kind: 'skip', reason: rerun.outcome.replace(/^re-run: /, '') };
  if (ctx.loopRunning) return { kind: 'skip', reason: 'Another run is pursuing the goal.' };
  if (record.state === 'queued' || record.state === 'pursuing') return { kind: 'run', record };
  return { kind: 'skip', reason: `Nothing to pursue: the goal is ${record.state}.` };
}
