// Durable spending (issue #12, part 4): after a kill at any point, the resumed goal's ledger is at
// least what the provider billed, minus at most one call. The loop runs against the engine fakes;
// a kill is simulated by dropping everything the run did not get into the store, and the next run
// starts from the last record that landed there, as a new workflow run would.
import { describe, expect, it } from 'vitest';
import { estimateRequest } from '../../src/engine/loop-support.js';
import { runGoal } from '../../src/engine/loop.js';
import { ModelError, type GoalStore, type ModelRequest } from '../../src/engine/ports.js';
import {
  FIRST_RESERVED_CALLS,
  MAX_RESERVED_CALLS,
  RESERVED_CALLS,
  Reservation,
} from '../../src/engine/reservation.js';
import type { GoalRecord } from '../../src/engine/types.js';
import {
  EventLog,
  FakeClock,
  FakeTools,
  FakeVerifiers,
  MemoryWorkspace,
  QueueControl,
  ScriptedModel,
  testRecord,
  type ScriptStep,
} from '../support/engine-fakes.js';

/** Killed: the process is gone; nothing it does from here on reaches the store or the provider. */
class Killed extends Error {}

/**
 * A store whose writes land only when the loop asks (saved()), as a background writer's would at
 * the worst moment; `durableOnSave` makes it a store without saved() whose save() is durable.
 */
class LandingStore implements GoalStore {
  landed?: GoalRecord;
  private queued?: GoalRecord;
  savedCalls = 0;
  /** Waits the loop did not need: the landed record already covered every call made. */
  needless = 0;
  dead = false;
  saved?: () => Promise<void>;
  /** The loop's live record, as the last save() got it. */
  private live?: GoalRecord;

  constructor(durableOnSave = false) {
    if (!durableOnSave)
      this.saved = async () => {
        this.savedCalls += 1;
        const l = this.landed?.ledger;
        const made = this.live?.ledger;
        if (
          l &&
          made &&
          made.tokens <= this.coverage() &&
          made.modelCalls <= l.modelCalls + (l.reserved?.calls ?? 0)
        )
          this.needless += 1;
        if (!this.dead && this.queued) this.landed = this.queued;
        this.queued = undefined;
      };
  }

  /** What the first record saved accounted for (tokens). */
  firstSave?: number;

  async save(record: GoalRecord): Promise<void> {
    if (this.dead) return;
    this.firstSave ??= record.ledger.tokens + (record.ledger.reserved?.tokens ?? 0);
    this.live = record;
    if (this.saved) this.queued = structuredClone(record);
    else this.landed = structuredClone(record);
  }

  /** What a record in the store accounts for: its charges and what it reserved. */
  coverage(which: 'landed' | 'handed' = 'landed'): number {
    const record = which === 'handed' ? (this.queued ?? this.landed) : this.landed;
    const l = record?.ledger;
    return l ? l.tokens + (l.reserved?.tokens ?? 0) : 0;
  }
}

const EDIT = (n: number) => ({
  name: 'apply_patch',
  args: { path: `src/step${n}.js`, content: `step ${n}` },
});
const COMPLETE = { name: 'update_goal', args: { status: 'complete', evidence: 'all pass' } };
const DONE_AFTER = 4;

/**
 * A goal of four iterations, two calls each (an edit, then the end of the turn), then complete:
 * nine model calls in all, each billing a share of its request as the provider would. Indexed
 * over all runs of the goal: a resumed run continues the script where the killed one stopped.
 */
function script(request: ModelRequest, index: number): ScriptStep {
  const tokens = Math.floor(JSON.stringify(request).length / 8);
  const step = Math.floor(index / 2) + 1;
  if (index % 2 === 1) return { text: `iteration ${step} done`, tokens };
  // Redoes every edit (a killed run's last one may be lost), then asks to finish.
  if (step > DONE_AFTER)
    return {
      calls: [...Array.from({ length: DONE_AFTER }, (_, i) => EDIT(i + 1)), COMPLETE],
      tokens,
    };
  return { text: index === 0 ? 'Restated.' : '', calls: [EDIT(step)], tokens };
}

/** What one ScriptedModel call bills: the script's tokens as input, 10 output. */
function billed(request: ModelRequest, index: number): number {
  const step = script(request, index);
  return ('tokens' in step ? (step.tokens ?? 100) : 0) + 10;
}

