// The budget ledger: charges every model call, counts time and iterations, and says which limit
// (if any) stops the goal. Cumulative across runs: it lives in the goal record.
import { costUsd, type ModelPrice } from './prices.js';
import type { BudgetDimension, BudgetLimits, GoalRecord, Ledger, Usage } from './types.js';

export function emptyUsage(): Usage {
  return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

export function emptyLedger(): Ledger {
  return { usage: emptyUsage(), tokens: 0, usd: 0, elapsedSec: 0, modelCalls: 0 };
}

/** input − cached + output, as OpenAI bills. Reasoning tokens are already part of output. */
export function billedTokens(usage: Usage): number {
  return Math.max(0, usage.inputTokens - usage.cachedInputTokens) + usage.outputTokens;
}

export function charge(ledger: Ledger, usage: Usage, price: ModelPrice): number {
  const tokens = billedTokens(usage);
  ledger.usage.inputTokens += usage.inputTokens;
  ledger.usage.cachedInputTokens += usage.cachedInputTokens;
  ledger.usage.outputTokens += usage.outputTokens;
  ledger.usage.reasoningTokens += usage.reasoningTokens;
  ledger.tokens += tokens;
  ledger.usd += costUsd(usage, price);
  ledger.modelCalls += 1;
  return tokens;
}

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

/**
 * Would one more call, of this estimated size, cross a limit? The call is refused before it is
 * made, so the only overshoot the goal can suffer is the single wrap-up turn.
 */
export function callWouldExceed(
  record: GoalRecord,
  estimatedInputTokens: number,
  maxOutputTokens: number,
  price: ModelPrice,
): LimitHit | null {
  const projectedTokens = record.ledger.tokens + estimatedInputTokens + maxOutputTokens;
  if (projectedTokens > record.budget.tokens)
    return {
      dimension: 'tokens',
      detail: `the next call (~${estimatedInputTokens + maxOutputTokens} tokens) would pass the token budget (${record.ledger.tokens} of ${record.budget.tokens} used)`,
    };
  const projectedUsd =
    record.ledger.usd +
    costUsd(
      {
        inputTokens: estimatedInputTokens,
        cachedInputTokens: 0,
        outputTokens: maxOutputTokens,
        reasoningTokens: 0,
      },
      price,
    );
  if (projectedUsd > record.budget.usd)
    return {
      dimension: 'usd',
      detail: `the next call would pass the USD budget ($${record.ledger.usd.toFixed(2)} of $${record.budget.usd.toFixed(2)} used)`,
    };
  return null;
}

/** Tokens left before the token limit; never negative. */
export function remainingTokens(record: GoalRecord): number {
  return Math.max(0, record.budget.tokens - record.ledger.tokens);
}

export function raiseBudget(current: BudgetLimits, requested: Partial<BudgetLimits>): BudgetLimits {
  return { ...current, ...requested };
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
