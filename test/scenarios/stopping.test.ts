// How a goal ends, end to end on real git, real tools and real `node --test` verifiers: pre-existing
// failures are not blamed, flaky passes are not trusted, metric targets are measured, an agent that
// makes no progress is stopped, a vague "blocked" is refused, and the budget is honoured.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judge } from '../../src/verify/judge.js';
import {
  FIX_CART,
  blocked,
  cartProject,
  check,
  cleanupScenarios,
  complete,
  iterationMessage,
  metric,
  patch,
  removePath,
  runScenario,
  shell,
} from './world.js';

const scratch: string[] = [];
afterAll(async () => {
  await cleanupScenarios();
  for (const dir of scratch.splice(0)) await removePath(dir);
});

const CART = check('cart', 'node --test test/cart.test.js');

/** A comment-only edit: the tree changes, the verifier results do not. */
const busyWork = (n: number) =>
  patch(`*** Update File: src/cart.js
@@
 // A tiny shopping cart.
+// attempt ${n}: maybe the loop is the problem`);

describe('pre-existing failures', () => {
  it('a failure the goal did not cause is shown as pre-existing, and the goal is achieved on its required verifier', async () => {
    const legacy = check('legacy', 'node --test legacy/legacy.test.js', { required: false });
    const run = await runScenario({
      files: cartProject({
        'legacy/legacy.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';

test('legacy discount rounds to cents', () => {
  assert.equal(Math.round(0.1 * 3 * 100) / 100, 0.31);
});
`,
      }),
      verification: [CART, legacy],
      plan: { 1: [FIX_CART, complete('cart: 2 of 2 tests pass')] },
    });
    expect(run.record.state).toBe('achieved');
    const byName = (name: string) => run.record.latest?.results.find((r) => r.name === name);
    expect(byName('cart')?.passed).toBe(true);
    expect(byName('legacy')).toMatchObject({
      passed: false,
      failingTests: ['legacy discount rounds to cents'],
    });
    const verdict = judge(
      run.record.contract.verification,
      run.record.latest!.results,
      run.record.baseline!.results,
    );
    expect(verdict.preExisting).toEqual([
      '`legacy` failed (exit 1): 1 failing test: legacy discount rounds to cents — already failing at baseline',
    ]);
    expect(verdict.regressions).toEqual([]);
    expect(
      run.record.progress.some((p) => p.text.includes('failing before any edit: cart, legacy')),
    ).toBe(true);
    // The model saw the legacy failure from the start, labelled optional.
    expect(run.model.requests[0]?.instructions).toContain(
      '`legacy`: `node --test legacy/legacy.test.js` (check, optional',
    );
  });
});

describe('flaky verifiers', () => {
  const CLOCK_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';

// Stands in for a timing-dependent test: it fails on every other run.
test('the clock ticks', () => {
  const file = process.env.FLAKY_COUNTER;
  const runs = Number(readFileSync(file, 'utf8')) + 1;
  writeFileSync(file, String(runs));
  assert.ok(runs % 2 === 0, \`run \${runs}: the clock missed a tick\`);
});
`;
  const CLOCK = check('clock', 'node --test test/clock.test.js');

  /** The counter lives outside the repository, so counting runs never dirties the tree. */
  async function counterFile(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'goal-flaky-'));
    scratch.push(dir);
    const file = path.join(dir, 'runs');
    await writeFile(file, '0');
    return file;
  }

  async function flakyGoal(plan: Parameters<typeof runScenario>[0]['plan']) {
    const counter = await counterFile();
    const env = { FLAKY_COUNTER: counter };
    return runScenario({
      files: cartProject({ 'test/clock.test.js': CLOCK_TEST }),
      verification: [CART, CLOCK],
      plan,
      runner: { flakeReruns: 2, consecutivePasses: 2, env },
      toolEnv: env,
      budget: { iterations: 3 },
    });
  }

  it('a pass between failures on the same tree is marked flaky and not counted', async () => {
    // Baseline: the clock runs fail, pass, fail. The model then runs it once itself (a pass) and
    // claims completion on that lucky run; the harness sees fail, pass, fail again.
    const run = await flakyGoal({
      1: [FIX_CART, shell('node --test test/clock.test.js'), complete('node --test passes')],
    });
    expect(run.record.flaky).toEqual(['clock']);
    expect(run.record.state).toBe('budget-limited');
    const clock = run.record.latest?.results.find((r) => r.name === 'clock');
    expect(clock).toMatchObject({ passed: false, flaky: true, attempts: 3 });
    expect(clock?.outputTail).toContain(
      'flaky: run 1 failed, run 2 passed, run 3 failed; needs 2 passes in a row to count',
    );
    const told = iterationMessage(run.model, 2);
    expect(told).toContain('Completion refused by the harness');
    expect(told).toContain(
      '`clock` failed (exit 1): 1 failing test: the clock ticks (flaky: passed and failed on the same tree)',
    );
  });

  it('a verifier already seen flaky must pass repeatedly before it counts, not once by luck', async () => {
    // Baseline marks the clock flaky (fail, pass, fail). After the fix its next run happens to
    // pass: that single pass must not prove the goal.
    const run = await flakyGoal({ 1: [FIX_CART, complete('node --test passes')] });
    expect(run.record.flaky).toEqual(['clock']);
    expect(run.record.state).not.toBe('achieved');
    expect(run.record.latest?.results.find((r) => r.name === 'clock')?.passed).toBe(false);
  });
});

describe('metric goals', () => {
  const BENCH = `import { readFileSync } from 'node:fs';

// Prints the time of the "work" the settings ask for; the model tunes src/settings.json.
const { workMs } = JSON.parse(readFileSync('src/settings.json', 'utf8'));
console.log('warm-up: 1 ms');
console.log(\`time: \${workMs} ms\`);
`;
  const files = { 'bench.mjs': BENCH, 'src/settings.json': '{ "workMs": 100 }\n' };
  const bench = metric('bench', 'node bench.mjs', 'time: (\\d+) ms', {
    kind: 'relative',
    percent: -30,
  });
  const tune = (workMs: number) =>
    patch(`*** Update File: src/settings.json
@@
-{ "workMs": 100 }
+{ "workMs": ${workMs} }`);

  it('is achieved when the metric reaches its target relative to the baseline', async () => {
    const run = await runScenario({
      files,
      verification: [bench],
      objective: 'Cut the benchmark time by 30%.',
      plan: { 1: [tune(65), complete('time: 65 ms, 35% below the baseline 100 ms')] },
    });
    expect(run.record.baseline?.results[0]?.metricValue).toBe(100);
    expect(run.record.state).toBe('achieved');
    expect(run.record.history[0]?.metrics).toEqual({ bench: 65 });
    // What the user reads on the branch and in the status: the target was met, so 1 of 1 passed.
    const sha = run.record.checkpoints[0]!.sha;
    expect(run.record.stopReason).toEqual({
      kind: 'achieved',
      evidence: `1/1 passed; bench=65 on ${sha.slice(0, 10)}`,
    });
    expect(await run.commitMessage(sha)).toContain('Goal-Verifiers: 1/1 passed; bench=65');
  });

  it('is not achieved at -10%, and the refusal names the target', async () => {
    const run = await runScenario({
      files,
      verification: [bench],
      objective: 'Cut the benchmark time by 30%.',
      plan: { 1: [tune(90), complete('time: 90 ms, faster than before')] },
      budget: { iterations: 3 },
    });
    expect(run.record.state).toBe('budget-limited');
    const unmet = 'metric `bench` is 90, target <= 70 (-30% of baseline)';
    expect(iterationMessage(run.model, 2)).toContain(unmet);
    expect(
      judge(
        run.record.contract.verification,
        run.record.latest!.results,
        run.record.baseline!.results,
      ).unmet,
    ).toEqual([unmet]);
  });
});

describe('stalls', () => {
  it('edits that never move the verifiers stop the goal as stalled, after one nudge the model can read', async () => {
    const run = await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: (n) => [busyWork(n)],
      engine: { stallIterations: 2 },
      budget: { iterations: 10 },
    });
    expect(run.record.state).toBe('stalled');
    // Two idle iterations, the nudge, two more idle iterations: stopped after the fourth.
    expect(run.record.iteration).toBe(4);
    expect(run.record.checkpoints).toHaveLength(4);
    expect(run.record.stopReason).toMatchObject({ kind: 'stalled' });
    expect(run.record.stopReason?.kind === 'stalled' && run.record.stopReason.detail).toContain(
      'No verifier progress in 2 iterations after being asked to change approach',
    );
    const nudged = [1, 2, 3, 4].filter((n) =>
      iterationMessage(run.model, n)?.includes('You are not making progress'),
    );
    expect(nudged).toEqual([3]);
  });
});

describe('blocked requests', () => {
  it('a vague blocker is refused and the model told; a concrete one stops the goal and is shown', async () => {
    const blocker =
      '`node --test` cannot reach the payment sandbox at 127.0.0.1:9 (ECONNREFUSED) and I have no credentials for it';
    const needs = 'a maintainer to provide PAYMENT_SANDBOX_URL and a test API key';
    const run = await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: { 1: [blocked('stuck')], 2: [blocked(blocker, needs)] },
    });
    expect(iterationMessage(run.model, 2)).toContain(
      'A blocked request needs a concrete blocker: name what fails (command, error, file) and why you cannot resolve it yourself. "stuck" is not specific enough.',
    );
    expect(run.record.state).toBe('blocked');
    expect(run.record.stopReason).toEqual({ kind: 'blocked', blocker, needs });
    expect(run.record.iteration).toBe(2);
  });
});

describe('budgets', () => {
  it('an iteration budget of 2 gives the model two iterations to work in', async () => {
    const run = await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: { 1: [busyWork(1)], 2: [FIX_CART, complete('cart: 2 of 2 tests pass')] },
      budget: { iterations: 2 },
    });
    expect(iterationMessage(run.model, 2)).toBeDefined();
    expect(run.record.state).toBe('achieved');
  });
});
