import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/engine/ports.js';
import type { VerifierResult, VerifierSpec } from '../../src/engine/types.js';
import { matchesGlob } from '../../src/verify/glob.js';
import {
  TAMPER_RULES,
  findTampering,
  isTamperRelevant,
  type TamperInput,
} from '../../src/verify/tamper.js';

function spec(command: string, name = 'test'): VerifierSpec {
  return { name, command, timeoutSec: 60, kind: 'check', required: true, source: 'config' };
}

function check(changes: FileChange[], extra: Partial<TamperInput> = {}) {
  return findTampering({
    changes,
    specs: [spec('npm test')],
    allowed: [],
    protectedPaths: [],
    ...extra,
  });
}

const rules = (findings: { rule: string }[]): string[] => [...new Set(findings.map((f) => f.rule))];

const mod = (path: string, before: string, after: string): FileChange => ({
  path,
  status: 'modified',
  before,
  after,
});

const SUITE = `import { describe, it, expect } from 'vitest';
import { add, sub } from '../src/math.js';

describe('math', () => {
  it('adds', () => {
    expect(add(1, 2)).toBe(3);
  });
  it('subtracts', () => {
    expect(sub(3, 2)).toBe(1);
    expect(sub(2, 3)).toBe(-1);
  });
});
`;

