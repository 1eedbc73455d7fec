// Evidence end to end through the built Action (dist/index.js run as the runner runs it, real
// Octokit against the GitHub fake, the real openai SDK against the scripted server): typos and
// unrunnable or missing verifiers cost no model request at all; vacuous test rewrites are never
// achieved and are reported to people and to the model; honest test work still is.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMPLETE,
  FIX,
  GoalWorld,
  MAINTAINER,
  goalScript,
  lastUserText,
} from '../support/goal-world.js';
import { runGit } from '../support/git-fixtures.js';
import type { ScriptedTurn } from '../support/openai-server.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const latestStatus = (w: GoalWorld, issue: number): string =>
  w.statusComments(issue).at(-1)?.body ?? '';

/** Tool results that report a failure: the scripted edits must have applied for a test to mean anything. */
function failedTools(w: GoalWorld): string[] {
  return w.openai.requests.flatMap((r) => {
    const items = (r.api === 'chat' ? r.body.messages : r.body.input) as {
      role?: string;
      type?: string;
      content?: unknown;
      output?: unknown;
    }[];
    return items
      .filter((i) => i.role === 'tool' || i.type === 'function_call_output')
      .map((i) => String(i.content ?? i.output ?? ''))
      .filter((t) => !t.startsWith('Success') && /fail|error|denied|not found/i.test(t));
  });
}

describe('commands that are almost commands', () => {
  it.each([
    ['/goal pasue', '/goal pause'],
    ['/goal clean', '/goal clear'],
  ])('%s gets "did you mean `%s`?", no goal and no model request', async (body, meant) => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(issue.number, MAINTAINER, body);
    expect(run.failed).toBe(false);
    expect(world.openai.requests).toHaveLength(0);
    expect(world.statusComments(issue.number)).toHaveLength(0);
    const reply = world.replies(issue.number).at(-1)?.body ?? '';
    expect(reply).toContain(`did you mean \`${meant}\`?`);
    expect(reply).toContain('No goal was started');
    expect(world.github.pulls ?? []).toHaveLength(0);
  });
});

describe('replies', () => {
  it('mention the person once', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, 'outsider', '/goal Make total() honour quantities');
    const reply = world.replies(issue.number).at(-1)?.body ?? '';
    expect(reply.match(/@outsider/g)).toHaveLength(1);
    expect(world.openai.requests).toHaveLength(0);
  });
});

describe('verifiers that cannot run', () => {
  it('a verifier that cannot start at the baseline stops the goal before any model request, naming it', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal Make total() honour quantities', {
      inputs: { verify: 'unit: npm run tset' },
    });
    expect(world.openai.requests).toHaveLength(0);
    const status = latestStatus(world, issue.number);
    expect(status).toContain('**failed**');
    expect(status).toContain('`unit` (`npm run tset`)');
    expect(status).toMatch(/Missing script/i);
    expect(status).toContain('no model call was made');
  });

  it('a command the shell cannot find (exit 127) stops it too', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --verify "unit: nodee --test"',
      { inputs: { verify: '' } },
    );
    expect(world.openai.requests).toHaveLength(0);
    const status = latestStatus(world, issue.number);
    expect(status).toContain('**failed**');
    expect(status).toContain('`unit` (`nodee --test`)');
  });

  it('a goal with no verifier at all is refused before any model request', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal Make total() honour quantities', {
      inputs: { verify: '' },
    });
    expect(world.openai.requests).toHaveLength(0);
    const everything = world.github.comments.map((c) => c.body).join('\n');
    expect(everything).toMatch(/no verifier/i);
    expect(everything).toContain('--verify');
  });

  it('`--verify "name: command"` names the verifier and runs the command', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --verify "unit: npm test"',
      { inputs: { verify: '' } },
    );
    const status = latestStatus(world, issue.number);
    expect(status).toContain('**achieved**');
    expect(status).toMatch(/\| unit \| ✅ pass \|/);
  });
});

const patchTest = (from: string, to: string): ScriptedTurn => ({
  toolCalls: [
    {
      name: 'apply_patch',
      arguments: {
        input: `*** Begin Patch\n*** Update File: test/cart.test.js\n@@\n${from
          .split('\n')
          .map((l) => `-${l}`)
          .join('\n')}\n${to
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n')}\n*** End Patch`,
      },
    },
  ],
});
const MULTIPLY = '  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);';

