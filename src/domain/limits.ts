// The budget's limits as rules on the record: which limit (if any) stops the goal, and whether a
// budget-limited goal may resume. Pure; the engine's ledger charges, this module only judges.
import type { BudgetDimension, BudgetLimits, GoalRecord } from '../engine/types.js';

export interface LimitHit {
  dimension: BudgetDimension;
  detail: string;
}

/**
 * The first limit that is used up, or null. Within an iteration the iteration count is not a
 * limit: the iteration that was allowed to start may finish its work.
 */
export function limitReached(record: GoalRecord, withinIteration = false): LimitHit | null {
  const { budget, ledger } = record;
  if (ledger.tokens >= budget.tokens)
    return {
      dimension: 'tokens',
      detail: `token budget used (${ledger.tokens} of ${budget.tokens})`,
    };
  if (ledger.usd >= budget.usd)
    return {
      dimension: 'usd',
      detail: `USD budget used ($${ledger.usd.toFixed(2)} of $${budget.usd.toFixed(2)})`,
    };
  if (ledger.elapsedSec >= budget.timeSec)
    return {
      dimension: 'time',
      detail: `time budget used (${Math.round(ledger.elapsedSec / 60)} of ${Math.round(budget.timeSec / 60)} minutes)`,
    };
  if (!withinIteration && record.iteration >= budget.iterations)
    return {
      dimension: 'iterations',
      detail: `iteration budget used (${record.iteration} of ${budget.iterations})`,
    };
  return null;
}

const DIMENSION_KEY: Partial<Record<BudgetDimension, keyof BudgetLimits>> = {
  tokens: 'tokens',
  usd: 'usd',
  time: 'timeSec',
  iterations: 'iterations',
};

export function limitOf(budget: BudgetLimits, dimension: BudgetDimension): number | undefined {
  const key = DIMENSION_KEY[dimension];
  return key ? budget[key] : undefined;
}

/**
 * Why a budget-limited goal may not resume yet, or null. The limit that stopped it must have been
 * raised (a provider quota stop may resume at once: the fix is on the provider's side).
 */
export function resumeBlockedByBudget(record: GoalRecord): string | null {
  const hit = limitReached(record);
  if (hit) return hit.detail;
  const reason = record.stopReason;
  if (
    record.state !== 'budget-limited' ||
    reason?.kind !== 'budget-limited' ||
    reason.limit === undefined
  )
    return null;
  const now = limitOf(record.budget, reason.dimension);
  return now !== undefined && now <= reason.limit ? reason.detail : null;
}