interface World {
  store: LandingStore;
  /** The repository: it outlives a killed run (its checkpoints were pushed). */
  workspace: MemoryWorkspace;
  /** The most any one call could cost: its request estimate and its output cap. */
  largestCall: number;
  /** The most any one call billed. */
  largestBilled: number;
  /** Every call bills the most it could (the request estimate and the whole output cap). */
  billsMost: boolean;
  /** Tokens the provider billed, over every run (a killed call is billed too). */
  billed: number;
  /** What the last call billed (the one a kill interrupts). */
  lastCall: number;
  calls: number;
  /** Calls made while a landed record did not cover every call before them. */
  uncovered: { call: number; billed: number; coverage: number }[];
  /** How many times the loop had waited on the store when each call was made. */
  waitsAtCall: number[];
  /** Calls made while no record handed to the store covered them. */
  unhanded: { call: number; billed: number; coverage: number }[];
  /** Tokens billed once each call was billed. */
  billedAfterCall: number[];
}

/** One run; `killAtCall` kills it during that call (1-based, over all runs), after it was billed. */
async function run(world: World, record: GoalRecord, killAtCall?: number): Promise<GoalRecord> {
  const { workspace } = world;
  const inner = new ScriptedModel(script);
  const model = {
    name: 'billing-model',
    turn: async (request: ModelRequest) => {
      world.calls += 1;
      world.waitsAtCall.push(world.store.savedCalls);
      world.largestCall = Math.max(
        world.largestCall,
        estimateRequest(request) + request.maxOutputTokens,
      );
      const most = estimateRequest(request) + request.maxOutputTokens;
      if (world.billed > world.store.coverage())
        world.uncovered.push({
          call: world.calls,
          billed: world.billed,
          coverage: world.store.coverage(),
        });
      world.lastCall = world.billsMost ? most : billed(request, world.calls - 1);
      world.billed += world.lastCall;
      world.largestBilled = Math.max(world.largestBilled, world.lastCall);
      world.billedAfterCall.push(world.billed);
      if (world.billed > world.store.coverage('handed'))
        world.unhanded.push({
          call: world.calls,
          billed: world.billed,
          coverage: world.store.coverage('handed'),
        });
      if (world.calls === killAtCall) {
        world.store.dead = true;
        throw new Killed('SIGKILL');
      }
      // The scripted answer for the goal's own call index.
      const response = await inner.turn(request);
      if (!world.billsMost) return response;
      const usage = { ...response.usage, inputTokens: estimateRequest(request) };
      return { ...response, usage: { ...usage, outputTokens: request.maxOutputTokens } };
    },
  };
  // The script is indexed over all runs: skip what earlier runs consumed.
  for (let i = 0; i < world.calls; i++) inner.requests.push({} as never);
  const verifiers = new FakeVerifiers(
    (files) => ({ passed: Object.keys(files).length > DONE_AFTER }),
    workspace,
  );
  return runGoal(
    record,
    {
      model,
      tools: new FakeTools(workspace),
      verifiers,
      workspace,
      store: world.store,
      control: new QueueControl(),
      reporter: new EventLog(),
      clock: new FakeClock(),
    },
    { runId: `run-${world.calls}`, model: 'gpt-5', review: false, stallIterations: 20 },
  );
}

function newWorld(durableOnSave = false, billsMost = false): World {
  return {
    store: new LandingStore(durableOnSave),
    workspace: new MemoryWorkspace({ 'src/add.js': 'broken' }),
    largestCall: 0,
    largestBilled: 0,
    billsMost,
    billed: 0,
    lastCall: 0,
    calls: 0,
    uncovered: [],
    unhanded: [],
    waitsAtCall: [],
    billedAfterCall: [],
  };
}

