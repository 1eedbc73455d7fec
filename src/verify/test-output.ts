// Reads what common test runners print: how many tests ran and which ones failed.
// Pure: the judge and the tamper rules use these figures, and they must be testable without a
// runner. "Count" means tests that actually ran (passed + failed), never skipped or todo ones, so
// that skipping tests through configuration still shows up as fewer tests than at baseline.

export interface ParsedTestOutput {
  /** Tests that ran (passed + failed), when the runner reported it. */
  count?: number;
  /** Names of failing tests, in the order printed, without duplicates. */
  failing: string[];
}

/** Enough names to explain a failure; more would only bloat the record and the status comment. */
const MAX_FAILING_NAMES = 100;

// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters by definition
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

interface Tally {
  passed: number;
  failed: number;
}

/** Adds up "N passed", "N failed", "N error(s)" parts of one summary line. */
function tallyParts(text: string): Tally {
  const tally = { passed: 0, failed: 0 };
  for (const m of text.matchAll(/(\d+)\s+(passed|passing|failed|failing|errors?)\b/g)) {
    const n = Number(m[1]);
    if (m[2] === 'passed' || m[2] === 'passing') tally.passed += n;
    else tally.failed += n;
  }
  return tally;
}

/** Each format: summary-line counts (summed over every run in the output) and failing names. */
function summaryCount(lines: string[]): number | undefined {
  let found = false;
  let total = 0;
  const add = (t: Tally): void => {
    found = true;
    total += t.passed + t.failed;
  };

  // node:test / tape: "# pass 4" + "# fail 1" (TAP) or "ℹ pass 4" (spec reporter).
  let nodePass: number | undefined;
  let nodeFail: number | undefined;
  let goCount = 0;
  let goFound = false;
  let mocha: Tally | undefined;

  for (const line of lines) {
    let m: RegExpMatchArray | null;
    // vitest: "Tests  2 failed | 1 passed | 1 skipped (4)" — "Test Files" must not match.
    if ((m = /^\s*Tests\s+(\d.*)\(\d+\)\s*$/.exec(line))) add(tallyParts(m[1]!));
    // jest: "Tests:       1 failed, 4 passed, 5 total"
    else if ((m = /^\s*Tests:\s+(.*\d+ total)\s*$/.exec(line))) add(tallyParts(m[1]!));
    // pytest: "===== 1 failed, 5 passed in 0.12s =====" or, with -q, "5 passed in 0.12s"
    else if ((m = /^=*\s*(\d+ \w+(?:, \d+ \w+)*) in [\d.]+s\b/.exec(line))) add(tallyParts(m[1]!));
    // cargo: "test result: ok. 5 passed; 0 failed; 0 ignored; ..." — one per test binary
    else if ((m = /^test result: \w+\. (\d+) passed; (\d+) failed/.exec(line)))
      add({ passed: Number(m[1]), failed: Number(m[2]) });
    else if ((m = /^[#ℹ] pass (\d+)\s*$/.exec(line))) nodePass = (nodePass ?? 0) + Number(m[1]);
    else if ((m = /^[#ℹ] fail (\d+)\s*$/.exec(line))) nodeFail = (nodeFail ?? 0) + Number(m[1]);
    else if ((m = /^\s*(\d+) (passing|failing)\b/.exec(line))) {
      mocha ??= { passed: 0, failed: 0 };
      if (m[2] === 'passing') mocha.passed += Number(m[1]);
      else mocha.failed += Number(m[1]);
    } else if (/^\s*--- (PASS|FAIL): /.test(line)) {
      goFound = true;
      goCount += 1;
    }
  }
  if (nodePass !== undefined || nodeFail !== undefined)
    add({ passed: nodePass ?? 0, failed: nodeFail ?? 0 });
  if (mocha) add(mocha);
  if (goFound) add({ passed: goCount, failed: 0 });
  if (found) return total;

  // Anything else that says "N passed, N failed": the last such line is the final summary.
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/\b\d+ passed\b/.test(lines[i]!)) {
      const t = tallyParts(lines[i]!);
      return t.passed + t.failed;
    }
  }
  return undefined;
}

/** Mocha lists failures after "N failing" as "1) suite\n     nested\n       title:". */
function mochaFailures(lines: string[]): string[] {
  const start = lines.findIndex((l) => /^\s*\d+ failing\s*$/.test(l));
  if (start < 0) return [];
  const names: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^\s*\d+\) (.+)$/.exec(lines[i]!);
    if (!m) continue;
    const parts = [m[1]!.trim()];
    // The title ends at the first line ending in ':'; a few lines at most.
    for (let j = i + 1; !parts.at(-1)!.endsWith(':') && j < lines.length && j <= i + 8; j++) {
      const next = lines[j]!.trim();
      if (next === '') break;
      parts.push(next);
    }
    names.push(parts.join(' ').replace(/:$/, ''));
  }
  return names;
}

function failingNames(lines: string[]): string[] {
  const names: string[] = [];
  const nodeSection = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  for (const [index, line] of lines.entries()) {
    let m: RegExpMatchArray | null;
    // vitest: " FAIL  test/a.test.ts > math > adds"
    if ((m = /^\s*FAIL\s+(\S.*\s>\s.+?)\s*$/.exec(line))) names.push(m[1]!);
    // jest: "  ● math › adds"  ("● Console" is log output, not a test)
    else if ((m = /^\s*● (?!Console\b)(.+?)\s*$/.exec(line))) names.push(m[1]!);
    // pytest: "FAILED tests/test_a.py::test_x - AssertionError"
    else if ((m = /^(?:FAILED|ERROR) (\S*::.*?)(?: - .*)?\s*$/.exec(line))) names.push(m[1]!);
    // go: "--- FAIL: TestX (0.00s)" (subtests are indented)
    else if ((m = /^\s*--- FAIL: (\S+)/.exec(line))) names.push(m[1]!);
    // cargo: "test tests::it_fails ... FAILED"
    else if ((m = /^test (\S+) \.\.\. FAILED\s*$/.exec(line))) names.push(m[1]!);
    // node:test TAP: "not ok 2 - fails here"
    else if ((m = /^\s*not ok \d+ - (.+?)\s*(?:#.*)?$/.exec(line))) names.push(m[1]!);
    // node:test spec reporter: "✖ fails here (0.5ms)"; its "failing tests" section is the
    // authoritative list when present (the tree above it also marks failing suites).
    else if (
      (m = /^\s*✖ (.+?) \([\d.]+m?s\)\s*$/.exec(line)) &&
      (nodeSection < 0 || index > nodeSection)
    )
      names.push(m[1]!);
  }
  names.push(...mochaFailures(lines));
  return [...new Set(names)].slice(0, MAX_FAILING_NAMES);
}

export function parseTestOutput(output: string): ParsedTestOutput {
  const lines = stripAnsi(output).replace(/\r\n?/g, '\n').split('\n');
  const count = summaryCount(lines);
  const failing = failingNames(lines);
  return count === undefined ? { failing } : { count, failing };
}
