// Budgets as people write them, and the ceiling nobody can ask past.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET,
  DEFAULT_MAX_BUDGET,
  applyBudget,
  capBudget,
  describeCaps,
  formatBudget,
  parseBudget,
  resolveLimits,
} from '../../src/config/budget.js';
import { ConfigError } from '../../src/config/errors.js';

function budgetError(text: string): string {
  try {
    parseBudget(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('budget');
    return (error as Error).message;
  }
  throw new Error(`"${text}" parsed`);
}

describe('parseBudget', () => {
  it('reads a full budget', () => {
    expect(parseBudget('2M tokens, $5, 3h, 40 iterations')).toEqual({
      tokens: 2_000_000,
      usd: 5,
      timeSec: 10_800,
      iterations: 40,
    });
  });

  it('reads single amounts', () => {
    expect(parseBudget('2M')).toEqual({ tokens: 2_000_000 });
    expect(parseBudget('500k')).toEqual({ tokens: 500_000 });
    expect(parseBudget('1.5m')).toEqual({ tokens: 1_500_000 });
    expect(parseBudget('2,000,000 tokens')).toEqual({ tokens: 2_000_000 });
    expect(parseBudget('$5')).toEqual({ usd: 5 });
    expect(parseBudget('12.50 USD')).toEqual({ usd: 12.5 });
    expect(parseBudget('3h')).toEqual({ timeSec: 10_800 });
    expect(parseBudget('1h30m')).toEqual({ timeSec: 5_400 });
    expect(parseBudget('90min')).toEqual({ timeSec: 5_400 });
    expect(parseBudget('2 days')).toEqual({ timeSec: 172_800 });
    expect(parseBudget('40 iterations')).toEqual({ iterations: 40 });
  });

  it('accepts other separators', () => {
    expect(parseBudget('5M tokens and $20; 6h\n100 iterations')).toEqual({
      tokens: 5_000_000,
      usd: 20,
      timeSec: 21_600,
      iterations: 100,
    });
  });

  it('reads a lone M as million tokens, not minutes (documented)', () => {
    expect(parseBudget('90m')).toEqual({ tokens: 90_000_000 });
  });

  it('refuses nonsense with an actionable message', () => {
    expect(budgetError('')).toContain('write an amount like `2M tokens, $5, 3h, 40 iterations`');
    expect(budgetError('40')).toContain(
      '"40" has no unit — write `40k tokens`, `$40`, `40h` or `40 iterations`',
    );
    expect(budgetError('lots')).toContain('"lots" is not an amount');
    expect(budgetError('unlimited')).toContain('always finite');
    expect(budgetError('$0')).toContain('more than zero');
    expect(budgetError('2M, 3M')).toContain('tokens given twice');
    expect(budgetError('1.5 iterations')).toContain('not an amount');
  });
});

describe('formatBudget', () => {
  it('writes budgets the way people do, and parseBudget reads them back', () => {
    const cases = [
      DEFAULT_BUDGET,
      DEFAULT_MAX_BUDGET,
      { tokens: 1_500_000, usd: 2.5, timeSec: 5_400, iterations: 1 },
      { tokens: 1_234_567, usd: 0.125, timeSec: 1_800, iterations: 7 },
      { tokens: 500_000, usd: 3, timeSec: 90_061, iterations: 500 },
    ];
    expect(formatBudget(DEFAULT_BUDGET)).toBe('2M tokens, $10, 5h, 60 iterations');
    expect(formatBudget({ timeSec: 1_800 })).toBe('30min');
    for (const budget of cases) expect(parseBudget(formatBudget(budget))).toEqual(budget);
  });
});

describe('caps', () => {
  const max = { tokens: 20_000_000, usd: 50, timeSec: 48 * 3600, iterations: 500 };

  it('caps what exceeds the maximum and says which dimensions', () => {
    const { budget, capped } = capBudget({ tokens: 50_000_000, usd: 5 }, max);
    expect(budget).toEqual({ tokens: 20_000_000, usd: 5 });
    expect(capped).toEqual([{ dimension: 'tokens', requested: 50_000_000, max: 20_000_000 }]);
    expect(describeCaps(capped)).toBe(
      "tokens capped at 20M tokens (asked for 50M tokens): the repository's `max-budget` does not allow more.",
    );
    expect(describeCaps([])).toBe('');
  });

  it('applies a request on top of a base budget, reporting only requested caps', () => {
    const base = { tokens: 2_000_000, usd: 100, timeSec: 3600, iterations: 40 };
    const { budget, capped } = applyBudget({ iterations: 1000 }, base, max);
    expect(budget).toEqual({ tokens: 2_000_000, usd: 50, timeSec: 3600, iterations: 500 });
    expect(capped.map((c) => c.dimension)).toEqual(['iterations']);
  });

  it('lets the repository file override the inputs per dimension, never above the ceiling', () => {
    const limits = resolveLimits(
      { budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET },
      { budget: { usd: 500 }, maxBudget: { usd: 200 } },
    );
    expect(limits.maxBudget).toEqual({ ...DEFAULT_MAX_BUDGET, usd: 200 });
    expect(limits.budget).toEqual({ ...DEFAULT_BUDGET, usd: 200 });
    expect(
      resolveLimits({ budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET }, null).budget,
    ).toEqual(DEFAULT_BUDGET);
  });
});
