// The vacuous-rewrite tamper rules: rewrites that keep every test and assertion count but stop
// the tests from checking anything, for node:test, Jest/Vitest and pytest — and the honest edits
// (new tests, a tightened assertion, an error checked in a catch) they must leave alone.
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/engine/ports.js';
import { findTampering } from '../../src/verify/tamper.js';

const mod = (path: string, before: string, after: string): FileChange => ({
  path,
  status: 'modified',
  before,
  after,
});

function findings(changes: FileChange[], allowed: string[] = []) {
  return findTampering({
    changes,
    specs: [
      {
        name: 'test',
        command: 'npm test',
        timeoutSec: 60,
        kind: 'check',
        required: true,
        source: 'config',
      },
    ],
    allowed,
    protectedPaths: [],
  });
}
const rules = (changes: FileChange[]): string[] =>
  [...new Set(findings(changes).map((f) => f.rule))].sort();

const NODE = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add } from '../src/math.js';

test('adds', () => {
  assert.equal(add(2, 3), 5);
});

test('adds negatives', () => {
  assert.equal(add(-2, -3), -5);
});
`;

const VITEST = `import { describe, expect, it } from 'vitest';
import { add } from '../src/math.js';

describe('add', () => {
  it('adds', () => {
    expect(add(2, 3)).toBe(5);
  });
  it('adds negatives', () => {
    expect(add(-2, -3)).toBe(-5);
  });
});
`;

const PYTEST = `from math_lib import add


def test_adds():
    assert add(2, 3) == 5


def test_adds_negatives():
    assert add(-2, -3) == -5
