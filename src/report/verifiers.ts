// What each verifier says, compared with the baseline: the facts behind every verifier table
// (comment, PR, job summary, terminal). Computed once here so the renderers only lay them out.
import { meetsTarget as judgeMeetsTarget, resolveTarget } from '../verify/judge.js';
import type { GoalRecord, MetricTarget, VerifierResult, VerifierSpec } from '../engine/index.js';
import { formatNumber, plural } from './format.js';

export type VerifierOutcome = 'pass' | 'fail' | 'flaky' | 'timeout' | 'not run';

/**
 * Change against the baseline run, taken before the first edit:
 * fixed (failed, now passes), regressed (passed, now fails), pre-existing (fails exactly as it
 * did before the goal started), was failing (failed then, still fails, differently or unknown),
 * unchanged (passed then and now), new (no baseline result for it), or undefined (no baseline).
 */
export type BaselineChange =
  | 'fixed'
  | 'regressed'
  | 'pre-existing'
  | 'was failing'
  | 'unchanged'
  | 'new'
  | 'improved'
  | 'worse'
  | 'higher'
  | 'lower';

export interface VerifierRow {
  name: string;
  required: boolean;
  kind: 'check' | 'metric';
  outcome: VerifierOutcome;
  /** Metric value with its target, or the test count: "118 (target < 120)", "212 tests". */
  value?: string;
  /** For metrics with a target: whether the latest value meets it. */
  targetMet?: boolean;
  change?: BaselineChange;
  /** Metric movement since the baseline: "142 → 118 (−17%)". */
  movement?: string;
  failingTests: { name: string; preExisting: boolean }[];
  result?: VerifierResult;
}

/** The value a relative target resolves to, given the baseline value. */
export function targetThreshold(target: MetricTarget, baselineValue?: number): number | undefined {
  return resolveTarget(target, baselineValue)?.value;
}

/** The judge's own rule, so the status table can never disagree with what decides completion. */
export function meetsTarget(value: number, target: MetricTarget, baselineValue?: number): boolean {
  const resolved = resolveTarget(target, baselineValue);
  return resolved !== null && judgeMeetsTarget(value, resolved);
}

const OP_TEXT: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=' };

/** "< 120", or "≤ 70 (−30% vs baseline)"; `unit` follows each number. */
export function targetText(target: MetricTarget, baselineValue?: number, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  if (target.kind === 'absolute') return `${OP_TEXT[target.op]} ${formatNumber(target.value)}${u}`;
  const sign = target.percent < 0 ? '−' : '+';
  const relative = `${sign}${Math.abs(target.percent)}% vs baseline`;
  const threshold = targetThreshold(target, baselineValue);
  if (threshold === undefined) return relative;
  return `${target.percent < 0 ? '≤' : '≥'} ${formatNumber(threshold)}${u} (${relative})`;
}

/** Which way is better for a metric: its target says; without one, nobody knows. */
export function betterDirection(target: MetricTarget | undefined): 'lower' | 'higher' | undefined {
  if (!target) return undefined;
  if (target.kind === 'relative')
    return target.percent < 0 ? 'lower' : target.percent > 0 ? 'higher' : undefined;
  if (target.op === '<' || target.op === '<=') return 'lower';
  if (target.op === '>' || target.op === '>=') return 'higher';
  return undefined;
}

/**
 * The unit a metric's pattern prints after its number: `time: (\d+) ms` → "ms",
 * `size: (\d+)kB` → "kB", `(\d+)%` → "%". Empty when the pattern says nothing after it.
 */
export function metricUnit(spec: VerifierSpec | undefined): string {
  const pattern = spec?.pattern;
  if (!pattern) return '';
  const close = pattern.indexOf(')');
  if (close < 0) return '';
  const m = /^\s*([A-Za-zµ%°][\w/%°µ]*)/.exec(pattern.slice(close + 1).replace(/\\s[*+?]?/g, ' '));
  return m?.[1] ?? '';
}

function outcomeOf(result: VerifierResult | undefined): VerifierOutcome {
  if (!result) return 'not run';
  if (result.flaky) return 'flaky';
  if (result.passed) return 'pass';
  return result.timedOut ? 'timeout' : 'fail';
}