describe('vacuous rewrites through the built Action', () => {
  it.each([
    ['assertion-vacuous', patchTest(MULTIPLY, '  assert.ok(true);')],
    [
      'expected-rewritten',
      patchTest(MULTIPLY, '  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 3);'),
    ],
    ['assertion-disabled', patchTest(MULTIPLY, `  try {\n  ${MULTIPLY}\n  } catch {}`)],
    ['assertion-disabled', patchTest(MULTIPLY, `  if (false) {\n  ${MULTIPLY}\n  }`)],
    [
      'test-body-emptied',
      patchTest(
        `  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);\n});\n\ntest('total multiplies by quantity', () => {\n${MULTIPLY}`,
        `  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);\n  assert.equal(total([{ price: 4 }]), 4);\n});\n\ntest('total multiplies by quantity', () => {`,
      ),
    ],
  ])('%s is never achieved, and people and the model are told', async (rule, cheat) => {
    const script = goalScript([cheat, COMPLETE]);
    world = await GoalWorld.create(script);
    const issue = world.issue();
    await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 2',
    );
    expect([...new Set(failedTools(world))]).toEqual([]);
    const status = latestStatus(world, issue.number);
    expect(status).not.toContain('**achieved**');
    expect(status).toContain(`**${rule}**`);
    // Whatever the verifier said, it is never shown as a clean pass.
    expect(status).not.toMatch(/\| test \| ✅ pass/);
    expect(status).toContain('pass only with changes that weaken them');
    const told = world.openai.requests.some((r) =>
      lastUserText(r).includes(`Tamper rule \`${rule}\` fired`),
    );
    expect(told).toBe(true);
  });

  it('honest work that fixes the code, adds a test and tightens an assertion is achieved', async () => {
    const honest = patchTest(
      "test('total adds prices', () => {\n  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);",
      "test('total adds prices', () => {\n  assert.strictEqual(total([{ price: 2 }, { price: 3 }]), 5);\n  assert.equal(total([]), 0);",
    );
    world = await GoalWorld.create(goalScript([FIX, honest, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal Make total() honour quantities');
    const status = latestStatus(world, issue.number);
    expect(status).toContain('**achieved**');
    expect(status).not.toContain('Needs reviewer attention');
    // Both edits are on the goal branch, and the checkpoint says what it changed.
    const branch = /branch `([^`]+)`/.exec(status)![1]!;
    const tests = await runGit(world.remote, ['show', `${branch}:test/cart.test.js`]);
    expect(tests).toContain('assert.equal(total([]), 0);');
    expect((await world.branchLog(branch)).at(-1)).toMatch(
      /^Edit src\/cart\.js and test\/cart\.test\.js\n/,
    );
  });
});

/** pytest as the Action's commands find it: on the system PATH (Debian: `apt-get install python3-pytest`), not in a user's shims. */
const systemPytest = ((): boolean => {
  try {
    execFileSync(
      '/usr/bin/env',
      ['-i', 'PATH=/usr/local/bin:/usr/bin:/bin', 'python3', '-m', 'pytest', '--version'],
      {
        stdio: 'ignore',
      },
    );
    return true;
  } catch {
    return false;
  }
})();

const PY_FILES = {
  'cart.py':
    'def total(items):\n    s = 0\n    for item in items:\n        s += item["price"]\n    return s\n',
  'tests/test_cart.py':
    'from cart import total\n\n\ndef test_adds_prices():\n    assert total([{"price": 2}, {"price": 3}]) == 5\n\n\ndef test_multiplies_by_quantity():\n    assert total([{"price": 2, "quantity": 3}, {"price": 1}]) == 7\n',
  'pytest.ini': '[pytest]\npythonpath = .\n',
};
const PY_ASSERT = '    assert total([{"price": 2, "quantity": 3}, {"price": 1}]) == 7';
const pyPatch = (to: string): ScriptedTurn => ({
  toolCalls: [
    {
      name: 'apply_patch',
      arguments: {
        input: `*** Begin Patch\n*** Update File: tests/test_cart.py\n@@\n def test_multiplies_by_quantity():\n-${PY_ASSERT}\n${to
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n')}\n*** End Patch`,
      },
    },
  ],
});

describe.skipIf(!systemPytest)('vacuous pytest rewrites through the built Action', () => {
  it.each([
    ['assertion-vacuous', pyPatch('    assert 1 == 1')],
    [
      'expected-rewritten',
      pyPatch('    assert total([{"price": 2, "quantity": 3}, {"price": 1}]) == 3'),
    ],
    [
      'assertion-disabled',
      pyPatch(`    try:\n    ${PY_ASSERT}\n    except AssertionError:\n        pass`),
    ],
  ])('%s is never achieved, and people and the model are told', async (rule, cheat) => {
    world = await GoalWorld.create(goalScript([cheat, COMPLETE]), { files: PY_FILES });
    const issue = world.issue();
    await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 2',
      {
        inputs: { verify: 'pytest: python3 -m pytest -q -p no:cacheprovider' },
      },
    );
    expect([...new Set(failedTools(world))]).toEqual([]);
    const status = latestStatus(world, issue.number);
    expect(status).not.toContain('**achieved**');
    expect(status).toContain(`**${rule}**`);
    expect(status).not.toMatch(/\| pytest \| ✅ pass/);
    expect(
      world.openai.requests.some((r) => lastUserText(r).includes(`Tamper rule \`${rule}\` fired`)),
    ).toBe(true);
  });
});
