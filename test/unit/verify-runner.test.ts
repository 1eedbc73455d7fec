import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerifierSpec } from '../../src/engine/types.js';
import { extractMetric } from '../../src/verify/metric.js';
import { createVerifierRunner } from '../../src/verify/runner.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'verify-runner-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function spec(command: string, extra: Partial<VerifierSpec> = {}): VerifierSpec {
  return {
    name: 'v',
    command,
    timeoutSec: 30,
    kind: 'check',
    required: true,
    source: 'config',
    ...extra,
  };
}

/** A script whose n-th run (1-based) exits with `codes[n-1]`, counting runs in a file. */
function scripted(codes: number[]): string {
  const cases = codes.map((code, i) => `${i + 1}) exit ${code};;`).join(' ');
  return `n=$(cat runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > runs; echo "run $n"; case $n in ${cases} *) exit 0;; esac`;
}

describe('createVerifierRunner', () => {
  it('passes a check on exit 0 and fails it on any other exit, re-running failures', async () => {
    const runner = createVerifierRunner({ root });
    const [ok, bad] = await runner.run([
      spec('echo fine'),
      spec('echo broken >&2; exit 3', { name: 'bad' }),
    ]);
    expect(ok).toMatchObject({ name: 'v', passed: true, exitCode: 0, attempts: 1, flaky: false });
    expect(bad).toMatchObject({
      name: 'bad',
      passed: false,
      exitCode: 3,
      attempts: 3,
      flaky: false,
    });
    expect(bad!.outputTail).toContain('broken');
  });

  it('runs verifiers in the workspace root', async () => {
    writeFileSync(join(root, 'marker.txt'), 'here');
    const [result] = await createVerifierRunner({ root }).run([spec('test -f marker.txt')]);
    expect(result!.passed).toBe(true);
  });

  it('extracts a metric from the last match of its pattern', async () => {
    const metric = spec("printf 'warmup 300 ms\\nrun 140 ms\\nrun 125 ms\\n'", {
      kind: 'metric',
      pattern: 'run (\\d+) ms',
    });
    const [result] = await createVerifierRunner({ root }).run([metric]);
    expect(result).toMatchObject({ passed: true, metricValue: 125 });
  });

  it('fails a metric whose output has no match, saying so', async () => {
    const metric = spec('echo done', { kind: 'metric', pattern: 'time: (\\d+)' });
    const [result] = await createVerifierRunner({ root, flakeReruns: 0 }).run([metric]);
    expect(result!.passed).toBe(false);
    expect(result!.metricValue).toBeUndefined();
    expect(result!.outputTail).toContain('no number matching the metric pattern `time: (\\d+)`');
  });

  it('fails a metric whose command fails even when it printed a number', async () => {
    const metric = spec('echo "time: 90"; exit 1', { kind: 'metric', pattern: 'time: (\\d+)' });
    const [result] = await createVerifierRunner({ root, flakeReruns: 0 }).run([metric]);
    expect(result).toMatchObject({ passed: false, exitCode: 1, metricValue: 90 });
  });

  it('kills a verifier at its timeout and does not re-run it', async () => {
    const [result] = await createVerifierRunner({ root }).run([
      spec('echo started; sleep 20', { timeoutSec: 1 }),
    ]);
    expect(result).toMatchObject({ passed: false, timedOut: true, attempts: 1 });
    expect(result!.outputTail).toContain('timed out after 1s');
  });

  it('never executes a verifier that came from issue text', async () => {
    const [result] = await createVerifierRunner({ root }).run([
      spec('touch pwned', { source: 'issue' }),
    ]);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
    expect(result).toMatchObject({ passed: false, attempts: 0, exitCode: null });
    expect(result!.outputTail).toMatch(
      /not executed: .* came from issue text and matches no configured verifier/,
    );
  });

  it('counts a verifier that failed once and then passed twice in a row, marked flaky', async () => {
    const [result] = await createVerifierRunner({ root, flakeReruns: 2, consecutivePasses: 2 }).run(
      [spec(scripted([1, 0, 0]))],
    );
    expect(result).toMatchObject({ passed: true, flaky: true, attempts: 3 });
    expect(result!.outputTail).toContain('flaky: run 1 failed, run 2 passed, run 3 passed');
  });

  it('does not count a lucky pass of a verifier that alternates', async () => {
    const [result] = await createVerifierRunner({ root, flakeReruns: 2, consecutivePasses: 2 }).run(
      [spec(scripted([1, 0, 1, 0, 1, 0, 1, 0]))],
    );
    // After fail, pass, fail one attempt is left: it cannot make two passes in a row, so it is not run.
    expect(result).toMatchObject({ passed: false, flaky: true, attempts: 3 });
    expect(result!.outputTail).toContain(
      'flaky: run 1 failed, run 2 passed, run 3 failed; needs 2 passes in a row to count',
    );
  });

  it('reads the test count and failing test names from a real test run', async () => {
    writeFileSync(
      join(root, 'math.test.mjs'),
      "import test from 'node:test';\nimport assert from 'node:assert';\n" +
        "test('adds', () => assert.equal(1 + 1, 2));\ntest('divides', () => assert.equal(1 / 0, 0));\n",
    );
    const node = JSON.stringify(process.execPath);
    const [result] = await createVerifierRunner({ root, flakeReruns: 0 }).run([
      spec(`${node} --test math.test.mjs`),
    ]);
    expect(result).toMatchObject({ passed: false, testCount: 2, failingTests: ['divides'] });
  });

  it('keeps the output tail bounded and redacted', async () => {
    const command = 'echo "token sk-SECRET-123"; seq 1 20000; echo "the end sk-SECRET-123"; exit 1';
    const [result] = await createVerifierRunner({
      root,
      flakeReruns: 0,
      tailBytes: 1024,
      redact: (text) => text.replaceAll('sk-SECRET-123', '***'),
    }).run([spec(command)]);
    expect(result!.outputTail).not.toContain('sk-SECRET-123');
    expect(result!.outputTail).toContain('the end ***');
    expect(Buffer.byteLength(result!.outputTail)).toBeLessThan(1024 + 200);
  });

  it('runs nothing once cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const [result] = await createVerifierRunner({ root }).run(
      [spec('touch ran')],
      controller.signal,
    );
    expect(existsSync(join(root, 'ran'))).toBe(false);
    expect(result).toMatchObject({ passed: false, attempts: 0 });
  });
});

describe('extractMetric', () => {
  it('falls back to the last number printed when there is no pattern', () => {
    expect(extractMetric('samples: 3\nmean 1,234.5 ms\n')).toEqual({ value: 1234.5 });
  });

  it('reports an invalid pattern instead of throwing', () => {
    expect(extractMetric('x', '(unclosed').error).toMatch(/not a valid regular expression/);
  });
});
