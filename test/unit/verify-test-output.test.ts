import { describe, expect, it } from 'vitest';
import { parseTestOutput } from '../../src/verify/test-output.js';

// Outputs below are trimmed copies of what the real runners printed (vitest 5 with FORCE_COLOR,
// node 24's test runner, pytest 9, cargo); jest, mocha and go follow their documented formats.

const ESC = '\x1b';
const vitestColored = [
  ` ${ESC}[31m❯${ESC}[39m test/a.test.ts ${ESC}[2m(${ESC}[22m${ESC}[2m4 tests${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[31m2 failed${ESC}[39m)`,
  `${ESC}[31m     ${ESC}[31m×${ESC}[31m adds${ESC}[39m${ESC}[32m 5${ESC}[2mms${ESC}[22m${ESC}[39m`,
  `${ESC}[41m${ESC}[1m FAIL ${ESC}[22m${ESC}[49m test/a.test.ts${ESC}[2m > ${ESC}[22mmath${ESC}[2m > ${ESC}[22madds`,
  `${ESC}[31m${ESC}[1mAssertionError${ESC}[22m: expected 2 to be 3 // Object.is equality${ESC}[39m`,
  `${ESC}[41m${ESC}[1m FAIL ${ESC}[22m${ESC}[49m test/a.test.ts${ESC}[2m > ${ESC}[22mtop level fails`,
  '',
  `${ESC}[2m Test Files ${ESC}[22m ${ESC}[1m${ESC}[31m1 failed${ESC}[39m${ESC}[22m${ESC}[90m (1)${ESC}[39m`,
  `${ESC}[2m      Tests ${ESC}[22m ${ESC}[1m${ESC}[31m2 failed${ESC}[39m${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[1m${ESC}[32m1 passed${ESC}[39m${ESC}[22m${ESC}[2m | ${ESC}[22m${ESC}[33m1 skipped${ESC}[39m${ESC}[90m (4)${ESC}[39m`,
].join('\n');

describe('parseTestOutput', () => {
  it('reads vitest output with colours: ran tests (not skipped) and failing test paths', () => {
    expect(parseTestOutput(vitestColored)).toEqual({
      count: 3,
      failing: ['test/a.test.ts > math > adds', 'test/a.test.ts > top level fails'],
    });
    expect(parseTestOutput(' Test Files  2 passed (2)\n      Tests  8 passed (8)\n')).toEqual({
      count: 8,
      failing: [],
    });
  });

  it('reads jest summaries and ● failure headings, ignoring console blocks', () => {
    const out = [
      'FAIL src/sum.test.js',
      '  ● Console',
      '    console.log hello',
      '  ● math › adds',
      '    expect(received).toBe(expected)',
      '  ● math › divides by zero',
      'Tests:       2 failed, 1 skipped, 3 passed, 6 total',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({
      count: 5,
      failing: ['math › adds', 'math › divides by zero'],
    });
  });

  it('reads node:test spec output, taking names from its "failing tests" section', () => {
    const out = [
      '✔ passes (0.54ms)',
      '✖ fails here (0.56ms)',
      '▶ suite',
      '  ✖ inner fail (4.2ms)',
      '✖ suite (4.4ms)',
      'ℹ tests 3',
      'ℹ pass 1',
      'ℹ fail 2',
      'ℹ skipped 0',
      '',
      '✖ failing tests:',
      '',
      'test at test/n.test.mjs:3:1',
      '✖ fails here (0.56ms)',
      '  AssertionError [ERR_ASSERTION]: 1 == 2',
      'test at test/n.test.mjs:4:37',
      '✖ inner fail (4.2ms)',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({ count: 3, failing: ['fails here', 'inner fail'] });
  });

  it('reads node:test TAP output', () => {
    const out = [
      'ok 1 - passes',
      'not ok 2 - fails here',
      '# tests 4',
      '# pass 3',
      '# fail 1',
      '# skipped 1',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({ count: 4, failing: ['fails here'] });
  });

  it('reads mocha: passing + failing counts and the numbered failure titles', () => {
    const out = [
      '  Array',
      '    1) should return -1',
      '  5 passing (20ms)',
      '  1 pending',
      '  1 failing',
      '',
      '  1) Array',
      '       #indexOf()',
      '         should return -1:',
      '     AssertionError: expected 0 to equal -1',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({
      count: 6,
      failing: ['Array #indexOf() should return -1'],
    });
  });

  it('reads pytest, with and without -q, including parametrised ids and errors', () => {
    const full = [
      '=========================== short test summary info ============================',
      'FAILED test_a.py::test_bad - assert 1 == 2',
      'FAILED test_a.py::test_param[2] - assert 2 == 1',
      'ERROR tests/test_db.py::test_conn - ConnectionError',
      '============= 2 failed, 2 passed, 1 skipped, 1 error in 0.78s =============',
    ].join('\n');
    expect(parseTestOutput(full)).toEqual({
      count: 5,
      failing: ['test_a.py::test_bad', 'test_a.py::test_param[2]', 'tests/test_db.py::test_conn'],
    });
    expect(parseTestOutput('2 failed, 2 passed, 1 xfailed in 0.67s\n').count).toBe(4);
  });

  it('reads go test -v: counts --- PASS/--- FAIL lines including subtests', () => {
    const out = [
      '=== RUN   TestAdd',
      '--- PASS: TestAdd (0.00s)',
      '=== RUN   TestDiv',
      '    --- FAIL: TestDiv/by_zero (0.00s)',
      '--- FAIL: TestDiv (0.00s)',
      '--- SKIP: TestSlow (0.00s)',
      'FAIL\texample.com/calc\t0.004s',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({ count: 3, failing: ['TestDiv/by_zero', 'TestDiv'] });
    // Without -v go prints no per-test lines: no count rather than a wrong one.
    expect(parseTestOutput('ok  \texample.com/calc\t0.004s\n')).toEqual({ failing: [] });
  });

  it('reads cargo test, summing every test binary', () => {
    const out = [
      'running 2 tests',
      'test tests::it_fails ... FAILED',
      'test tests::it_works ... ok',
      'test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.08s',
      'running 3 tests',
      'test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({ count: 5, failing: ['tests::it_fails'] });
  });

  it('falls back to a plain "N passed, N failed" line, the last one winning', () => {
    expect(parseTestOutput('progress: 1 passed\nall done: 7 passed, 2 failed\n').count).toBe(9);
  });

  it('reports no count for output that has no test summary', () => {
    expect(parseTestOutput('compiling…\nerror TS2304: Cannot find name "x".\n')).toEqual({
      failing: [],
    });
  });

  it('keeps the list of failing names bounded', () => {
    const out = Array.from({ length: 500 }, (_, i) => `--- FAIL: Test${i} (0.00s)`).join('\n');
    const parsed = parseTestOutput(out);
    expect(parsed.count).toBe(500);
    expect(parsed.failing).toHaveLength(100);
  });
});
