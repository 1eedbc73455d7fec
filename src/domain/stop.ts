// Stop reasons as values. Every stop the Action makes itself says WHY as a structured cause, so
// what happens next (continue automatically, continue on re-run, wait for a person) is decided by
// the cause and never by matching words in the detail text.
import type { FailCause, GoalRecord, PauseCause, StopReason } from '../engine/types.js';

type Paused = Extract<StopReason, { kind: 'paused' }>;
type Failed = Extract<StopReason, { kind: 'failed' }>;
type Cleared = Extract<StopReason, { kind: 'cleared' }>;

export const stops = {
  pausedBy: (actor: string): Paused => ({
    kind: 'paused',
    detail: `Paused by @${actor}.`,
    cause: 'user',
  }),
  clearedBy: (actor: string): Cleared => ({ kind: 'cleared', detail: `Cleared by @${actor}.` }),
  /** The run reached its job time limit: the Action starts the next run itself. */
  deadline: (): Paused => ({
    kind: 'paused',
    detail: 'This run reached its time limit; the goal continues in the next run.',
    cause: 'deadline',
  }),
  /** The runner cancelled the run (SIGTERM, a cancelled job). */
  cancelled: (): Paused => ({
    kind: 'paused',
    detail: 'The run was cancelled; continue with `/goal resume`.',
    cause: 'signal',
  }),
  /** confirm-contract: the model restated the contract and waits for a maintainer. */
  awaitingConfirmation: (): Paused => ({
    kind: 'paused',
    detail:
      'Waiting for a maintainer to confirm the restated contract: reply `/goal resume` to start.',
    cause: 'confirm',
  }),
  lockLost: (byRun: string): Paused => ({
    kind: 'paused',
    detail: `Another run (${byRun}) took the goal over.`,
    cause: 'lock-lost',
  }),
  failed: (error: string, action: string, cause: FailCause): Failed => ({
    kind: 'failed',
    error,
    action,
    cause,
  }),
};

/** The pause's cause; a record written before causes existed reads as paused by a person. */
export function pauseCause(reason: StopReason | undefined): PauseCause | undefined {
  return reason?.kind === 'paused' ? (reason.cause ?? 'user') : undefined;
}

/** Failures a plain re-run can get past: the provider was down, or the run died. */
const RERUN_FIXES: readonly FailCause[] = ['transient', 'start-up', 'crash'];

/**
 * Does re-running the workflow continue this failed goal? By its cause; a record written before
 * causes existed keeps the rule it was written under (its next step offered a re-run).
 */
export function rerunContinuesFailure(record: GoalRecord): boolean {
  const reason = record.stopReason;
  if (reason?.kind !== 'failed') return false;
  if (reason.cause !== undefined) return RERUN_FIXES.includes(reason.cause);
  return /re-run/i.test(reason.action);
}

/** The goal paused at its run's deadline: the Action starts the next run itself. */
export function continuesItself(record: GoalRecord): boolean {
  return record.state === 'paused' && pauseCause(record.stopReason) === 'deadline';
}