describe('tamper rules', () => {
  it('knows every rule it reports by id', () => {
    expect(TAMPER_RULES.map((r) => r.id)).toEqual([
      'test-deleted',
      'test-emptied',
      'test-skipped',
      'test-focused',
      'fewer-tests',
      'assertions-removed',
      'assertion-vacuous',
      'expected-rewritten',
      'assertion-disabled',
      'test-body-emptied',
      'threshold-lowered',
      'verifier-edited',
      'ci-edited',
      'snapshot-rewritten',
      'protected-path',
    ]);
  });

  describe('test-deleted', () => {
    it('fires on a deleted test file and one renamed out of the runner’s sight', () => {
      const findings = check([
        { path: 'tests/a.test.ts', status: 'deleted', before: SUITE },
        {
          path: 'tests/b.test.ts.bak',
          oldPath: 'tests/b.test.ts',
          status: 'renamed',
          before: SUITE,
          after: SUITE,
        },
      ]);
      expect(findings.filter((f) => f.rule === 'test-deleted').map((f) => f.detail)).toEqual([
        'tests/a.test.ts: test file deleted (it had 2 tests)',
        'tests/b.test.ts: renamed to tests/b.test.ts.bak, which the test runner no longer picks up',
      ]);
    });

    it('stays quiet when a test file moves to another test path or source code is deleted', () => {
      expect(
        check([
          {
            path: 'test/math.test.ts',
            oldPath: 'tests/math.test.ts',
            status: 'renamed',
            before: SUITE,
            after: SUITE,
          },
          { path: 'src/old.ts', status: 'deleted' },
        ]),
      ).toEqual([]);
    });
  });

  describe('test-emptied', () => {
    it('fires when a test file that had tests has none left', () => {
      const findings = check([
        mod(
          'tests/a.test.ts',
          SUITE,
          "import { describe } from 'vitest';\ndescribe('math', () => {});\n",
        ),
      ]);
      expect(findings.find((f) => f.rule === 'test-emptied')?.detail).toBe(
        'tests/a.test.ts: had 2 tests, now has none',
      );
    });

    it('stays quiet when tests are rewritten but remain', () => {
      expect(
        check([mod('tests/a.test.ts', SUITE, SUITE.replace('adds', 'adds two numbers'))]),
      ).toEqual([]);
    });
  });

  describe('test-skipped', () => {
    it('fires on skip markers added in JS, Python, Go, Rust and Java tests', () => {
      const findings = check([
        mod('tests/a.test.ts', SUITE, SUITE.replace("it('adds'", "it.skip('adds'")),
        mod(
          'tests/test_calc.py',
          'def test_div():\n    assert div(4, 2) == 2\n',
          '@pytest.mark.skip(reason="flaky")\ndef test_div():\n    assert div(4, 2) == 2\n',
        ),
        mod(
          'calc_test.go',
          'func TestDiv(t *testing.T) {\n\tcheck(t)\n}\n',
          'func TestDiv(t *testing.T) {\n\tt.Skip("later")\n\tcheck(t)\n}\n',
        ),
        mod(
          'src/lib.rs',
          '#[cfg(test)]\nmod tests {\n    #[test]\n    fn works() {}\n}\n',
          '#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n    fn works() {}\n}\n',
        ),
        mod(
          'src/test/java/CalcTest.java',
          '@Test\nvoid adds() {}\n',
          '@Disabled\n@Test\nvoid adds() {}\n',
        ),
      ]);
      expect(findings.filter((f) => f.rule === 'test-skipped').map((f) => f.detail)).toEqual([
        "tests/a.test.ts: `it.skip('adds', () => {` added",
        'tests/test_calc.py: `@pytest.mark.skip(reason="flaky")` added',
        'calc_test.go: `t.Skip("later")` added',
        'src/lib.rs: `#[ignore]` added',
        'src/test/java/CalcTest.java: `@Disabled` added',
      ]);
    });

    it('stays quiet for an existing skip that moved, a skip in a comment, and a new file with todos', () => {
      const withSkip = `it.skip('later', () => {});\n${SUITE}`;
      expect(
        check([
          mod('tests/a.test.ts', withSkip, `${SUITE}it.skip('later', () => {});\n`),
          mod('tests/b.test.ts', SUITE, `// do not use it.skip here\n${SUITE}`),
          { path: 'tests/c.test.ts', status: 'added', after: "it.todo('handles overflow');\n" },
        ]),
      ).toEqual([]);
    });
  });

  describe('test-focused', () => {
    it('fires on .only, fit and fdescribe, in new files too', () => {
      const findings = check([
        mod('tests/a.test.ts', SUITE, SUITE.replace("describe('math'", "describe.only('math'")),
        {
          path: 'spec/b.spec.js',
          status: 'added',
          after: "fit('works', () => { expect(1).toBe(1); });\n",
        },
      ]);
      expect(findings.filter((f) => f.rule === 'test-focused').map((f) => f.detail)).toEqual([
        "tests/a.test.ts: `describe.only('math', () => {` added",
        "spec/b.spec.js: `fit('works', () => { expect(1).toBe(1); });` added",
      ]);
    });

    it('stays quiet on words that merely contain "only" or "fit"', () => {
      const after = SUITE.replace("it('adds'", "it('adds only positive numbers to fit'");
      expect(check([mod('tests/a.test.ts', SUITE, after)])).toEqual([]);
    });
  });

  describe('fewer-tests', () => {
    const run = (testCount: number): VerifierResult[] => [
      {
        name: 'test',
        passed: true,
        exitCode: 0,
        timedOut: false,
        durationMs: 1,
        outputTail: '',
        attempts: 1,
        flaky: false,
        testCount,
      },
    ];

    it('fires when the runner reports fewer tests than at baseline', () => {
      expect(check([], { baseline: run(40), latest: run(35) })).toEqual([
        { rule: 'fewer-tests', detail: '`test` ran 40 tests at baseline, now 35' },
      ]);
    });

    it('stays quiet when tests were added, or a count is unknown', () => {
      expect(check([], { baseline: run(40), latest: run(42) })).toEqual([]);
      expect(check([], { latest: run(3) })).toEqual([]);
    });
  });

  describe('assertions-removed', () => {
    it('fires when test files lose assertions', () => {
      const after = SUITE.replace('    expect(sub(2, 3)).toBe(-1);\n', '');
      const findings = check([mod('tests/a.test.ts', SUITE, after)]);
      expect(findings).toEqual([
        {
          rule: 'assertions-removed',
          path: 'tests/a.test.ts',
          detail: 'tests/a.test.ts: assertions went from 3 to 2 (all changed test files: 3 → 2)',
        },
      ]);
    });

    it('stays quiet when assertions move to another test file, or when content was not read', () => {
      const after = SUITE.replace('    expect(sub(2, 3)).toBe(-1);\n', '');
      expect(
        check([
          mod('tests/a.test.ts', SUITE, after),
          {
            path: 'tests/sub.test.ts',
            status: 'added',
            after: "it('negative', () => { expect(sub(2, 3)).toBe(-1); });\n",
          },
          { path: 'tests/c.test.ts', status: 'modified', after: '' },
        ]),
      ).toEqual([]);
    });
  });

  describe('threshold-lowered', () => {
    it('fires on lowered coverage, fail_under and raised --max-warnings', () => {
      const findings = check([
        mod(
          'vitest.config.ts',
          'coverage: { thresholds: { lines: 90, branches: 80 } }',
          'coverage: { thresholds: { lines: 70, branches: 80 } }',
        ),
        mod(
          'pyproject.toml',
          '[tool.coverage.report]\nfail_under = 95\n',
          '[tool.coverage.report]\n',
        ),
        mod(
          'package.json',
          '{"scripts":{"lint":"eslint . --max-warnings 0"}}',
          '{"scripts":{"lint":"eslint . --max-warnings 25"}}',
        ),
      ]);
      expect(findings.filter((f) => f.rule === 'threshold-lowered').map((f) => f.detail)).toEqual([
        'vitest.config.ts: `coverage lines` threshold lowered from 90 to 70',
        'pyproject.toml: `fail_under` threshold removed (was 95)',
        'package.json: `--max-warnings` threshold raised from 0 to 25',
      ]);
    });

    it('stays quiet when thresholds are raised or other settings change', () => {
      expect(
        check([
          mod(
            'vitest.config.ts',
            'coverage: { thresholds: { lines: 90 } }, testTimeout: 5000',
            'coverage: { thresholds: { lines: 95 } }, testTimeout: 9000',
          ),
          mod(
            'setup.cfg',
            '[coverage:report]\nfail_under = 80\n',
            '[coverage:report]\nfail_under = 85\nshow_missing = true\n',
          ),
        ]),
      ).toEqual([]);
    });
  });

  describe('verifier-edited', () => {
    const pkg = (scripts: Record<string, string>, deps: Record<string, string> = {}): string =>
      JSON.stringify({ name: 'x', scripts, dependencies: deps }, null, 2);

    it('fires when a script the verifier runs (directly or through another script) changes', () => {
      const before = pkg({
        test: 'npm run unit && npm run lint',
        unit: 'vitest run',
        lint: 'eslint .',
      });
      const after = pkg({
        test: 'npm run unit && npm run lint',
        unit: 'vitest run --passWithNoTests',
        lint: 'eslint .',
      });
      expect(check([mod('package.json', before, after)]).map((f) => f.detail)).toEqual([
        'package.json: script `unit`, which verifier `test` runs, changed from `vitest run` to `vitest run --passWithNoTests`',
      ]);
    });

    it('fires when a script file or Makefile the verifier names changes', () => {
      const findings = findTampering({
        changes: [
          mod('scripts/check.sh', 'exit 1', 'exit 0'),
          mod('Makefile', 'test:\n\tgo test ./...\n', 'test:\n\ttrue\n'),
        ],
        specs: [spec('./scripts/check.sh', 'check'), spec('make test', 'unit')],
        allowed: [],
        protectedPaths: [],
      });
      expect(findings.map((f) => f.detail)).toEqual([
        'scripts/check.sh: run by verifier `check` (`./scripts/check.sh`), modified',
        'Makefile: modified, and verifier `unit` runs `make`',
      ]);
    });

    it('follows `npm test` into the script file it runs when given the base scripts', () => {
      const findings = check([mod('scripts/run-tests.mjs', 'a', 'b')], {
        baseScripts: { test: 'node scripts/run-tests.mjs' },
      });
      expect(findings.map((f) => f.rule)).toEqual(['verifier-edited']);
    });

    it('stays quiet when package.json gains a dependency or an unrelated script changes', () => {
      const before = pkg({ test: 'vitest run', build: 'tsc' });
      const after = pkg(
        { test: 'vitest run', build: 'tsc -p tsconfig.build.json' },
        { zod: '^4.0.0' },
      );
      expect(check([mod('package.json', before, after), mod('src/math.ts', 'a', 'b')])).toEqual([]);
    });
  });

  describe('ci-edited', () => {
    it('fires on workflow, GitLab, CircleCI and Jenkins changes', () => {
      const findings = check([
        { path: '.github/workflows/ci.yml', status: 'modified', before: 'a', after: 'b' },
        { path: '.gitlab-ci.yml', status: 'added', after: 'x' },
        { path: '.circleci/config.yml', status: 'deleted', before: 'x' },
        { path: 'Jenkinsfile', status: 'modified', before: 'a', after: 'b' },
      ]);
      expect(findings.map((f) => f.detail)).toEqual([
        '.github/workflows/ci.yml: CI configuration modified',
        '.gitlab-ci.yml: CI configuration added',
        '.circleci/config.yml: CI configuration deleted',
        'Jenkinsfile: CI configuration modified',
      ]);
    });

    it('stays quiet for other files under .github', () => {
      expect(
        check([
          { path: '.github/ISSUE_TEMPLATE/bug.yml', status: 'modified', before: 'a', after: 'b' },
        ]),
      ).toEqual([]);
    });
  });

  describe('snapshot-rewritten', () => {
    const snap = Array.from({ length: 10 }, (_, i) => `exports[\`case ${i}\`] = \`"${i}"\`;`).join(
      '\n',
    );

    it('fires when a snapshot is deleted or more than half of it replaced', () => {
      const rewritten = snap.replace(/"\d"/g, '"?"');
      const findings = check([
        { path: 'tests/__snapshots__/a.test.ts.snap', status: 'deleted', before: snap },
        mod('tests/__snapshots__/b.test.ts.snap', snap, rewritten),
      ]);
      expect(findings.map((f) => f.detail)).toEqual([
        'tests/__snapshots__/a.test.ts.snap: snapshot file deleted',
        'tests/__snapshots__/b.test.ts.snap: 10 of 10 snapshot lines replaced',
      ]);
    });

    it('stays quiet when snapshots are added or a few updated', () => {
      const updated = `${snap.replace('"1"', '"one"')}\nexports[\`case new\`] = \`"n"\`;`;
      expect(check([mod('tests/__snapshots__/b.test.ts.snap', snap, updated)])).toEqual([]);
    });
  });

  describe('protected-path', () => {
    it('fires on changes under a protected glob, including the old path of a rename', () => {
      const findings = check(
        [
          { path: 'secrets/prod.env', status: 'modified', before: 'a', after: 'b' },
          { path: 'src/key.txt', oldPath: 'deploy/key.pem', status: 'renamed' },
        ],
        { protectedPaths: ['secrets/**', '*.pem'] },
      );
      expect(findings.map((f) => f.detail)).toEqual([
        'secrets/prod.env: protected (matches `secrets/**`) but modified',
        'deploy/key.pem: protected (matches `*.pem`) but renamed',
      ]);
    });

    it('stays quiet for paths that only look similar', () => {
      expect(
        check([mod('src/secrets-manager.ts', 'a', 'b'), mod('docs/pem.md', 'a', 'b')], {
          protectedPaths: ['secrets/**', '*.pem'],
        }),
      ).toEqual([]);
    });
  });

  it('does not report rules the contract allows', () => {
    const changes: FileChange[] = [{ path: 'tests/a.test.ts', status: 'deleted', before: SUITE }];
    expect(rules(check(changes))).toEqual(['test-deleted']);
    expect(check(changes, { allowed: ['test-deleted'] })).toEqual([]);
  });
});

