// USD per million tokens. Versioned so a status comment can say which table priced it; users
// override per model in .github/goal.yml (`prices:`). Estimates only: the provider's invoice rules.
import type { Usage } from './types.js';

export const PRICE_TABLE_VERSION = '2026-11';

export interface ModelPrice {
  input: number;
  cachedInput: number;
  output: number;
}

export type PriceTable = Record<string, ModelPrice>;

const TABLE: PriceTable = {
  'gpt-5.1-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5.1-codex-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5.1': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'replay-demo': { input: 0, cachedInput: 0, output: 0 },
};

/** Unknown models are priced like the dearest common model, so the USD limit errs on the safe side. */
export const FALLBACK_PRICE: ModelPrice = { input: 2.5, cachedInput: 1.25, output: 10 };

export interface PriceLookup {
  price: ModelPrice;
  /** False when the model is not in the table and the fallback was used. */
  known: boolean;
}

export function priceFor(model: string, overrides: PriceTable = {}): PriceLookup {
  const exact = overrides[model] ?? TABLE[model];
  if (exact) return { price: exact, known: true };
  // Dated snapshots ("gpt-4.1-2025-04-14") and provider prefixes ("openai/gpt-5") price as their family.
  const bare = model.replace(/^.*\//, '');
  const family = Object.keys({ ...TABLE, ...overrides })
    .filter((name) => bare.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  if (family) return { price: overrides[family] ?? TABLE[family]!, known: true };
  return { price: FALLBACK_PRICE, known: false };
}

export function costUsd(usage: Usage, price: ModelPrice): number {
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens);
  return (
    (uncached * price.input +
      usage.cachedInputTokens * price.cachedInput +
      usage.outputTokens * price.output) /
    1_000_000
  );
}
