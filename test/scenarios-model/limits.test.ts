// Budgets and provider failures end to end through the real `openai` SDK against the scripted
// server: the token budget with its single wrap-up turn and exact accounting, an exhausted quota,
// and a compaction call that fails.
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLETE, FIX, goalScript, sideTurn } from '../support/goal-world.js';
import type { RecordedRequest, ScriptedTurn } from '../support/openai-server.js';
import { ModelWorld, userTexts } from './harness.js';

const APIS = ['chat', 'responses'] as const;

let world: ModelWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const READ: ScriptedTurn = {
  toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }],
};

/** About 12 KB of output: the shell tool keeps ~10 KiB of it, a few thousand tokens. */
const BIG_OUTPUT: ScriptedTurn = {
  toolCalls: [
    {
      name: 'shell',
      arguments: {
        command: [
          'bash',
          '-c',
          "yes 'a line of build output, sixty characters long ......' | head -n 200",
        ],
      },
    },
  ],
};

/** goalScript's answers, as a function another script can fall back to. */
function asFunction(script: ReturnType<typeof goalScript>) {
  return script as unknown as (req: RecordedRequest, index: number) => ScriptedTurn;
}

describe.each(APIS)('budgets and failures over the %s API', (api) => {
  it('stops a goal that never finishes as budget-limited after exactly one wrap-up turn', async () => {
    world = await ModelWorld.create({
      api,
      script: goalScript(() => READ),
      budget: { tokens: 12_000 },
    });
    const record = await world.run({ engine: { maxOutputTokens: 2_000, sideOutputTokens: 500 } });

    expect(record.state).toBe('budget-limited');
    expect(record.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'tokens' });
    const requests = world.server.requests;
    const wrapUps = requests.filter((r) => sideTurn(r) === 'wrap-up');
    expect(wrapUps).toHaveLength(1);
    expect(requests.at(-1)).toBe(wrapUps[0]);
    expect(requests.filter((r) => sideTurn(r) === null).length).toBeGreaterThan(5);
    expect(record.report).toBe('(wrap-up)');
    // The ledger charges exactly what the provider reported, request by request.
    expect(record.ledger.tokens).toBe(world.serverBilledTokens());
    expect(record.ledger.modelCalls).toBe(requests.length);
    expect(record.ledger.usage.cachedInputTokens).toBe(world.server.totals().cached);
    expect(record.ledger.usage.cachedInputTokens).toBeGreaterThan(0);
  });

  it('stops as budget-limited (quota) on insufficient_quota, with one request for that turn', async () => {
    world = await ModelWorld.create({
      api,
      script: goalScript([
        {
          error: {
            status: 429,
            code: 'insufficient_quota',
            type: 'insufficient_quota',
            message: 'You exceeded your current quota, please check your plan and billing details.',
          },
        },
      ]),
    });
    // The SDK's default retries stay on: the quota must not be retried all the same.
    const record = await world.run();

    expect(record.state).toBe('budget-limited');
    expect(record.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'quota' });
    const requests = world.server.requests;
    // No turn of its own for the restatement: the first request is the first working turn.
    expect(requests.map((r) => sideTurn(r))).toEqual([null]);
    expect(requests[0]?.status).toBe(429);
    // The refused request billed nothing: no call is charged.
    expect(record.ledger.modelCalls).toBe(0);
  });

  it('carries on with mechanical elision when the compaction call fails', async () => {
    const main = asFunction(goalScript([BIG_OUTPUT, FIX, COMPLETE]));
    world = await ModelWorld.create({
      api,
      maxRetries: 0,
      script: (req, index) =>
        sideTurn(req) === 'compact' ? { error: { status: 500 } } : main(req, index),
    });
    // A request may use 6 000 tokens: the fixed prefix (~2 700) and one big output do not fit.
    const record = await world.run({
      engine: { contextWindow: 10_000, keepRecentToolOutputs: 1, maxOutputTokens: 1_000 },
    });

    const requests = world.server.requests;
    const compactions = requests.filter((r) => sideTurn(r) === 'compact');
    expect(compactions).toHaveLength(1);
    expect(compactions[0]?.status).toBe(500);
    expect(record.summary).toMatch(/^Compaction call failed \(.*500/);
    expect(record.summary).toContain('- shell {"command":["bash","-c","yes');
    expect(record.progress.map((p) => p.text)).toContain(
      'Context compacted (the conversation outgrew the request budget) by elision: the summary call failed',
    );
    // The next request starts a fresh conversation whose snapshot carries the mechanical summary.
    const next = requests[requests.indexOf(compactions[0]!) + 1];
    expect(userTexts(next!)[0]).toContain('Summary of earlier work:\nCompaction call failed');
    expect(record.state).toBe('achieved');
  });
});