describe('isTamperRelevant', () => {
  it('asks for the contents of tests, snapshots, manifests, coverage and CI configs', () => {
    for (const path of [
      'src/a.test.ts',
      'tests/test_a.py',
      'pkg/a_test.go',
      'src/lib.rs',
      'tests/__snapshots__/a.test.ts.snap',
      'package.json',
      'packages/core/package.json',
      'vitest.config.ts',
      '.nycrc.json',
      'pyproject.toml',
      'Makefile',
      '.github/workflows/ci.yml',
    ])
      expect(isTamperRelevant(path), path).toBe(true);
  });

  it('leaves ordinary source and docs alone', () => {
    for (const path of ['src/math.ts', 'README.md', 'lib/parser.py', 'cmd/main.go'])
      expect(isTamperRelevant(path), path).toBe(false);
  });
});

describe('matchesGlob', () => {
  it('matches **, *, braces and bare names the way .gitignore users expect', () => {
    expect(matchesGlob('.github/workflows/ci.yml', '.github/workflows/**')).toBe(true);
    expect(matchesGlob('.github/workflows', '.github/workflows/**')).toBe(true);
    expect(matchesGlob('a/b/c.env', '**/*.env')).toBe(true);
    expect(matchesGlob('c.env', '**/*.env')).toBe(true);
    expect(matchesGlob('deep/dir/id_rsa', 'id_rsa')).toBe(true);
    expect(matchesGlob('config/prod.yml', 'config/*.{yml,yaml}')).toBe(true);
    expect(matchesGlob('config/sub/prod.yml', 'config/*.yml')).toBe(false);
    expect(matchesGlob('.github/workflowsx/a', '.github/workflows/**')).toBe(false);
  });
});
