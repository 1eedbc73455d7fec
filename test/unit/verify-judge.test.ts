import { describe, expect, it } from 'vitest';
import type { VerifierResult, VerifierSpec } from '../../src/engine/types.js';
import { judge, resolveTarget, summarizeVerification } from '../../src/verify/judge.js';

function spec(name: string, extra: Partial<VerifierSpec> = {}): VerifierSpec {
  return {
    name,
    command: `run ${name}`,
    timeoutSec: 60,
    kind: 'check',
    required: true,
    source: 'config',
    ...extra,
  };
}

function result(
  name: string,
  passed: boolean,
  extra: Partial<VerifierResult> = {},
): VerifierResult {
  return {
    name,
    passed,
    exitCode: passed ? 0 : 1,
    timedOut: false,
    durationMs: 10,
    outputTail: '',
    attempts: 1,
    flaky: false,
    ...extra,
  };
}

const bench = spec('bench', {
  kind: 'metric',
  pattern: '(\\d+) ms',
  target: { kind: 'absolute', op: '<', value: 120 },
});
const faster = spec('bench', {
  kind: 'metric',
  pattern: '(\\d+) ms',
  target: { kind: 'relative', percent: -30 },
});

describe('resolveTarget', () => {
  it('keeps absolute targets and resolves relative ones against the baseline', () => {
    expect(resolveTarget({ kind: 'absolute', op: '>=', value: 0.9 })).toEqual({
      op: '>=',
      value: 0.9,
    });
    const down = resolveTarget({ kind: 'relative', percent: -30 }, 200)!;
    expect(down.op).toBe('<=');
    expect(down.value).toBeCloseTo(140);
    const up = resolveTarget({ kind: 'relative', percent: 10 }, 50)!;
    expect(up.op).toBe('>=');
    expect(up.value).toBeCloseTo(55);
  });

  it('cannot resolve a relative target without a baseline value', () => {
    expect(resolveTarget({ kind: 'relative', percent: -30 })).toBeNull();
  });
});

