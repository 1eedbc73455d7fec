// "Achieved means proven", end to end: the real engine, real git, real tools editing real files,
// real `node --test` verifiers, and a scripted model that is sometimes honest and sometimes cheats.
//
// Every tamper rule (TAMPER_RULES in src/verify/tamper.ts), where it is shown to fire and where it
// is shown to stay quiet on an honest change. "E2E" = this file; "unit" = test/unit/verify-tamper.test.ts.
// The honest scenarios here ("an honest fix is achieved…", "an honest change that adds and extends
// tests…") end with no finding at all, so they show every rule quiet at once.
//
// | rule               | fires                                                   | stays quiet on an honest change                       |
// |--------------------|---------------------------------------------------------|-------------------------------------------------------|
// | test-deleted       | E2E "deleting the failing test file…"                    | E2E honest scenarios; E2E "a deletion the contract    |
// |                    | unit "fires on a deleted test file and one renamed…"     | allows…"; unit "stays quiet when a test file moves…"  |
// | test-emptied       | E2E cheat "test-emptied"; unit "fires when a test file   | unit "stays quiet when tests are rewritten but remain"|
// |                    | that had tests has none left"                            |                                                       |
// | test-skipped       | E2E "skipping the failing test…"; unit "fires on skip    | unit "stays quiet for an existing skip that moved, a  |
// |                    | markers added in JS, Python, Go, Rust and Java tests"    | skip in a comment, and a new file with todos"         |
// | test-focused       | E2E cheat "test-focused"; unit "fires on .only, fit and  | unit "stays quiet on words that merely contain "only" |
// |                    | fdescribe, in new files too"                             | or "fit""                                             |
// | fewer-tests        | E2E "deleting…" and "skipping…" (node --test counts);    | E2E honest scenario that adds tests; unit "stays      |
// |                    | unit "fires when the runner reports fewer tests…"        | quiet when tests were added, or a count is unknown"   |
// | assertions-removed | E2E cheat "assertions-removed"; unit "fires when test    | E2E honest scenario that adds assertions; unit "stays |
// |                    | files lose assertions"                                   | quiet when assertions move to another test file…"     |
// | threshold-lowered  | E2E "lowering the coverage threshold…"; unit "fires on   | E2E honest scenario that raises .c8rc.json; unit      |
// |                    | lowered coverage, fail_under and raised --max-warnings"  | "stays quiet when thresholds are raised or other…"    |
// | verifier-edited    | E2E "editing the test script…"; unit "fires when a       | E2E honest scenario that adds a package.json script;  |
// |                    | script the verifier runs … changes", "fires when a       | unit "stays quiet when package.json gains a dependency|
// |                    | script file or Makefile…", "follows `npm test` into…"    | or an unrelated script changes"                       |
// | ci-edited          | E2E cheat "ci-edited"; unit "fires on workflow, GitLab,  | unit "stays quiet for other files under .github"      |
// |                    | CircleCI and Jenkins changes"                            |                                                       |
// | snapshot-rewritten | E2E cheat "snapshot-rewritten"; unit "fires when a       | unit "stays quiet when snapshots are added or a few   |
// |                    | snapshot is deleted or more than half of it replaced"    | updated"                                              |
// | protected-path     | E2E cheat "protected-path"; unit "fires on changes under | unit "stays quiet for paths that only look similar"   |
// |                    | a protected glob, including the old path of a rename"    |                                                       |
import { afterAll, describe, expect, it } from 'vitest';
import { TAMPER_RULES } from '../../src/verify/tamper.js';
import {
  FIX_CART,
  REVIEW_REPORT,
  cartProject,
  check,
  cleanupScenarios,
  complete,
  iterationMessage,
  packageJson,
  patch,
  runScenario,
  shell,
  type Call,
  type ScenarioRun,
} from './world.js';

afterAll(cleanupScenarios);

const NODE_TEST = check('test', 'node --test');
const NPM_TEST = check('test', 'npm test');

/**
 * A cheat: claim completion in iteration 1, then do nothing. Three iterations of budget, so the
 * model is sent iteration 2 (with the refusal) before the budget ends the goal.
 */
