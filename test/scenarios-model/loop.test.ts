// The goal loop end to end through the real `openai` SDK (Chat Completions and Responses) against
// the scripted server on 127.0.0.1, with the real tools, the real verifier runner on a sample
// project whose `node --test` suite fails, and a real temporary git repository.
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMPLETE,
  FIX,
  RESTATEMENT,
  goalScript,
  lastUserText,
  sideTurn,
} from '../support/goal-world.js';
import type { RecordedRequest, ScriptedTurn } from '../support/openai-server.js';
import { ModelWorld, PlannedControl, toolResults } from './harness.js';

const APIS = ['chat', 'responses'] as const;

let world: ModelWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A main turn that runs one shell command, with a known call id. */
function shell(callId: string, args: object | string): ScriptedTurn {
  return { toolCalls: [{ name: 'shell', callId, arguments: args }] };
}

/** The request the engine sent right after the one the script answered with `callId`. */
function requestAfter(w: ModelWorld, served: RecordedRequest | undefined): RecordedRequest {
  expect(served, 'the scripted turn was never requested').toBeDefined();
  const next = w.server.requests[w.server.requests.indexOf(served!) + 1];
  expect(next, 'no request followed the scripted turn').toBeDefined();
  return next!;
}

describe.each(APIS)('the goal loop over the %s API', (api) => {
  it('fixes the failing test: achieved, with a real checkpoint commit carrying trailers', async () => {
    world = await ModelWorld.create({ api, script: goalScript([FIX, COMPLETE]) });
    const record = await world.run();

    expect(record.state).toBe('achieved');
    expect(record.baseline?.results[0]?.passed).toBe(false);
    expect(record.latest?.results[0]?.passed).toBe(true);
    expect(record.branch).toMatch(/^goal\/7-/);
    // The checkout is on the goal branch, and the branch holds exactly one checkpoint with the fix.
    expect(await world.git(['symbolic-ref', '--short', 'HEAD'])).toBe(record.branch);
    const log = await world.branchLog(record.branch);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('Goal-Id: goal-scenario-1');
    expect(log[0]).toContain('Goal-Iteration: 1');
    expect(log[0]).toContain('Goal-Verifiers: 1/1 passed');
    expect(log[0]).toMatch(/Goal-Tokens: [1-9]\d*/);
    expect(record.checkpoints.at(-1)?.sha).toBe(await world.git(['rev-parse', record.branch]));
    expect(await world.git(['show', `${record.branch}:src/cart.js`])).toContain(
      'item.price * (item.quantity ?? 1)',
    );
    // No turn the work does not need: the restatement came with the first working turn, and a
    // one-line fix with nothing to clean up gets no review turn. Two requests: fix, then complete.
    expect(record.restatement).toBe(RESTATEMENT);
    expect(world.server.requests.map((r) => sideTurn(r))).toEqual([null, null]);
    expect(record.report).toBeUndefined();
    expect(record.ledger.tokens).toBe(world.serverBilledTokens());
  });

  it('refuses a completion claim while the tests fail and feeds the failure back', async () => {
    world = await ModelWorld.create({
      api,
      script: goalScript(() => COMPLETE),
      budget: { iterations: 2 },
    });
    const record = await world.run();

    expect(record.state).toBe('budget-limited');
    expect(record.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'iterations' });
    expect(record.checkpoints).toHaveLength(0);
    // The second iteration's request tells the model why, with the failing test's own output.
    const fedBack = world.server.requests.filter(
      (r) => sideTurn(r) === null && lastUserText(r).startsWith('# Iteration 2'),
    );
    expect(fedBack).toHaveLength(1);
    const text = lastUserText(fedBack[0]!);
    expect(text).toContain('Completion refused by the harness');
    expect(text).toContain('`test` failed (exit 1)');
    expect(text).toContain('output tail:');
    expect(text).toContain('total multiplies by quantity');
    expect(text).toContain('AssertionError');
    // A budget of two iterations gives the model two: both claims were judged, and refused.
    expect(record.progress.filter((p) => p.text.startsWith('Completion refused'))).toHaveLength(2);
    expect(record.history.map((h) => h.note)).toEqual(['asked: complete', 'asked: complete']);
  });

  it('returns malformed tool arguments to the model as a tool error and carries on', async () => {
    let served: RecordedRequest | undefined;
    world = await ModelWorld.create({
      api,
      script: goalScript((n, req) => {
        if (n === 0) served = req;
        return [shell('call_bad', '{"command": ["ls", '), FIX, COMPLETE][n] ?? { text: 'Done.' };
      }),
    });
    const record = await world.run();

    const next = requestAfter(world, served);
    const result = toolResults(next).find((t) => t.callId === 'call_bad');
    expect(result?.output).toContain('The arguments to shell are not valid JSON');
    expect(record.state).toBe('achieved');
  });

  it('kills a command that hangs at its timeout, says so, and carries on', async () => {
    let served: RecordedRequest | undefined;
    world = await ModelWorld.create({
      api,
      script: goalScript((n, req) => {
        if (n === 0) served = req;
        const hang = shell('call_sleep', { command: 'sleep 600', timeout_ms: 1000 });
        return [hang, FIX, COMPLETE][n] ?? { text: 'Done.' };
      }),
    });
    const record = await world.run();

    const result = toolResults(requestAfter(world, served)).find((t) => t.callId === 'call_sleep');
    expect(result?.output).toContain('Command timed out after 1000 ms and was killed');
    expect(record.state).toBe('achieved');
  });

  it('bounds what the model receives from a command that floods ~50 MB of output', async () => {
    let served: RecordedRequest | undefined;
    world = await ModelWorld.create({
      api,
      script: goalScript((n, req) => {
        if (n === 0) served = req;
        const flood = shell('call_flood', {
          command: ['bash', '-c', "yes 'flood line of output 0123456789' | head -c 50000000"],
        });
        return [flood, FIX, COMPLETE][n] ?? { text: 'Done.' };
      }),
    });
    const record = await world.run();

    const result = toolResults(requestAfter(world, served)).find((t) => t.callId === 'call_flood');
    expect(result).toBeDefined();
    const output = result!.output;
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(10 * 1024 + 512);
    expect(output).toMatch(/… omitted \d+ lines \(\d+ bytes\) …/);
    // It really printed ~50 MB: 50 000 000 bytes of 36-byte lines.
    const total = Number(/Total output lines: (\d+)/.exec(output)?.[1]);
    expect(total).toBeGreaterThan(1_380_000);
    expect(output).toContain('flood line of output 0123456789');
    expect(record.state).toBe('achieved');
  });
});

