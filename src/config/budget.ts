// Budgets as people write them ("2M tokens, $5, 3h, 40 iterations") and the rules that bound them:
// every goal has a finite budget, and nobody can ask for more than the repository's maximum.
import type { BudgetLimits } from '../engine/index.js';
import { ConfigError } from './errors.js';
import {
  formatDuration,
  formatTokens,
  formatUsd,
  parseDurationSec,
  parseIterations,
  parseTokens,
  parseUsd,
} from './units.js';

export type BudgetKey = keyof BudgetLimits;

export const BUDGET_EXAMPLE = '2M tokens, $5, 3h, 40 iterations';

/** The defaults of action.yml's `budget` and `max-budget` inputs, for callers without inputs. */
export const DEFAULT_BUDGET: Readonly<BudgetLimits> = Object.freeze({
  tokens: 2_000_000,
  usd: 10,
  timeSec: 5 * 3_600,
  iterations: 60,
});
export const DEFAULT_MAX_BUDGET: Readonly<BudgetLimits> = Object.freeze({
  tokens: 20_000_000,
  usd: 100,
  timeSec: 48 * 3_600,
  iterations: 500,
});

const KEYS: readonly BudgetKey[] = ['tokens', 'usd', 'timeSec', 'iterations'];

const LABEL: Record<BudgetKey, string> = {
  tokens: 'tokens',
  usd: 'USD',
  timeSec: 'time',
  iterations: 'iterations',
};

/**
 * Parses "2M tokens, $5, 3h, 40 iterations" or any single amount ("2M", "$5", "3h", "40 iterations").
 * Parts are separated by commas, semicolons, new lines or "and". A lone `M`/`m` means million
 * tokens; minutes are written `90min` or `1h30m`. Throws ConfigError (with `key`) on anything else.
 */
export function parseBudget(text: string, key = 'budget'): Partial<BudgetLimits> {
  // "2,000,000 tokens": thousands separators are not part separators.
  const cleaned = text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1').trim();
  if (!cleaned) {
    throw new ConfigError(key, `\`${key}\`: empty — write an amount like \`${BUDGET_EXAMPLE}\`.`);
  }
  const budget: Partial<BudgetLimits> = {};
  if (cleaned.length > 300) {
    throw new ConfigError(
      key,
      `\`${key}\`: too long for a budget — write it like \`${BUDGET_EXAMPLE}\`.`,
    );
  }
  const parts = cleaned.split(/[,;\n]/).flatMap((p) => p.replace(/\s+/g, ' ').split(/ and /i));
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const [dimension, value] = parseBudgetPart(trimmed, key);
    if (budget[dimension] !== undefined) {
      throw new ConfigError(
        key,
        `\`${key}\`: ${LABEL[dimension]} given twice in "${text.trim()}".`,
      );
    }
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new ConfigError(key, `\`${key}\`: "${trimmed}" must be more than zero.`);
    }
    budget[dimension] = value;
  }
  return budget;
}

function parseBudgetPart(part: string, key: string): [BudgetKey, number] {
  if (/^(unlimited|infinite|infinity|none|no limit|∞)$/i.test(part)) {
    throw new ConfigError(
      key,
      `\`${key}\`: "${part}" — budgets are always finite; give an amount like \`${BUDGET_EXAMPLE}\`.`,
    );
  }
  const tokens = parseTokens(part);
  if (tokens !== undefined) return ['tokens', tokens];
  const usd = parseUsd(part);
  if (usd !== undefined) return ['usd', usd];
  const iterations = parseIterations(part);
  if (iterations !== undefined) return ['iterations', iterations];
  const time = parseDurationSec(part);
  if (time !== undefined) return ['timeSec', time];
  const bare = /^\d+(?:\.\d+)?$/.test(part) ? part : undefined;
  if (bare) {
    throw new ConfigError(
      key,
      `\`${key}\`: "${bare}" has no unit — write \`${bare}k tokens\`, \`$${bare}\`, \`${bare}h\` or \`${bare} iterations\`.`,
    );
  }
  throw new ConfigError(
    key,
    `\`${key}\`: "${part}" is not an amount — use tokens (\`500k\`, \`2M\`), dollars (\`$5\`), time (\`3h\`, \`90min\`, \`1h30m\`, \`2d\`) or \`40 iterations\`, e.g. \`${BUDGET_EXAMPLE}\`.`,
  );
}

/** "2M tokens, $10, 5h, 60 iterations" — parseBudget reads it back to the same budget. */
export function formatBudget(b: Partial<BudgetLimits>): string {
  const parts: string[] = [];
  if (b.tokens !== undefined) parts.push(`${formatTokens(b.tokens)} tokens`);
  if (b.usd !== undefined) parts.push(formatUsd(b.usd));
  if (b.timeSec !== undefined) parts.push(formatDuration(b.timeSec));
  if (b.iterations !== undefined) {
    parts.push(`${b.iterations} iteration${b.iterations === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

export function formatBudgetValue(dimension: BudgetKey, value: number): string {
  return formatBudget({ [dimension]: value });
}

export interface BudgetCap {
  dimension: BudgetKey;
  requested: number;
  max: number;
}

/** Lowers every requested dimension to the maximum; `capped` lists what was lowered, for the reply. */
export function capBudget<T extends Partial<BudgetLimits>>(
  requested: T,
  max: BudgetLimits,
): { budget: T; capped: BudgetCap[] } {
  const budget = { ...requested };
  const capped: BudgetCap[] = [];
  for (const dimension of KEYS) {
    const value = requested[dimension];
    if (value !== undefined && value > max[dimension]) {
      budget[dimension] = max[dimension] as T[BudgetKey];
      capped.push({ dimension, requested: value, max: max[dimension] });
    }
  }
  return { budget, capped };
}

/**
 * The budget a goal gets when someone asks for `requested` on top of `base` (the default budget for
 * a new goal, the goal's current budget for `/goal budget`). Only requested dimensions are reported
 * as capped; a base above the maximum is lowered quietly.
 */
export function applyBudget(
  requested: Partial<BudgetLimits>,
  base: BudgetLimits,
  max: BudgetLimits,
): { budget: BudgetLimits; capped: BudgetCap[] } {
  const { budget } = capBudget({ ...base, ...requested }, max);
  return { budget, capped: capBudget(requested, max).capped };
}

/** "tokens capped at 20M tokens (asked for 50M tokens)" — one sentence for the reply. */
export function describeCaps(capped: BudgetCap[]): string {
  if (capped.length === 0) return '';
  const each = capped.map(
    (c) =>
      `${LABEL[c.dimension]} capped at ${formatBudgetValue(c.dimension, c.max)} (asked for ${formatBudgetValue(c.dimension, c.requested)})`,
  );
  return `${each.join('; ')}: the repository's \`max-budget\` does not allow more.`;
}

/**
 * The default budget and the ceiling, from the Action inputs and `.github/goal.yml`. The repository
 * file is more specific than the workflow's inputs, so it wins per dimension; the default budget
 * never exceeds the ceiling.
 */
export function resolveLimits(
  inputs: { budget: BudgetLimits; maxBudget: BudgetLimits },
  repo?: { budget?: Partial<BudgetLimits>; maxBudget?: Partial<BudgetLimits> } | null,
): { budget: BudgetLimits; maxBudget: BudgetLimits } {
  const maxBudget = { ...inputs.maxBudget, ...repo?.maxBudget };
  const { budget } = capBudget({ ...inputs.budget, ...repo?.budget }, maxBudget);
  return { budget, maxBudget };
}
