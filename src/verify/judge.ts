// Decides from evidence whether a goal is achieved. Pure (the engine imports it): it reads
// verifier results, never runs anything.
//
// Required verifiers must pass and every required metric must meet its target. Verifiers that are
// not required are the "must not regress" constraint: failing now while passing at baseline (or
// failing tests that were not failing at baseline) blocks achievement; failing at baseline too is
// reported as pre-existing and not blamed on the goal.

import type { MetricTarget, VerifierResult, VerifierSpec } from '../engine/index.js';

export type ResolvedTarget = { op: '<' | '<=' | '>' | '>=' | '=='; value: number };

export interface Judgement {
  achieved: boolean;
  requiredPassing: number;
  requiredTotal: number;
  /** Human-readable unmet requirements, e.g. "`test` failed (exit 1): 2 failing tests: a, b". */
  unmet: string[];
  /** Failing now AND at baseline, not blamed on the goal. */
  preExisting: string[];
  /** Passing at baseline, failing now. */
  regressions: string[];
  /** Higher is better, for stall detection. */
  score: number;
}

/** Names shown in one line; the rest is summarised as "and N more". */
const NAMES_SHOWN = 5;
/** Partial credit never reaches a full pass, so a pass always scores higher than progress. */
const PARTIAL_CAP = 0.9;

export function resolveTarget(target: MetricTarget, baselineValue?: number): ResolvedTarget | null {
  if (target.kind === 'absolute') return { op: target.op, value: target.value };
  if (baselineValue === undefined || !Number.isFinite(baselineValue)) return null;
  const value = baselineValue * (1 + target.percent / 100);
  if (target.percent < 0) return { op: '<=', value };
  if (target.percent > 0) return { op: '>=', value };
  return { op: '==', value };
}

export function meetsTarget(value: number, target: ResolvedTarget): boolean {
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
    case '==':
      return Math.abs(value - target.value) <= 1e-9 * Math.max(1, Math.abs(target.value));
  }
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function describeTarget(target: MetricTarget, resolved: ResolvedTarget): string {
  const base = `${resolved.op} ${formatNumber(resolved.value)}`;
  return target.kind === 'relative'
    ? `${base} (${target.percent > 0 ? '+' : ''}${target.percent}% of baseline)`
    : base;
}