describe('judge', () => {
  it('achieves when every required check passes and every metric meets its target', () => {
    const j = judge(
      [spec('test'), bench],
      [result('test', true), result('bench', true, { metricValue: 110 })],
    );
    expect(j).toMatchObject({ achieved: true, requiredPassing: 2, requiredTotal: 2, unmet: [] });
  });

  it('explains a failing check with its exit code and failing tests', () => {
    const j = judge([spec('test')], [result('test', false, { failingTests: ['a', 'b'] })]);
    expect(j.achieved).toBe(false);
    expect(j.unmet).toEqual(['`test` failed (exit 1): 2 failing tests: a, b']);
  });

  it('explains a missed metric target, a timeout and a verifier with no result', () => {
    const j = judge(
      [bench, spec('e2e', { timeoutSec: 30 }), spec('lint')],
      [
        result('bench', true, { metricValue: 140 }),
        result('e2e', false, { exitCode: null, timedOut: true }),
      ],
    );
    expect(j.unmet).toEqual([
      'metric `bench` is 140, target < 120',
      '`e2e` failed (timed out after 30s)',
      '`lint` has no result: it was not run',
    ]);
  });

  it('measures a relative target against the baseline value', () => {
    const baseline = [result('bench', true, { metricValue: 200 })];
    expect(judge([faster], [result('bench', true, { metricValue: 150 })], baseline).unmet).toEqual([
      'metric `bench` is 150, target <= 140 (-30% of baseline)',
    ]);
    expect(judge([faster], [result('bench', true, { metricValue: 139 })], baseline).achieved).toBe(
      true,
    );
  });

  it('refuses a relative target when there is no baseline value, saying why', () => {
    const j = judge([faster], [result('bench', true, { metricValue: 1 })]);
    expect(j.achieved).toBe(false);
    expect(j.unmet[0]).toMatch(/relative target \(-30%\) but no baseline value/);
  });

  it('does not count a flaky verifier the runner did not pass', () => {
    const j = judge(
      [spec('test')],
      [result('test', false, { exitCode: 0, flaky: true, attempts: 4 })],
    );
    expect(j.achieved).toBe(false);
    expect(j.unmet[0]).toMatch(/flaky/);
  });

  it('never achieves through a verifier that came from issue text and was not executed', () => {
    const j = judge(
      [spec('from-issue', { source: 'issue' })],
      [result('from-issue', false, { exitCode: null, attempts: 0 })],
    );
    expect(j.achieved).toBe(false);
    expect(j.unmet[0]).toMatch(/not executed: it came from issue text/);
  });

  it('blocks on a required verifier failing since baseline, but reports it as pre-existing', () => {
    const j = judge([spec('test')], [result('test', false)], [result('test', false)]);
    expect(j.achieved).toBe(false);
    expect(j.preExisting).toEqual(['`test` failed (exit 1) — already failing at baseline']);
    expect(j.regressions).toEqual([]);
  });

  it('does not blame the goal for a non-required verifier that was already failing', () => {
    const j = judge(
      [spec('test'), spec('lint', { required: false })],
      [result('test', true), result('lint', false)],
      [result('test', false), result('lint', false)],
    );
    expect(j.achieved).toBe(true);
    expect(j.preExisting).toEqual(['`lint` failed (exit 1) — already failing at baseline']);
  });

  it('blocks on a regression of a non-required verifier that passed at baseline', () => {
    const j = judge(
      [spec('test'), spec('lint', { required: false })],
      [result('test', true), result('lint', false)],
      [result('test', false), result('lint', true)],
    );
    expect(j.achieved).toBe(false);
    expect(j.regressions).toEqual(['`lint` failed (exit 1) — passed at baseline']);
    expect(j.unmet).toEqual(['no regressions: `lint` failed (exit 1) — passed at baseline']);
  });

  it('blocks on tests newly failing in a non-required verifier that already failed', () => {
    const j = judge(
      [spec('test'), spec('slow', { required: false })],
      [result('test', true), result('slow', false, { failingTests: ['old', 'new one'] })],
      [result('test', true), result('slow', false, { failingTests: ['old'] })],
    );
    expect(j.achieved).toBe(false);
    expect(j.regressions).toEqual(['`slow`: newly failing test since baseline: new one']);
  });

  it('scores progress: fewer failing tests, then metric progress, then passes', () => {
    const specs = [spec('test'), faster];
    const baseline = [
      result('test', false, { failingTests: ['a', 'b', 'c', 'd'] }),
      result('bench', true, { metricValue: 200 }),
    ];
    const score = (failing: string[], metric: number): number =>
      judge(
        specs,
        [
          result('test', failing.length === 0, { failingTests: failing }),
          result('bench', true, { metricValue: metric }),
        ],
        baseline,
      ).score;
    const atBaseline = score(['a', 'b', 'c', 'd'], 200);
    const twoFixed = score(['c', 'd'], 200);
    const twoFixedFaster = score(['c', 'd'], 170);
    const allFixedFaster = score([], 170);
    const done = score([], 130);
    expect(atBaseline).toBeLessThan(twoFixed);
    expect(twoFixed).toBeLessThan(twoFixedFaster);
    expect(twoFixedFaster).toBeLessThan(allFixedFaster);
    expect(allFixedFaster).toBeLessThan(done);
    expect(score(['a', 'b', 'c', 'd'], 260)).toBe(atBaseline); // getting slower earns nothing
  });

  it('scores a regression below the same state without it', () => {
    const specs = [spec('test'), spec('lint', { required: false })];
    const baseline = [result('test', false), result('lint', true)];
    const clean = judge(specs, [result('test', true), result('lint', true)], baseline).score;
    const regressed = judge(specs, [result('test', true), result('lint', false)], baseline).score;
    expect(regressed).toBeLessThan(clean);
  });
});

describe('summarizeVerification', () => {
  it('gives passes over verifiers and metric values, in one line', () => {
    const line = summarizeVerification(
      [spec('test'), spec('lint'), bench, spec('typecheck')],
      [
        result('test', true),
        result('lint', true),
        result('bench', true, { metricValue: 130 }),
        result('typecheck', true),
      ],
    );
    expect(line).toBe('3/4 passed; bench=130');
  });
});
