// The demo's sample project and the recorded transcript that fixes it. The project is real: a
// failing `node --test` suite in a fresh git repository; the transcript's patch is applied by the
// real apply_patch tool and judged by the real verifier.
import type { ReplayTranscript } from './replay-model.js';

export const DEMO_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'demo-cart', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`,
  'src/cart.js': `// A tiny shopping cart.
export function total(items) {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
`,
  'test/cart.test.js': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { total } from '../src/cart.js';

test('total adds prices', () => {
  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);
});

test('total multiplies by quantity', () => {
  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);
});
`,
  '.gitignore': 'node_modules/\n',
};

export const DEMO_OBJECTIVE = 'Make `total()` honour item quantities so the test suite passes.';

export const DEMO_TRANSCRIPT: ReplayTranscript = {
  restatement: `Outcome: total() counts each item's quantity (default 1), so the cart tests pass.
Verification: \`npm test\` must exit 0 on the committed checkpoint.
Constraints: the existing test "total adds prices" keeps passing; no test is weakened.
Boundaries: change src/ only.
Iteration policy: read the failing test, make the smallest fix, re-run the tests.
Blocked condition: a test cannot pass without a decision from a maintainer.`,
  turns: [
    {
      calls: [
        {
          name: 'update_plan',
          arguments: {
            plan: [
              { step: 'Reproduce the failing test', status: 'in_progress' },
              { step: 'Fix total() to use quantity', status: 'pending' },
              { step: 'Run the tests', status: 'pending' },
            ],
          },
        },
        { name: 'shell', arguments: { command: ['bash', '-lc', 'npm test 2>&1 | tail -n 20'] } },
      ],
    },
    { calls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }] },
    {
      calls: [
        {
          name: 'apply_patch',
          arguments: {
            input: `*** Begin Patch
*** Update File: src/cart.js
@@
 export function total(items) {
   let sum = 0;
-  for (const item of items) sum += item.price;
+  for (const item of items) sum += item.price * (item.quantity ?? 1);
   return sum;
 }
*** End Patch`,
          },
        },
        {
          name: 'update_plan',
          arguments: {
            plan: [
              { step: 'Reproduce the failing test', status: 'completed' },
              { step: 'Fix total() to use quantity', status: 'completed' },
              { step: 'Run the tests', status: 'in_progress' },
            ],
          },
        },
        { name: 'shell', arguments: { command: ['bash', '-lc', 'npm test 2>&1 | tail -n 12'] } },
      ],
    },
    {
      calls: [
        {
          name: 'update_goal',
          arguments: {
            status: 'complete',
            evidence: '`npm test`: 2 tests pass (total adds prices, total multiplies by quantity).',
          },
        },
      ],
    },
  ],
  review:
    'Approach: total() now multiplies each price by its quantity (default 1). Nothing was abandoned. Evidence: `npm test` passes both tests on the checkpoint. Not done: nothing outstanding.',
  wrapUp:
    'Budget used up before the fix was verified; next step: run `npm test` after the quantity fix.',
};