function nameList(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

/** Why a verifier that did not pass failed, in one line. */
export function describeFailure(spec: VerifierSpec, result: VerifierResult): string {
  if (spec.source === 'issue' && result.attempts === 0)
    return `\`${spec.name}\` was not executed: it came from issue text and matches no configured verifier`;
  const how = result.timedOut
    ? `timed out after ${spec.timeoutSec}s`
    : result.exitCode === null
      ? 'did not finish'
      : `exit ${result.exitCode}`;
  let text =
    spec.kind === 'metric' && result.exitCode === 0 && result.metricValue === undefined
      ? `metric \`${spec.name}\` printed no value matching its pattern`
      : `\`${spec.name}\` failed (${how})`;
  const failing = result.failingTests ?? [];
  if (failing.length > 0)
    text += `: ${failing.length} failing test${failing.length === 1 ? '' : 's'}: ${nameList(failing)}`;
  if (result.flaky) text += ' (flaky: passed and failed on the same tree)';
  return text;
}

interface Evaluation {
  passed: boolean;
  /** Why it did not pass; undefined when it passed. */
  reason?: string;
}

/** A verifier passes when it ran and passed and, for metrics with a target, the target is met. */
function evaluate(
  spec: VerifierSpec,
  result: VerifierResult | undefined,
  baseline?: VerifierResult,
): Evaluation {
  if (!result) return { passed: false, reason: `\`${spec.name}\` has no result: it was not run` };
  if (!result.passed) return { passed: false, reason: describeFailure(spec, result) };
  if (spec.kind !== 'metric' || !spec.target) return { passed: true };
  if (result.metricValue === undefined)
    return {
      passed: false,
      reason: `metric \`${spec.name}\` printed no value matching its pattern`,
    };
  const resolved = resolveTarget(spec.target, baseline?.metricValue);
  if (!resolved)
    return {
      passed: false,
      reason: `metric \`${spec.name}\` has a relative target (${spec.target.kind === 'relative' ? spec.target.percent : 0}%) but no baseline value to measure it against; rerun the baseline or use an absolute target`,
    };
  if (meetsTarget(result.metricValue, resolved)) return { passed: true };
  return {
    passed: false,
    reason: `metric \`${spec.name}\` is ${formatNumber(result.metricValue)}, target ${describeTarget(spec.target, resolved)}`,
  };
}

/** Credit in [0, PARTIAL_CAP] for a verifier that does not pass yet, so progress is visible. */
function partialCredit(
  spec: VerifierSpec,
  result: VerifierResult | undefined,
  baseline?: VerifierResult,
): number {
  if (!result) return 0;
  if (spec.kind === 'metric') {
    const target = spec.target ? resolveTarget(spec.target, baseline?.metricValue) : null;
    const start = baseline?.metricValue;
    const now = result.metricValue;
    if (!target || start === undefined || now === undefined || target.value === start) return 0;
    const progress = (now - start) / (target.value - start);
    return Math.min(PARTIAL_CAP, Math.max(0, progress) * PARTIAL_CAP);
  }
  const failingNow = result.failingTests?.length;
  if (failingNow === undefined) return 0;
  const failingBefore = baseline?.failingTests?.length;
  if (failingBefore !== undefined && failingBefore > 0) {
    return (Math.max(0, failingBefore - failingNow) / failingBefore) * PARTIAL_CAP;
  }
  if (result.testCount !== undefined && result.testCount > 0) {
    return (Math.max(0, result.testCount - failingNow) / result.testCount) * PARTIAL_CAP;
  }
  return 0;
}

function byName(results: VerifierResult[] | undefined): Map<string, VerifierResult> {
  return new Map((results ?? []).map((r) => [r.name, r]));
}

export function judge(
  specs: VerifierSpec[],
  results: VerifierResult[],
  baseline?: VerifierResult[],
): Judgement {
  const now = byName(results);
  const before = byName(baseline);
  const unmet: string[] = [];
  const preExisting: string[] = [];
  const regressions: string[] = [];
  let requiredPassing = 0;
  let requiredTotal = 0;
  let score = 0;

  for (const spec of specs) {
    const result = now.get(spec.name);
    const base = before.get(spec.name);
    const evaluation = evaluate(spec, result, base);
    const baseEvaluation = base ? evaluate(spec, base, base) : undefined;

    if (spec.required) {
      requiredTotal += 1;
      if (evaluation.passed) {
        requiredPassing += 1;
        score += 1;
        continue;
      }
      score += partialCredit(spec, result, base);
      unmet.push(evaluation.reason!);
      if (baseEvaluation && !baseEvaluation.passed)
        preExisting.push(`${evaluation.reason!} — already failing at baseline`);
      else if (baseEvaluation?.passed)
        regressions.push(`${evaluation.reason!} — passed at baseline`);
      continue;
    }

    // Not required: only a regression from baseline counts against the goal.
    if (!baseEvaluation) continue;
    if (!evaluation.passed && baseEvaluation.passed) {
      const text = `${evaluation.reason!} — passed at baseline`;
      regressions.push(text);
      unmet.push(`no regressions: ${text}`);
      score -= 1;
    } else if (!evaluation.passed) {
      const oldFailing = new Set(base?.failingTests ?? []);
      const newlyFailing = (result?.failingTests ?? []).filter((t) => !oldFailing.has(t));
      if (base?.failingTests && result?.failingTests && newlyFailing.length > 0) {
        const text = `\`${spec.name}\`: newly failing test${newlyFailing.length === 1 ? '' : 's'} since baseline: ${nameList(newlyFailing)}`;
        regressions.push(text);
        unmet.push(`no regressions: ${text}`);
        score -= 1;
      } else {
        preExisting.push(`${evaluation.reason!} — already failing at baseline`);
      }
    }
  }

  return {
    achieved: unmet.length === 0,
    requiredPassing,
    requiredTotal,
    unmet,
    preExisting,
    regressions,
    score: Math.round(score * 1e6) / 1e6,
  };
}

/** One line for commit trailers: "3/4 passed; bench=130". */
export function summarizeVerification(
  specs: VerifierSpec[],
  results: VerifierResult[],
  baseline?: VerifierResult[],
): string {
  const now = byName(results);
  const before = byName(baseline);
  const passed = specs.filter((s) => evaluate(s, now.get(s.name), before.get(s.name)).passed);
  const metrics = specs
    .filter((s) => s.kind === 'metric' && now.get(s.name)?.metricValue !== undefined)
    .map((s) => `${s.name}=${formatNumber(now.get(s.name)!.metricValue!)}`);
  const head = `${passed.length}/${specs.length} passed`;
  return metrics.length > 0 ? `${head}; ${metrics.join(', ')}` : head;
}
