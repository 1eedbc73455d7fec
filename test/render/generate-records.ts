// Produces the goal records the report snapshots and the rendered pictures use, by running real
// goals through the engine (real git, tools and verifiers; a scripted model): one record per
// state a person reads. Run with `node --import tsx test/render/generate-records.ts`; the JSON
// lands in test/render/records/ and is committed, so the snapshots stay stable.
import { writeFile } from 'node:fs/promises';
import { format } from 'prettier';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoalRecord } from '../../src/engine/types.js';
import {
  FIX_CART,
  blocked,
  cartProject,
  check,
  cleanupScenarios,
  complete,
  metric,
  patch,
  runScenario,
  type Call,
} from '../scenarios/world.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'records');
const CART = check('test', 'node --test');
const plan = (...steps: [string, 'pending' | 'in_progress' | 'completed'][]): Call => ({
  name: 'update_plan',
  args: { plan: steps.map(([step, status]) => ({ step, status })) },
});
const busyWork = (n: number): Call =>
  patch(`*** Update File: src/cart.js
@@
 // A tiny shopping cart.
+// attempt ${n}: maybe the loop is the problem`);
const SKIP = patch(`*** Update File: test/cart.test.js
@@
-test('total multiplies by quantity', () => {
+test.skip('total multiplies by quantity', () => {`);

const BENCH = `import { readFileSync } from 'node:fs';
const { workMs } = JSON.parse(readFileSync('src/settings.json', 'utf8'));
console.log(\`time: \${workMs} ms\`);
`;
const tune = (from: number, to: number): Call =>
  patch(`*** Update File: src/settings.json
@@
-{ "workMs": ${from} }
+{ "workMs": ${to} }`);
const bench = metric('bench', 'node bench.mjs', 'time: (\\d+) ms', {
  kind: 'relative',
  percent: -30,
});

async function main(): Promise<void> {
  const records: Record<string, GoalRecord> = {};

  records.achieved = (
    await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: {
        1: [
          plan(
            ['Find why quantities are ignored', 'completed'],
            ['Multiply by quantity', 'in_progress'],
          ),
        ],
        2: [
          FIX_CART,
          plan(
            ['Find why quantities are ignored', 'completed'],
            ['Multiply by quantity', 'completed'],
          ),
          complete(),
        ],
      },
    })
  ).record;

  // The cheat from issue #13: the failing test is skipped and completion claimed nine times.
  records['tamper-refused'] = (
    await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: (n) => (n === 1 ? [SKIP, complete()] : [complete()]),
      budget: { iterations: 9 },
      engine: { stallIterations: 20 },
    })
  ).record;

  records.stalled = (
    await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: (n) => [busyWork(n)],
      engine: { stallIterations: 2 },
      budget: { iterations: 10 },
    })
  ).record;

  records['budget-limited'] = (
    await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: (n) => [busyWork(n)],
      budget: { tokens: 6_000 },
      engine: { stallIterations: 20 },
    })
  ).record;

  records.metric = (
    await runScenario({
      files: {
        'bench.mjs': BENCH,
        'src/settings.json': '{ "workMs": 100 }\n',
        'package.json': '{"type":"module"}\n',
      },
      verification: [bench],
      objective: 'Cut the benchmark time by 30%.',
      plan: {
        1: [tune(100, 90)],
        2: [tune(90, 80)],
        3: [tune(80, 65), complete('time: 65 ms, 35% below the baseline 100 ms')],
      },
    })
  ).record;

  records.blocked = (
    await runScenario({
      files: cartProject(),
      verification: [CART],
      plan: {
        1: [
          blocked(
            '`node --test` cannot reach the payment sandbox at 127.0.0.1:9 (ECONNREFUSED) and I have no credentials for it',
            'a maintainer to provide PAYMENT_SANDBOX_URL and a test API key',
          ),
        ],
      },
    })
  ).record;

  for (const [name, record] of Object.entries(records)) {
    // Formatted as the repository's prettier check expects.
    await writeFile(
      path.join(OUT, `${name}.json`),
      await format(JSON.stringify(record), { parser: 'json' }),
    );
    console.log(
      `${name}: ${record.state}, ${record.iteration} iterations, ${record.findings.length} findings`,
    );
  }
  await cleanupScenarios();
}

await main();
