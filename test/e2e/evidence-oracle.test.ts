// The baseline's tests are the oracle (issue #13): a change to an existing test that the textual
// tamper rules do not catch — here the failing test's input is narrowed until the buggy code
// passes — is still refused, because completion re-runs the verifiers on the checkpoint with the
// base's test files put back. Honest work that edits a test file (a fix plus a tightened test)
// is still achieved. Through the built dist/index.js, the sandbox and a fresh copy of the tree.
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLETE, FIX_PATCH, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const NARROWED = `*** Begin Patch
*** Update File: test/cart.test.js
@@
 test('total multiplies by quantity', () => {
-  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);
+  assert.equal(total([{ price: 6 }, { price: 1 }]), 7);
 });
*** End Patch`;

const TIGHTENED = `*** Begin Patch
*** Update File: test/cart.test.js
@@
 test('total adds prices', () => {
   assert.equal(total([{ price: 2 }, { price: 3 }]), 5);
+  assert.equal(total([]), 0);
 });
*** End Patch`;

const patch = (input: string) => ({ toolCalls: [{ name: 'apply_patch', arguments: { input } }] });

describe("the base's tests decide", () => {
  it('refuses a test narrowed until the buggy code passes, and says why', async () => {
    world = await GoalWorld.create(goalScript([patch(NARROWED), COMPLETE, COMPLETE, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 3',
    );
    expect(run.outputs.status).not.toBe('achieved');
    const told = world.openai.requests.map((r) => JSON.stringify(r.body)).join('\n');
    expect(told).toContain("With the base's version of `test/cart.test.js` restored");
    const status = world.statusComments(issue.number)[0]!.body;
    expect(status).toContain('baseline-tests-fail');
  });

  it('still achieves a real fix that also tightens an existing test', async () => {
    world = await GoalWorld.create(goalScript([patch(FIX_PATCH), patch(TIGHTENED), COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status, run.stdout).toBe('achieved');
    const status = world.statusComments(issue.number)[0]!.body;
    expect(status).toContain(
      "With the base's tests restored (test/cart.test.js), the required verifiers still pass",
    );
  });
});