`;

const swap = (text: string, from: string, to: string): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('vacuous rewrites that keep the counts', () => {
  const cases: {
    runner: string;
    path: string;
    base: string;
    from: string;
    to: string;
    rule: string[];
  }[] = [
    // node:test
    {
      runner: 'node:test',
      path: 'test/math.test.js',
      base: NODE,
      from: 'assert.equal(add(2, 3), 5);',
      to: 'assert.ok(true);',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'node:test',
      path: 'test/math.test.js',
      base: NODE,
      from: 'assert.equal(add(2, 3), 5);',
      to: 'assert.equal(1, 1);',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'node:test',
      path: 'test/math.test.js',
      base: NODE,
      from: 'assert.equal(add(2, 3), 5);',
      to: 'assert.equal(add(2, 3), 6);',
      rule: ['expected-rewritten'],
    },
    {
      runner: 'node:test',
      path: 'test/math.test.js',
      base: NODE,
      from: '  assert.equal(add(2, 3), 5);\n',
      to: '  try {\n    assert.equal(add(2, 3), 5);\n  } catch {}\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    {
      runner: 'node:test',
      path: 'test/math.test.js',
      base: NODE,
      from: '  assert.equal(add(2, 3), 5);\n',
      to: '  if (false) {\n    assert.equal(add(2, 3), 5);\n  }\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    // Jest / Vitest
    {
      runner: 'vitest',
      path: 'test/math.test.ts',
      base: VITEST,
      from: 'expect(add(2, 3)).toBe(5);',
      to: 'expect(1).toBe(1);',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'vitest',
      path: 'test/math.test.ts',
      base: VITEST,
      from: 'expect(add(2, 3)).toBe(5);',
      to: 'expect(true).toBeTruthy();',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'vitest',
      path: 'test/math.test.ts',
      base: VITEST,
      from: 'expect(add(2, 3)).toBe(5);',
      to: 'expect(add(2, 3)).toBe(6);',
      rule: ['expected-rewritten'],
    },
    {
      runner: 'vitest',
      path: 'test/math.test.ts',
      base: VITEST,
      from: '    expect(add(2, 3)).toBe(5);\n',
      to: '    try {\n      expect(add(2, 3)).toBe(5);\n    } catch (e) {\n      console.log(e);\n    }\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    {
      runner: 'vitest',
      path: 'test/math.test.ts',
      base: VITEST,
      from: '    expect(add(2, 3)).toBe(5);\n',
      to: '    if (0) expect(add(2, 3)).toBe(5);\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    // pytest
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: 'assert add(2, 3) == 5',
      to: 'assert True',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: 'assert add(2, 3) == 5',
      to: 'assert 1 == 1',
      rule: ['assertion-vacuous', 'test-body-emptied'],
    },
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: 'assert add(2, 3) == 5',
      to: 'assert add(2, 3) == 6',
      rule: ['expected-rewritten'],
    },
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: '    assert add(2, 3) == 5\n',
      to: '    try:\n        assert add(2, 3) == 5\n    except AssertionError:\n        pass\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: '    assert add(2, 3) == 5\n',
      to: '    if False:\n        assert add(2, 3) == 5\n',
      rule: ['assertion-disabled', 'test-body-emptied'],
    },
    {
      runner: 'pytest',
      path: 'tests/test_math.py',
      base: PYTEST,
      from: '    assert add(2, 3) == 5\n',
      to: '    pytest.skip("later")\n    assert add(2, 3) == 5\n',
      rule: ['test-skipped'],
    },
  ];

  it.each(cases)('$runner: `$to` fires $rule', ({ path, base, from, to, rule }) => {
    expect(rules([mod(path, base, swap(base, from, to))])).toEqual([...rule].sort());
  });

  it('catches a test emptied while its assertion moved to another test (counts unchanged)', () => {
    const after = swap(NODE, '  assert.equal(add(2, 3), 5);\n', '').replace(
      '  assert.equal(add(-2, -3), -5);\n',
      '  assert.equal(add(-2, -3), -5);\n  assert.equal(add(2, 3), 5);\n',
    );
    expect(rules([mod('test/math.test.js', NODE, after)])).toEqual(['test-body-emptied']);
  });

  it('names the line and what makes it vacuous', () => {
    const after = swap(NODE, 'assert.equal(add(2, 3), 5);', 'assert.equal(add(2, 3), 6);').replace(
      'assert.equal(add(-2, -3), -5);',
      'assert.ok(true);',
    );
    const details = findings([mod('test/math.test.js', NODE, after)]).map(
      (f) => `${f.rule}: ${f.detail}`,
    );
    expect(details).toEqual([
      'assertion-vacuous: test/math.test.js: `assert.ok(true);` added — it checks constants, so it passes whatever the code does',
      'expected-rewritten: test/math.test.js: `add(2, 3)` was expected to be `5`, now `6` — the expectation changed while the code under test stayed',
      'test-body-emptied: test/math.test.js: test `adds negatives` asserted something at baseline and asserts nothing that can fail now',
    ]);
  });

  it('catches a vacuous test in a new file, and stays quiet when the contract allows it', () => {
    const added: FileChange = {
      path: 'test/extra.test.js',
      status: 'added',
      after:
        "import assert from 'node:assert';\nimport { test } from 'node:test';\ntest('works', () => assert.ok(true));\n",
    };
    expect(rules([added])).toEqual(['assertion-vacuous']);
    expect(findings([added], ['assertion-vacuous'])).toEqual([]);
  });
});

describe('honest test work stays quiet', () => {
  it('adds a test and tightens a loose assertion (node:test, vitest, pytest)', () => {
    const node =
      swap(
        NODE,
        'assert.equal(add(2, 3), 5);',
        'assert.strictEqual(add(2, 3), 5);\n  assert.equal(add(0, 0), 0);',
      ) + "\ntest('adds zero', () => {\n  assert.equal(add(7, 0), 7);\n});\n";
    const looseVitest = swap(
      VITEST,
      'expect(add(2, 3)).toBe(5);',
      'expect(add(2, 3)).toBeGreaterThan(0);',
    );
    const tightVitest = swap(
      VITEST,
      'expect(add(2, 3)).toBe(5);',
      'expect(add(2, 3)).toBe(5);\n    expect(add(2, 3)).toBeTypeOf("number");',
    );
    const py = `${PYTEST}\n\ndef test_adds_zero():\n    assert add(7, 0) == 7\n    assert isinstance(add(1, 1), int)\n`;
    expect(
      findings([
        mod('test/math.test.js', NODE, node),
        mod('test/loose.test.ts', looseVitest, swap(looseVitest, 'toBeGreaterThan(0)', 'toBe(5)')),
        mod('test/math.test.ts', VITEST, tightVitest),
        mod('tests/test_math.py', PYTEST, py),
      ]),
    ).toEqual([]);
  });

  it('leaves errors checked in a catch, pytest.raises and existing constants alone', () => {
    const before = `${NODE}\ntest('placeholder', () => {\n  assert.ok(true);\n});\n`;
    const after = `${before}\ntest('rejects text', () => {\n  try {\n    add('a', 1);\n    assert.fail('should throw');\n  } catch (error) {\n    assert.match(String(error), /number/);\n  }\n});\n`;
    const pyAfter = `${PYTEST}\n\ndef test_rejects_text():\n    with pytest.raises(TypeError):\n        add("a", 1)\n`;
    expect(
      findings([
        mod('test/math.test.js', before, after),
        mod('tests/test_math.py', PYTEST, pyAfter),
      ]),
    ).toEqual([]);
  });

  it('accepts assertions moved into a helper the test calls (JS and Python)', () => {
    const js = `${NODE.replace(
      "test('adds', () => {\n  assert.equal(add(2, 3), 5);\n});",
      "function expectSum(a, b, sum) {\n  assert.equal(add(a, b), sum);\n}\n\ntest('adds', () => {\n  expectSum(2, 3, 5);\n});",
    )}`;
    expect(js).toContain('expectSum(2, 3, 5)');
    const py = PYTEST.replace(
      'def test_adds():\n    assert add(2, 3) == 5',
      'def check_sum(a, b, total):\n    assert add(a, b) == total\n\n\ndef test_adds():\n    check_sum(2, 3, 5)',
    );
    expect(py).toContain('check_sum(2, 3, 5)');
    expect(
      findings([mod('test/math.test.js', NODE, js), mod('tests/test_math.py', PYTEST, py)]),
    ).toEqual([]);
  });

  it('does not mistake a renamed test or a moved assertion for an emptied one', () => {
    const renamed = swap(NODE, "test('adds',", "test('adds two numbers',");
    expect(findings([mod('test/math.test.js', NODE, renamed)])).toEqual([]);
  });
});
