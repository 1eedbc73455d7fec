// A goal that outlives one run, and a contract edited while the loop runs, end to end through the
// real `openai` SDK against the scripted server with real tools, verifiers and git.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/cli/file-store.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { COMPLETE, FIX, goalScript, lastUserText, sideTurn } from '../support/goal-world.js';
import type { ScriptedTurn } from '../support/openai-server.js';
import { ModelWorld, PlannedControl, instructionsOf, userTexts } from './harness.js';

const APIS = ['chat', 'responses'] as const;

let world: ModelWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const READ: ScriptedTurn = {
  toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }],
};

describe.each(APIS)('control over the %s API', (api) => {
  it('resumes a paused goal from its stored record: progress carried over, ledger cumulative', async () => {
    world = await ModelWorld.create({ api, script: goalScript([READ, FIX, COMPLETE]) });
    // The 2nd poll comes before the model's second round of iteration 1: a maintainer paused.
    const pause = new PlannedControl((n) =>
      n === 2 ? [{ kind: 'pause', reason: '/goal pause' }] : [],
    );
    const first = await world.run({ control: pause });
    expect(first.state).toBe('paused');
    const tokensAfterFirst = first.ledger.tokens;
    const requestsInFirst = world.server.requests.length;
    expect(tokensAfterFirst).toBe(world.serverBilledTokens());

    // The next run starts from what the store holds, as a new workflow run would.
    const stored = JSON.parse(
      readFileSync(new FileStore(world.root).path(first.branch), 'utf8'),
    ) as GoalRecord;
    const second = await world.run({ record: stored, runId: 'run-2' });

    const opening = world.server.requests[requestsInFirst]!;
    expect(sideTurn(opening)).toBeNull(); // no second restatement
    const snapshot = userTexts(opening)[0]!;
    expect(snapshot).toContain('# The goal continues (after iteration 1).');
    expect(snapshot).toContain('Baseline: 0/1 passed; failing before any edit: test');
    expect(second.state).toBe('achieved');
    expect(second.runs.map((r) => r.id)).toEqual(['run-1', 'run-2']);
    expect(second.ledger.tokens).toBeGreaterThan(tokensAfterFirst);
    expect(second.ledger.tokens).toBe(world.serverBilledTokens());
    expect(second.ledger.modelCalls).toBe(world.server.requests.length);
  });

  it('puts an objective edited mid-goal in the very next request', async () => {
    world = await ModelWorld.create({ api, script: goalScript([READ, FIX, COMPLETE]) });
    const edited = 'Make `total()` honour item quantities, and keep prices in integer cents.';
    let editedAt = -1;
    const control = new PlannedControl((n) => {
      if (n !== 2) return [];
      editedAt = world!.server.requests.length;
      const contract = { ...world!.record.contract, outcome: edited };
      return [{ kind: 'edit', contract, note: 'objective edited with /goal edit' }];
    });
    const record = await world.run({ control });

    const requests = world.server.requests;
    expect(editedAt).toBeGreaterThan(0);
    for (const before of requests.slice(0, editedAt)) {
      expect(instructionsOf(before)).toContain('# Goal contract (revision 1)');
      expect(instructionsOf(before)).not.toContain(edited);
    }
    const next = requests[editedAt]!;
    expect(instructionsOf(next)).toContain('# Goal contract (revision 2)');
    expect(instructionsOf(next)).toContain(edited);
    expect(lastUserText(next)).toContain('The goal contract changed (revision 2)');
    expect(record.contractRevision).toBe(2);
    expect(record.state).toBe('achieved');
  });
});