describe('durable spending', () => {
  it('never makes a call the stored records do not cover, and waits on the store only when the reservation runs out', async () => {
    const world = newWorld();
    const record = await run(world, testRecord());
    expect(record.state).toBe('achieved');
    expect(world.calls).toBe(DONE_AFTER * 2 + 1);
    // At every call, a kill right then leaves a landed record that accounts for every call before
    // it; the call itself is in a record already handed to the store (its reservation is sized
    // 1.5 times the largest call so far plus the request's growth, which holds here).
    expect(world.uncovered).toEqual([]);
    expect(world.unhanded).toEqual([]);
    // Every wait on the store was needed: the landed record no longer covered the calls made.
    expect(world.store.needless).toBe(0);
    // The first call does not wait for the store (the start-up write is still on its way).
    expect(world.waitsAtCall[0]).toBe(0);
    // The record saved as the loop starts (the write the Action sends first, in the background)
    // covers the first two calls: the loop's first wait is for a write that had the baseline and
    // the whole first call to land, so in the Action there is nothing left to wait for.
    expect(world.store.firstSave).toBeGreaterThanOrEqual(world.billedAfterCall[1]!);
    // One wait per reservation (RESERVED_CALLS calls), not one per call.
    expect(world.store.savedCalls).toBeGreaterThanOrEqual(1);
    expect(world.store.savedCalls).toBeLessThanOrEqual(Math.ceil(world.calls / 2));
    // A run that ends normally keeps its exact ledger and no reservation.
    expect(record.ledger.tokens).toBe(world.billed);
    expect(record.ledger.reserved).toBeUndefined();
  });

  it('waits on the store about once per reservation when every call costs the most it could', async () => {
    const world = newWorld(false, true);
    const record = await run(world, testRecord());
    expect(record.state).toBe('achieved');
    expect(world.uncovered).toEqual([]);
    expect(world.store.needless).toBe(0);
    expect(world.store.savedCalls).toBeGreaterThanOrEqual(1);
    expect(world.store.savedCalls).toBeLessThan(world.calls);
    expect(record.ledger.tokens).toBe(world.billed);
  });

  it('waits for no store when every save is durable once it returns', async () => {
    const world = newWorld(true);
    const record = await run(world, testRecord());
    expect(world.uncovered).toEqual([]);
    expect(world.unhanded).toEqual([]);
    expect(record.ledger.tokens).toBe(world.billed);
    expect(record.ledger.reserved).toBeUndefined();
  });

  for (const [durableOnSave, billsMost] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])
    it(`a run killed during any call resumes with ledger ≥ billed − the call in flight (${durableOnSave ? 'save() durable' : 'writes land on saved()'}${billsMost ? ', every call billing its most' : ''})`, async () => {
      let charges = 0;
      for (let kill = 1; kill <= DONE_AFTER * 2 + 1; kill++) {
        const world = newWorld(durableOnSave, billsMost);
        const killed = await run(world, testRecord(), kill);
        expect(killed.state).toBe('failed');
        const inFlight = world.lastCall;
        // The next workflow run starts from whatever landed; nothing landed means a fresh goal.
        const resumeFrom = world.store.landed ? structuredClone(world.store.landed) : testRecord();
        world.store.dead = false;
        // Read before the run: the resumed run charges the reservation and removes it.
        const leftover = resumeFrom.ledger.reserved?.tokens ?? 0;
        const resumed = await run(world, resumeFrom);
        expect(resumed.stopReason, JSON.stringify(resumed.stopReason)).toMatchObject({
          kind: 'achieved',
        });
        const charged = resumed.ledger.tokens;
        // What the resumed run billed itself is in its ledger exactly; the killed run's, at least,
        // but for the call the kill interrupted when its record had not landed yet.
        expect(charged).toBeGreaterThanOrEqual(world.billed - inFlight);
        // The calls too: those the killed run made after its last landed record are charged with
        // the reservation; at most the one in flight is missing.
        expect(resumed.ledger.modelCalls).toBeGreaterThanOrEqual(world.calls - 1);
        if (leftover > 0) {
          expect(resumed.progress.some((p) => p.text.startsWith('Charged '))).toBe(true);
          charges += 1;
        }
      }
      // Most kills leave a reservation behind: the charge above was checked, not skipped.
      expect(charges).toBeGreaterThan(0);
    });

  it('charges a call that timed out before its usage arrived at its most possible cost', async () => {
    const workspace = new MemoryWorkspace({ 'src/add.js': 'broken' });
    const model = new ScriptedModel([{ error: new ModelError('timeout', 'no answer in 600 s') }]);
    const store = new LandingStore(true);
    const record = await runGoal(
      testRecord(),
      {
        model,
        tools: new FakeTools(workspace),
        verifiers: new FakeVerifiers(() => ({ passed: false }), workspace),
        workspace,
        store,
        control: new QueueControl(),
        reporter: new EventLog(),
        clock: new FakeClock(),
      },
      { runId: 'run-1', model: 'gpt-5', review: false, maxOutputTokens: 4_000 },
    );
    expect(record.state).toBe('failed');
    expect(record.stopReason).toMatchObject({ kind: 'failed', cause: 'transient' });
    // The request's estimate as input plus the whole output cap.
    expect(record.ledger.usage.outputTokens).toBe(4_000);
    expect(record.ledger.usage.inputTokens).toBeGreaterThan(
      JSON.stringify(model.requests[0]).length / 8,
    );
    expect(record.ledger.tokens).toBe(record.ledger.usage.inputTokens + 4_000);
    expect(record.ledger.usd).toBeGreaterThan(0);
  });

  it('a refused call (quota) is not charged', async () => {
    const workspace = new MemoryWorkspace({ 'src/add.js': 'broken' });
    const model = new ScriptedModel([{ error: new ModelError('quota', 'insufficient_quota') }]);
    const record = await runGoal(
      testRecord(),
      {
        model,
        tools: new FakeTools(workspace),
        verifiers: new FakeVerifiers(() => ({ passed: false }), workspace),
        workspace,
        store: new LandingStore(true),
        control: new QueueControl(),
        reporter: new EventLog(),
        clock: new FakeClock(),
      },
      { runId: 'run-1', model: 'gpt-5', review: false },
    );
    expect(record.state).toBe('budget-limited');
    expect(record.ledger.tokens).toBe(0);
  });

  it("reserves a few calls of the size this goal's calls bill, not the worst case", async () => {
    const world = newWorld();
    const sizes: number[] = [];
    const store = world.store;
    const save = store.save.bind(store);
    store.save = async (r) => {
      if (r.ledger.reserved) sizes.push(r.ledger.reserved.tokens);
      await save(r);
    };
    await run(world, testRecord());
    const [first, ...later] = sizes.filter((n) => n > 0);
    // Before any call was billed, the first calls are reserved at the most they can cost.
    expect(first).toBeLessThanOrEqual(FIRST_RESERVED_CALLS * world.largestCall);
    expect(first).toBeGreaterThan(FIRST_RESERVED_CALLS * world.largestBilled);
    // Then at most MAX_RESERVED_CALLS calls of 1.5 times the largest billed (plus the request's
    // growth): what a kill overcharges stays a bounded number of calls of this goal's size.
    expect(later.length).toBeGreaterThan(2);
    for (const n of later)
      expect(n).toBeLessThanOrEqual(MAX_RESERVED_CALLS * 2 * world.largestBilled);
  });

  it('does not count on a pushed record’s cover while a save handed after it may land with less', () => {
    const price = { input: 1, cachedInput: 0.1, output: 4 };
    const record = testRecord();
    const reservation = new Reservation(record, price, () => 0);
    const level = (tokens: number) => ({ tokens, usd: 1, calls: 10 });
    // A save that reserves up to 5,000 tokens is handed to the store and not yet written …
    reservation.pending(level(5_000));
    // … when a checkpoint's push lands a record that covered 8,000 (its reservation was larger).
    reservation.landed(level(8_000));
    record.ledger.tokens = 6_000;
    // The handed save can still land over the push: 6,000 spent is not known to be covered.
    expect(reservation.coversMade()).toBe(false);
    record.ledger.tokens = 4_000;
    expect(reservation.coversMade()).toBe(true);
    // Once every handed save has landed (saved() with no cover), its coverage is what counts.
    reservation.landed();
    record.ledger.tokens = 5_000;
    expect(reservation.coversMade()).toBe(true);
  });

  it("covers the calls of the next three minutes at the goal's pace, four at least", () => {
    const usage = { inputTokens: 900, cachedInputTokens: 0, outputTokens: 100, reasoningTokens: 0 };
    const price = { input: 1, cachedInput: 0.1, output: 4 };
    const paced = (everyMs: number, calls: number) => {
      let now = 0;
      const record = testRecord();
      const reservation = new Reservation(record, price, () => now);
      for (let i = 0; i < calls; i++) {
        reservation.observe(usage, 1000, 900);
        now += everyMs;
      }
      reservation.resize();
      return { horizon: reservation.horizonCalls(), reserved: record.ledger.reserved! };
    };
    // Nothing observed yet, or one call: the floor.
    expect(paced(1000, 1).horizon).toBe(RESERVED_CALLS);
    // A call every 30 s: six calls in three minutes, reserved at 1.5 times their size.
    const slow = paced(30_000, 5);
    expect(slow.horizon).toBe(6);
    expect(slow.reserved.calls).toBe(6);
    expect(slow.reserved.tokens).toBe(6 * 1500);
    // A call every 2 s would be 90 in three minutes: capped, which bounds a kill's overcharge.
    expect(paced(2_000, 8).horizon).toBe(MAX_RESERVED_CALLS);
    // A call every 2 minutes: the floor again.
    expect(paced(120_000, 4).horizon).toBe(RESERVED_CALLS);
  });
});
