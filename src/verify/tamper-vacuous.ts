// Tamper rules for rewrites that keep the number of tests and assertions but stop them from
// checking anything: a constant assertion (`assert.ok(true)`, `expect(1).toBe(1)`, `assert 1 == 1`),
// an expected value rewritten while the call under test stayed, an assertion disabled by
// `try {} catch {}` or `if (false)`, and a test whose body no longer asserts anything. Early
// warnings: each names the line so a reviewer can judge it. Pure.

import type { FileChange } from '../engine/index.js';
import type { TamperFinding } from '../engine/index.js';
import { disabledLines } from './tamper-disabled.js';
import { countAssertions, isTestFile } from './tamper-files.js';
import { isLiteral, lineAssertions } from './tamper-parse.js';
import { minus, quoted, snippet } from './tamper-text.js';

interface LineFacts {
  text: string;
  /** Assertions on the line that could fail the test. */
  live: number;
  vacuous: boolean;
  disabled?: string;
}

const isCodeLine = (line: string): boolean => !/^\s*(?:\/\/|\/\*|\*|#(?!\[))/.test(line);

function lineFacts(text: string, path: string): LineFacts[] {
  const disabled = disabledLines(text, path);
  return text.split(/\r?\n/).map((line, i) => {
    const count = isCodeLine(line) ? countAssertions(line) : 0;
    const made = count > 0 ? lineAssertions(line) : [];
    const vacuousCount = made.filter(
      (a) => a.constant || (a.expected !== undefined && a.expected === a.actual),
    ).length;
    const why = count > 0 ? disabled.get(i) : undefined;
    return {
      text: line,
      live: why ? 0 : Math.max(0, count - vacuousCount),
      vacuous: vacuousCount > 0,
      ...(why ? { disabled: why } : {}),
    };
  });
}

interface TestFile {
  change: FileChange;
  before?: LineFacts[];
  after: LineFacts[];
}

function testFiles(changes: FileChange[]): TestFile[] {
  return changes.flatMap((c): TestFile[] => {
    if (c.status === 'deleted' || c.after === undefined) return [];
    if (!isTestFile(c.path, c.after) && !isTestFile(c.oldPath ?? c.path, c.before)) return [];
    if (c.status !== 'added' && c.before === undefined) return [];
    return [
      {
        change: c,
        ...(c.before !== undefined && c.status !== 'added'
          ? { before: lineFacts(c.before, c.oldPath ?? c.path) }
          : {}),
        after: lineFacts(c.after, c.path),
      },
    ];
  });
}

const texts = (facts: LineFacts[] | undefined, keep: (f: LineFacts) => boolean): string[] =>
  (facts ?? []).filter(keep).map((f) => f.text);

function vacuous(files: TestFile[]): TamperFinding[] {
  return files.flatMap(({ change, before, after }): TamperFinding[] => {
    const added = minus(
      texts(after, (f) => f.vacuous && !f.disabled),
      texts(before, (f) => f.vacuous && !f.disabled),
    );
    if (added.length === 0) return [];
    return [
      {
        rule: 'assertion-vacuous',
        path: change.path,
        detail: `${change.path}: ${quoted(added)} added — it checks constants, so it passes whatever the code does`,
      },
    ];
  });
}

function disabled(files: TestFile[]): TamperFinding[] {
  return files.flatMap(({ change, before, after }): TamperFinding[] => {
    const key = (f: LineFacts): string => `${f.disabled}\u0000${f.text.trim()}`;
    const was = (before ?? []).filter((f) => f.disabled).map(key);
    const now = after.filter((f) => f.disabled);
    const added = minus(now.map(key), was);
    if (added.length === 0) return [];
    const byWhy = new Map<string, string[]>();
    for (const k of added) {
      const [why, text] = k.split('\u0000') as [string, string];
      byWhy.set(why, [...(byWhy.get(why) ?? []), text]);
    }
    return [...byWhy].map(([why, lines]) => ({
      rule: 'assertion-disabled',
      path: change.path,
      detail: `${change.path}: ${quoted(lines)} now inside ${why}`,
    }));
  });
}

function expectedRewritten(files: TestFile[]): TamperFinding[] {
  return files.flatMap(({ change, before, after }): TamperFinding[] => {
    if (!before) return [];
    const removed = minus(
      before.map((f) => f.text),
      after.map((f) => f.text),
    );
    const added = minus(
      after.map((f) => f.text),
      before.map((f) => f.text),
    );
    const candidates = added.flatMap((line) => lineAssertions(line));
    const findings: TamperFinding[] = [];
    for (const old of removed.flatMap((line) => lineAssertions(line))) {
      if (old.constant || old.expected === undefined || !isLiteral(old.expected)) continue;
      const i = candidates.findIndex(
        (a) =>
          a.kind === old.kind &&
          a.actual === old.actual &&
          a.expected !== undefined &&
          isLiteral(a.expected) &&
          a.expected !== old.expected,
      );
      if (i < 0) continue;
      const now = candidates.splice(i, 1)[0]!;
      findings.push({
        rule: 'expected-rewritten',
        path: change.path,
        detail: `${change.path}: \`${snippet(old.actual)}\` was expected to be \`${snippet(old.expected)}\`, now \`${snippet(now.expected!)}\` — the expectation changed while the code under test stayed`,
      });
    }
    return findings;
  });
}

/** Tests by name (with a counter for repeated names), each with its assertions that can fail. */
const indent = (line: string): number => /^\s*/.exec(line)![0].length;

/**
 * Helper functions in the file that assert something (`function checkTotal(…) { assert… }`,
 * `def check_total(…): assert …`): a test that calls one still checks something.
 */
function assertingHelpers(facts: LineFacts[]): Set<string> {
  const helpers = new Set<string>();
  facts.forEach((f, i) => {
    const js =
      /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/.exec(f.text) ??
      /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.exec(
        f.text,
      );
    const py = /^\s*(?:async\s+)?def\s+((?!test)\w+)\s*\(/.exec(f.text);
    const name = js?.[1] ?? py?.[1];
    if (!name) return;
    let live = f.live;
    for (let j = i + 1; j < facts.length; j++) {
      const line = facts[j]!.text;
      if (line.trim() === '') continue;
      if (indent(line) <= indent(f.text)) {
        if (js && /^\s*}/.test(line)) live += facts[j]!.live;
        break;
      }
      live += facts[j]!.live;
    }
    if (live > 0) helpers.add(name);
  });
  return helpers;
}

function liveByTest(facts: LineFacts[]): Map<string, number> {
  const helpers = assertingHelpers(facts);
  const tests = new Map<string, number>();
  let current: string | undefined;
  let pyIndent = -1;
  for (const f of facts) {
    const js =
      /(?<![\w$.])(?:it|test|specify)(?:\.\w+)*\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/.exec(
        f.text,
      );
    const py = /^(\s*)(?:async\s+)?def\s+(test\w*)\s*\(/.exec(f.text);
    if (py) pyIndent = py[1]!.length;
    else if (pyIndent >= 0 && f.text.trim() !== '' && /^\s*/.exec(f.text)![0].length <= pyIndent)
      current = undefined;
    const name = js?.[2] ?? py?.[2];
    if (name !== undefined) {
      let key = name;
      for (let n = 2; tests.has(key); n++) key = `${name} #${n}`;
      tests.set(key, 0);
      current = key;
    }
    if (current === undefined) continue;
    const calls = [...f.text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(/g)].filter((m) =>
      helpers.has(m[1]!),
    ).length;
    tests.set(current, tests.get(current)! + f.live + calls);
  }
  return tests;
}

function bodyEmptied(files: TestFile[]): TamperFinding[] {
  return files.flatMap(({ change, before, after }): TamperFinding[] => {
    if (!before) return [];
    const was = liveByTest(before);
    const now = liveByTest(after);
    const hollow = [...was].filter(([name, n]) => n > 0 && now.get(name) === 0);
    if (hollow.length === 0) return [];
    const names = hollow.slice(0, 3).map(([name]) => `\`${snippet(name)}\``);
    const more = hollow.length > 3 ? ` and ${hollow.length - 3} more` : '';
    const one = hollow.length === 1;
    return [
      {
        rule: 'test-body-emptied',
        path: change.path,
        detail: `${change.path}: test${one ? '' : 's'} ${names.join(', ')}${more} asserted something at baseline and ${one ? 'asserts' : 'assert'} nothing that can fail now`,
      },
    ];
  });
}

export const vacuousRules = {
  'assertion-vacuous': (changes: FileChange[]) => vacuous(testFiles(changes)),
  'expected-rewritten': (changes: FileChange[]) => expectedRewritten(testFiles(changes)),
  'assertion-disabled': (changes: FileChange[]) => disabled(testFiles(changes)),
  'test-body-emptied': (changes: FileChange[]) => bodyEmptied(testFiles(changes)),
};