describe('reasoning kept across turns (Responses API)', () => {
  it('carries the encrypted reasoning of a turn into the next request, through the real loop', async () => {
    world = await ModelWorld.create({
      api: 'responses',
      script: goalScript([
        { ...FIX, reasoning: 'The total ignores quantity; patch cart.js.' },
        { ...COMPLETE, reasoning: 'Tests pass now; claim completion.' },
      ]),
    });
    const record = await world.run();
    expect(record.state).toBe('achieved');

    const reasoningOf = (r: RecordedRequest) =>
      (r.body.input as { type: string; encrypted_content?: string; id?: string }[]).filter(
        (i) => i.type === 'reasoning',
      );
    const main = world.server.requests.filter((r) => sideTurn(r) === null);
    // The first request has nothing to carry; the second carries the first answer's reasoning,
    // which the server issued (it refuses any other) and without an id (store: false).
    expect(main.length).toBeGreaterThanOrEqual(2);
    expect(reasoningOf(main[0]!)).toEqual([]);
    const carried = reasoningOf(main[1]!);
    expect(carried).toHaveLength(1);
    expect(carried[0]!.encrypted_content).toMatch(/^enc_/);
    expect(carried[0]!.id).toBeUndefined();
    expect(main.every((r) => r.status === 200)).toBe(true);
    // Reasoning tokens reach the ledger as the provider reported them.
    expect(record.ledger.usage.reasoningTokens).toBeGreaterThan(0);
    expect(record.ledger.tokens).toBe(world.serverBilledTokens());
  });
});

describe('elided outputs stay within reach', () => {
  it('leaves a pointer the model can read the whole output back from, never committed', async () => {
    const big = (i: number): ScriptedTurn =>
      shell(`call_big_${i}`, {
        command: [
          'bash',
          '-c',
          `for n in $(seq 1 150); do echo "batch ${i} line $n of build output"; done`,
        ],
      });
    world = await ModelWorld.create({
      api: 'responses',
      script: goalScript([big(0), big(1), big(2), big(3), FIX, COMPLETE]),
    });
    // A request may use 6 000 tokens: the fixed prefix and two of these outputs fit, four do not.
    const record = await world.run({
      engine: { contextWindow: 10_000, keepRecentToolOutputs: 1, maxOutputTokens: 1_000 },
    });
    expect(record.state).toBe('achieved');

    const requests = world.server.requests;
    const original = toolResults(requests.find((r) => toolResults(r).length > 0)!)[0]!;
    expect(original.output).toContain('batch 0 line 150');
    const later = requests.find((r) => toolResults(r)[0]?.output.startsWith('[output elided'));
    expect(later, 'no request carried an elided output').toBeDefined();
    const note = toolResults(later!)[0]!.output;
    const pointer = /saved in (\S+) \(read_file\)/.exec(note)?.[1];
    expect(pointer).toMatch(/^\.goal-action\/scratch\/output-1-\d+\.txt$/);
    // The real read_file tool gives the model back exactly what it saw before.
    const read = await world
      .deps(new PlannedControl())
      .tools.execute('read_file', JSON.stringify({ path: pointer }), {});
    expect(read.ok).toBe(true);
    expect(read.output).toContain('batch 0 line 150 of build output');
    // Checkpoints never carry the scratch area.
    const tree = await world.git(['ls-tree', '-r', '--name-only', record.branch]);
    expect(tree).not.toContain('.goal-action');
  });
});