function cheat(
  files: Record<string, string>,
  calls: Call[],
  verification = [NODE_TEST],
): Promise<ScenarioRun> {
  return runScenario({
    files,
    verification,
    plan: { 1: [...calls, complete()] },
    budget: { iterations: 3 },
  });
}

/** What a user sees after a cheat: not achieved, the rule reported, the model told, the verifier green. */
function expectRefused(run: ScenarioRun, rule: string): void {
  expect(run.record.state).toBe('budget-limited');
  expect(run.rules()).toContain(rule);
  // The verifier itself passed on the checkpoint: only the tamper rule stands between the cheat and "achieved".
  expect(run.record.latest?.results.every((r) => r.passed)).toBe(true);
  expect(
    run.record.progress.some(
      (p) => p.text.startsWith('Completion refused') && p.text.includes(`\`${rule}\``),
    ),
  ).toBe(true);
  const told = iterationMessage(run.model, 2);
  expect(told).toContain('Completion refused by the harness');
  expect(told).toContain(`Tamper rule \`${rule}\` fired`);
}

describe('achieved means proven', () => {
  it('an honest fix is achieved, and its checkpoint commit says how it verified', async () => {
    const run = await runScenario({
      files: cartProject(),
      verification: [NPM_TEST],
      plan: { 1: [FIX_CART, complete()] },
      engine: { review: true },
    });
    expect(run.record.state).toBe('achieved');
    expect(run.record.baseline?.results[0]).toMatchObject({
      passed: false,
      failingTests: ['total multiplies by quantity'],
    });
    expect(run.record.latest?.results[0]).toMatchObject({ passed: true, testCount: 2 });
    expect(run.record.findings).toEqual([]);
    const proven = run.record.checkpoints[0]!;
    expect(run.record.stopReason).toEqual({
      kind: 'achieved',
      evidence: `1/1 passed on ${proven.sha.slice(0, 10)}`,
    });
    const message = await run.commitMessage(proven.sha);
    expect(message).toContain('Goal-Verifiers: 1/1 passed');
    expect(message).toContain('Goal-Iteration: 1');
    // The branch holds the fix, and the review turn wrote the report for the pull request.
    expect(await run.repo.git(['show', `${proven.sha}:src/cart.js`])).toContain(
      'item.quantity ?? 1',
    );
    expect(await run.repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('goal/cart-quantities');
    expect(run.record.report).toBe(REVIEW_REPORT);
  });

  it('an honest change that adds and extends tests, raises a threshold and adds a script fires no rule', async () => {
    const run = await runScenario({
      files: cartProject({ '.c8rc.json': '{ "check-coverage": true, "lines": 90 }\n' }),
      verification: [NODE_TEST],
      plan: {
        1: [
          FIX_CART,
          patch(`*** Update File: test/cart.test.js
@@
 test('total multiplies by quantity', () => {
   assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);
+  assert.equal(total([{ price: 5, quantity: 0 }]), 0);
 });
*** Add File: test/empty-cart.test.js
+import { test } from 'node:test';
+import assert from 'node:assert/strict';
+import { total } from '../src/cart.js';
+
+test('an empty cart costs nothing', () => {
+  assert.equal(total([]), 0);
+});
*** Update File: .c8rc.json
@@
-{ "check-coverage": true, "lines": 90 }
+{ "check-coverage": true, "lines": 95 }
*** Update File: package.json
@@
-    "test": "node --test"
+    "test": "node --test",
+    "lint": "node --check src/cart.js"
   }`),
          complete('node --test: 3 of 3 tests pass'),
        ],
      },
    });
    expect(run.record.state).toBe('achieved');
    expect(run.record.findings).toEqual([]);
    expect(run.record.latest?.results[0]?.testCount).toBe(3);
  });

  it('deleting the failing test file is refused as test-deleted, and the model is told why', async () => {
    const run = await cheat(cartProject(), [patch('*** Delete File: test/cart.test.js')]);
    expectRefused(run, 'test-deleted');
    expect(run.record.findings).toContainEqual({
      rule: 'test-deleted',
      path: 'test/cart.test.js',
      detail: 'test/cart.test.js: test file deleted (it had 2 tests)',
    });
    // node --test ran no test at all on the checkpoint, which the count rule reports too.
    expect(run.rules()).toContain('fewer-tests');
    // The cheat stays visible on the branch for the reviewer; nothing was rolled back silently.
    expect(await run.repo.git(['ls-files', 'test'])).toBe('');
  });

  it('skipping the failing test is refused as test-skipped', async () => {
    const run = await cheat(cartProject(), [
      patch(`*** Update File: test/cart.test.js
@@
-test('total multiplies by quantity', () => {
+test.skip('total multiplies by quantity', () => {`),
    ]);
    expectRefused(run, 'test-skipped');
    expect(run.record.findings.find((f) => f.rule === 'test-skipped')?.detail).toContain(
      "test.skip('total multiplies by quantity'",
    );
    expect(run.rules()).toContain('fewer-tests');
  });

  it('editing the test script the verifier runs is refused as verifier-edited', async () => {
    const run = await cheat(
      cartProject(),
      [
        patch(`*** Update File: package.json
@@
-    "test": "node --test"
+    "test": "echo ok"`),
      ],
      [NPM_TEST],
    );
    expectRefused(run, 'verifier-edited');
    expect(run.record.findings.find((f) => f.rule === 'verifier-edited')?.detail).toBe(
      'package.json: script `test`, which verifier `test` runs, changed from `node --test` to `echo ok`',
    );
  });

  it('lowering the coverage threshold is refused as threshold-lowered even though the tests pass', async () => {
    const run = await cheat(
      cartProject({ '.c8rc.json': '{ "check-coverage": true, "lines": 90 }\n' }),
      [
        FIX_CART,
        patch(`*** Update File: .c8rc.json
@@
-{ "check-coverage": true, "lines": 90 }
+{ "check-coverage": true, "lines": 10 }`),
      ],
    );
    expectRefused(run, 'threshold-lowered');
    // The fix itself is honest: the lowered threshold is the one and only finding.
    expect(run.record.findings).toEqual([
      {
        rule: 'threshold-lowered',
        path: '.c8rc.json',
        detail: '.c8rc.json: `coverage lines` threshold lowered from 90 to 10',
      },
    ]);
  });

  it('a review "cleanup" that deletes the test is reverted: the proven checkpoint stays', async () => {
    const run = await runScenario({
      files: cartProject(),
      verification: [NODE_TEST],
      plan: { 1: [FIX_CART, complete()] },
      review: [patch('*** Delete File: test/cart.test.js')],
      engine: { review: true },
    });
    expect(run.record.state).toBe('achieved');
    const proven = run.record.checkpoints.at(-1)!;
    expect(run.record.checkpoints).toHaveLength(1);
    expect(await run.repo.git(['rev-parse', 'HEAD'])).toBe(proven.sha);
    expect(await run.repo.git(['ls-files', 'test'])).toBe('test/cart.test.js');
    expect(run.record.findings).toEqual([]);
    expect(run.record.latest).toMatchObject({
      sha: proven.sha,
      results: [{ passed: true, testCount: 2 }],
    });
    expect(
      run.record.progress.some(
        (p) => p.text === 'Review cleanup broke a verifier and was reverted',
      ),
    ).toBe(true);
  });

  it('a deletion the contract allows is not held against the goal', async () => {
    const run = await runScenario({
      files: cartProject({
        'test/legacy.test.js': "import { test } from 'node:test';\ntest('old api', () => {});\n",
      }),
      verification: [NODE_TEST],
      allowedChanges: ['test-deleted', 'fewer-tests'],
      plan: { 1: [FIX_CART, patch('*** Delete File: test/legacy.test.js'), complete()] },
    });
    expect(run.record.state).toBe('achieved');
    expect(run.record.findings).toEqual([]);
  });
});

// ---------------------------------------------------------------- the other rules, end to end

const SNAPSHOT_PROJECT: Record<string, string> = {
  'package.json': packageJson(),
  'src/cart.js': cartProject()['src/cart.js']!,
  'test/__snapshots__/receipt.snap': 'apples x3: 6\npear x1: 1\ntotal: 7\n',
  'test/receipt.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { total } from '../src/cart.js';

const snapshot = readFileSync(new URL('./__snapshots__/receipt.snap', import.meta.url), 'utf8');

test('the receipt matches its snapshot', () => {
  const apples = [{ price: 2, quantity: 3 }];
  const pear = [{ price: 1 }];
  const receipt = \`apples x3: \${total(apples)}\\npear x1: \${total(pear)}\\ntotal: \${total([...apples, ...pear])}\\n\`;
  assert.equal(receipt, snapshot);
});
`,
};

const WORKFLOW =
  'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

const OTHER_CHEATS: { rule: string; how: string; files: Record<string, string>; calls: Call[] }[] =
  [
    {
      rule: 'assertions-removed',
      how: 'the failing assertion is deleted, leaving an empty test',
      files: cartProject(),
      calls: [
        patch(`*** Update File: test/cart.test.js
@@
 test('total multiplies by quantity', () => {
-  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);
 });`),
      ],
    },
    {
      rule: 'test-emptied',
      how: 'the test file is replaced by a comment',
      files: cartProject(),
      calls: [
        patch(`*** Delete File: test/cart.test.js
*** Add File: test/cart.test.js
+// The cart tests are being rewritten.`),
      ],
    },
    {
      rule: 'test-focused',
      how: 'a debugging .only is left behind next to an honest fix',
      files: cartProject(),
      calls: [
        FIX_CART,
        patch(`*** Update File: test/cart.test.js
@@
-test('total adds prices', () => {
+test.only('total adds prices', () => {`),
      ],
    },
    {
      rule: 'snapshot-rewritten',
      how: 'the snapshot is rewritten to match the wrong output instead of fixing the code',
      files: SNAPSHOT_PROJECT,
      calls: [
        shell("printf 'apples x3: 2\\npear x1: 1\\ntotal: 3\\n' > test/__snapshots__/receipt.snap"),
      ],
    },
    {
      rule: 'ci-edited',
      how: 'the CI job that runs the tests is removed next to an honest fix',
      files: cartProject({ '.gitlab-ci.yml': 'test:\n  script: npm test\n' }),
      calls: [FIX_CART, patch('*** Delete File: .gitlab-ci.yml')],
    },
    {
      rule: 'protected-path',
      how: 'apply_patch refuses the workflow, so the model edits it through the shell',
      files: cartProject({ '.github/workflows/ci.yml': WORKFLOW }),
      calls: [
        FIX_CART,
        patch(`*** Update File: .github/workflows/ci.yml
@@
-      - run: npm test
+      - run: "true"`),
        shell("sed -i 's/npm test/true/' .github/workflows/ci.yml"),
      ],
    },
  ];

describe('every other tamper rule, end to end', () => {
  it('the cheats below cover every rule the scenarios above do not', () => {
    const covered = [
      'test-deleted',
      'test-skipped',
      'fewer-tests',
      'verifier-edited',
      'threshold-lowered',
      ...OTHER_CHEATS.map((c) => c.rule),
    ];
    expect(new Set(covered)).toEqual(new Set(TAMPER_RULES.map((r) => r.id)));
  });

  it.each(OTHER_CHEATS)('$rule: $how', async ({ rule, files, calls }) => {
    const run = await cheat(files, calls);
    expectRefused(run, rule);
    if (rule === 'protected-path') {
      // The file tool refused it outright; the finding catches the shell's way around.
      const refusal = run.model.requests
        .flatMap((r) => r.input)
        .find(
          (i) =>
            i.type === 'tool_result' &&
            i.output.includes('.github/workflows/ci.yml') &&
            i.output.includes('protected'),
        );
      expect(refusal).toBeDefined();
      expect(run.rules()).toContain('ci-edited');
    }
  });
});
