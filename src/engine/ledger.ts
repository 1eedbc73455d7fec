// The budget ledger: charges every model call, counts time and iterations, and says which limit
// (if any) stops the goal. Cumulative across runs: it lives in the goal record.
import type { LimitHit } from '../domain/limits.js';
import { costUsd, type ModelPrice } from './prices.js';
import type { GoalRecord, Ledger, Usage } from './types.js';

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

// The limit rules live in the domain (src/domain/limits.ts): the state machine decides with them.
export { limitReached, limitOf, resumeBlockedByBudget, type LimitHit } from '../domain/limits.js';
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