function changeOf(
  result: VerifierResult | undefined,
  base: VerifierResult | undefined,
  hasBaseline: boolean,
  spec?: VerifierSpec,
): BaselineChange | undefined {
  if (!hasBaseline || !result) return undefined;
  if (!base) return 'new';
  // A metric's trend is the direction of its number, measured against the way its target points.
  if (result.metricValue !== undefined && base.metricValue !== undefined) {
    if (result.metricValue === base.metricValue) return 'unchanged';
    const better = betterDirection(spec?.target);
    const lower = result.metricValue < base.metricValue;
    if (!better) return lower ? 'lower' : 'higher';
    return lower === (better === 'lower') ? 'improved' : 'worse';
  }
  if (result.passed && !base.passed) return 'fixed';
  if (!result.passed && base.passed) return 'regressed';
  if (result.passed) return 'unchanged';
  const now = result.failingTests ?? [];
  const before = new Set(base.failingTests ?? []);
  if (now.length > 0 && now.every((t) => before.has(t))) return 'pre-existing';
  return 'was failing';
}

function movementOf(value: number | undefined, baseValue: number | undefined): string | undefined {
  if (value === undefined || baseValue === undefined) return undefined;
  if (baseValue === 0) return `${formatNumber(baseValue)} → ${formatNumber(value)}`;
  const pct = ((value - baseValue) / Math.abs(baseValue)) * 100;
  const rounded = Math.round(pct);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${formatNumber(baseValue)} → ${formatNumber(value)} (${sign}${Math.abs(rounded)}%)`;
}

function valueOf(
  spec: VerifierSpec | undefined,
  result: VerifierResult | undefined,
  base?: number,
) {
  const unit = metricUnit(spec);
  if (result?.metricValue !== undefined) {
    const target = spec?.target ? `; target ${targetText(spec.target, base, unit)}` : '';
    return `${formatNumber(result.metricValue)}${unit ? ` ${unit}` : ''}${target}`;
  }
  if (spec?.kind === 'metric') {
    const target = spec.target ? `target ${targetText(spec.target, base, unit)}` : '';
    return result ? `no value${target ? ` (${target})` : ''}` : target || undefined;
  }
  if (result?.testCount !== undefined) return plural(result.testCount, 'test');
  return undefined;
}

/** One row per verifier in the contract (in contract order), then any result without a spec. */
export function verifierRows(record: GoalRecord): VerifierRow[] {
  const latest = new Map((record.latest?.results ?? []).map((r) => [r.name, r]));
  const baseline = new Map((record.baseline?.results ?? []).map((r) => [r.name, r]));
  const specs = record.contract.verification;
  const names = [
    ...specs.map((s) => s.name),
    ...[...latest.keys()].filter((n) => !specs.some((s) => s.name === n)),
  ];
  return names.map((name) => {
    const spec = specs.find((s) => s.name === name);
    const result = latest.get(name);
    const base = baseline.get(name);
    const baseValue = base?.metricValue;
    const before = new Set(base?.failingTests ?? []);
    const row: VerifierRow = {
      name,
      required: spec?.required ?? true,
      kind: spec?.kind ?? (result?.metricValue !== undefined ? 'metric' : 'check'),
      outcome: outcomeOf(result),
      failingTests: (result?.failingTests ?? []).map((t) => ({
        name: t,
        preExisting: before.has(t),
      })),
    };
    const value = valueOf(spec, result, baseValue);
    if (value !== undefined) row.value = value;
    if (spec?.target && result?.metricValue !== undefined)
      row.targetMet = meetsTarget(result.metricValue, spec.target, baseValue);
    const change = changeOf(result, base, record.baseline !== undefined, spec);
    if (change) row.change = change;
    const movement = movementOf(result?.metricValue, baseValue);
    if (movement) row.movement = movement;
    if (result) row.result = result;
    return row;
  });
}

export const OUTCOME_MARK: Record<VerifierOutcome, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  flaky: '⚠️ flaky',
  timeout: '❌ timed out',
  'not run': '➖ not run',
};

/** The metric verifiers in the contract, for charts. */
export function metricSpecs(record: GoalRecord): VerifierSpec[] {
  return record.contract.verification.filter((s) => s.kind === 'metric');
}
