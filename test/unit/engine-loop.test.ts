import { describe, expect, it } from 'vitest';
import { runGoal } from '../../src/engine/loop.js';
import type { EngineOptions } from '../../src/engine/options.js';
import { ModelError, type ModelRequest } from '../../src/engine/ports.js';
import type { GoalRecord, VerifierResult, VerifierSpec } from '../../src/engine/types.js';
import {
  EventLog,
  FakeClock,
  FakeTools,
  FakeVerifiers,
  MemoryStore,
  MemoryWorkspace,
  QueueControl,
  ScriptedModel,
  testContract,
  testRecord,
  testSpec,
  type ScriptStep,
} from '../support/engine-fakes.js';

const FIX = { name: 'apply_patch', args: { path: 'src/add.js', content: 'fixed' } };
const COMPLETE = {
  name: 'update_goal',
  args: { status: 'complete', evidence: 'npm test passes: 3 tests' },
};
const RESTATE: ScriptStep = { text: 'Outcome: add() works. Verification: npm test.' };

interface HarnessOptions {
  script: ScriptStep[] | ((request: ModelRequest, index: number) => ScriptStep);
  verify?: (
    files: Record<string, string>,
    spec: VerifierSpec,
    run: number,
  ) => Partial<VerifierResult> & { passed: boolean };
  control?: QueueControl;
  record?: GoalRecord;
  engine?: Partial<EngineOptions>;
  files?: Record<string, string>;
  clock?: FakeClock;
}

function harness(o: HarnessOptions) {
  const workspace = new MemoryWorkspace(
    o.files ?? {
      'src/add.js': 'broken',
      'test/add.test.js': "it('adds', () => { expect(add(1, 2)).toBe(3); });",
    },
  );
  const model = new ScriptedModel(o.script);
  const tools = new FakeTools(workspace);
  const verifiers = new FakeVerifiers(
    o.verify ?? ((files) => ({ passed: files['src/add.js'] === 'fixed' })),
    workspace,
  );
  const store = new MemoryStore();
  const control = o.control ?? new QueueControl();
  const log = new EventLog();
  const clock = o.clock ?? new FakeClock();
  const record = o.record ?? testRecord();
  const run = () =>
    runGoal(
      record,
      { model, tools, verifiers, workspace, store, control, reporter: log, clock },
      {
        runId: 'run-1',
        model: 'gpt-5',
        review: false,
        ...o.engine,
      },
    );
  return { workspace, model, tools, verifiers, store, control, log, clock, record, run };
}

describe('the goal loop', () => {
  it('reaches achieved only after the verifiers pass on a checkpoint', async () => {
    const h = harness({ script: [{ ...RESTATE, calls: [FIX] }, { calls: [COMPLETE] }] });
    const record = await h.run();
    expect(record.state).toBe('achieved');
    expect(record.stopReason).toMatchObject({ kind: 'achieved' });
    expect(record.baseline?.results[0]?.passed).toBe(false);
    expect(record.latest?.results[0]?.passed).toBe(true);
    expect(record.checkpoints).toHaveLength(1);
    expect(record.restatement).toContain('Outcome: add() works');
    expect(h.log.types()).toEqual(
      expect.arrayContaining([
        'started',
        'baseline',
        'restated',
        'checkpoint',
        'verified',
        'stopped',
      ]),
    );
    expect(h.store.last?.state).toBe('achieved');
    expect(h.store.last?.lock).toBeUndefined();
  });

  it('refuses a completion claim while tests fail and feeds the failure back', async () => {
    const h = harness({
      script: [{ ...RESTATE, calls: [COMPLETE] }, { calls: [FIX] }, { calls: [COMPLETE] }],
    });
    const record = await h.run();
    expect(record.state).toBe('achieved');
    const second = ScriptedModel.text(h.model.requests[1]!);
    expect(second).toContain('Completion refused by the harness');
    expect(second).toContain('`test`');
    expect(record.progress.some((p) => p.text.startsWith('Completion refused'))).toBe(true);
  });

  it('refuses to start a goal with no verifier, before any model call', async () => {
    const record = testRecord({ contract: testContract({ verification: [] }) });
    const h = harness({
      record,
      script: [{ ...RESTATE, calls: [FIX, COMPLETE] }],
      engine: { stallIterations: 1 },
    });
    const result = await h.run();
    expect(result.state).toBe('failed');
    expect(result.stopReason).toMatchObject({ kind: 'failed' });
    expect(JSON.stringify(result.stopReason)).toContain('no verifier');
    expect(h.model.requests).toHaveLength(0);
  });

  it('blocks completion when a test file was deleted (tamper rule)', async () => {
    const cheat = { name: 'apply_patch', args: { path: 'test/add.test.js', content: null } };
    const h = harness({
      script: [{ ...RESTATE, calls: [cheat, COMPLETE] }],
      verify: () => ({ passed: true }),
      engine: { stallIterations: 1 },
    });
    const record = await h.run();
    expect(record.state).not.toBe('achieved');
    expect(record.findings.map((f) => f.rule)).toContain('test-deleted');
    expect(ScriptedModel.text(h.model.requests[1]!)).toContain('test-deleted');
  });

  it('stops as budget-limited after exactly one wrap-up turn', async () => {
    const record = testRecord({
      budget: { tokens: 1_000, usd: 100, timeSec: 3600, iterations: 50 },
    });
    const h = harness({
      record,
      script: (_req, i) =>
        i === 0 ? RESTATE : { calls: [{ name: 'shell', args: { command: ['ls'] } }], tokens: 300 },
      engine: { maxOutputTokens: 50, sideOutputTokens: 50 },
    });
    const result = await h.run();
    expect(result.state).toBe('budget-limited');
    expect(result.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'tokens' });
    const wrapUps = h.model.requests.filter((r) =>
      ScriptedModel.text(r).includes('this is your last turn'),
    );
    expect(wrapUps).toHaveLength(1);
    expect(h.model.requests.at(-1)).toBe(
      h.model.requests.find((r) => ScriptedModel.text(r).includes('this is your last turn')),
    );
    // Overshoot is bounded: at most the wrap-up turn beyond the limit.
    expect(result.ledger.tokens).toBeLessThanOrEqual(1_000 + 310);
  });

  it('stops at the iteration limit and says which limit', async () => {
    const record = testRecord({ budget: { tokens: 1e9, usd: 1e6, timeSec: 1e6, iterations: 2 } });
    const h = harness({ record, script: [RESTATE], engine: { stallIterations: 10 } });
    const result = await h.run();
    expect(result.iteration).toBe(2);
    expect(result.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'iterations' });
  });

  it('stops at the time limit measured by the clock', async () => {
    const clock = new FakeClock();
    const record = testRecord({ budget: { tokens: 1e9, usd: 1e6, timeSec: 60, iterations: 100 } });
    const h = harness({
      record,
      clock,
      script: () => {
        clock.t += 25_000;
        return { text: 'thinking' };
      },
      engine: { stallIterations: 50 },
    });
    const result = await h.run();
    expect(result.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'time' });
    expect(result.ledger.elapsedSec).toBeGreaterThanOrEqual(60);
  });

  it('treats insufficient_quota as budget-limited (quota), not a retryable error', async () => {
    const h = harness({
      script: [{ error: new ModelError('quota', 'You exceeded your current quota') }],
    });
    const result = await h.run();
    expect(result.stopReason).toMatchObject({ kind: 'budget-limited', dimension: 'quota' });
  });

  it('fails with an actionable message on a bad key', async () => {
    const h = harness({
      script: [{ error: new ModelError('auth', 'Incorrect API key provided') }],
    });
    const result = await h.run();
    expect(result.state).toBe('failed');
    expect(result.stopReason).toMatchObject({ kind: 'failed' });
    expect(result.stopReason?.kind === 'failed' && result.stopReason.action).toContain(
      'openai-api-key',
    );
  });

  it('accepts a concrete blocker and refuses a vague one', async () => {
    const vague = { name: 'update_goal', args: { status: 'blocked', blocker: 'I am stuck' } };
    const concrete = {
      name: 'update_goal',
      args: {
        status: 'blocked',
        blocker:
          'npm test needs the DATABASE_URL of a Postgres server that this runner cannot reach',
        needs: 'a DATABASE_URL secret or a decision to mock the database',
      },
    };
    const h = harness({ script: [{ ...RESTATE, calls: [vague] }, { calls: [concrete] }] });
    const result = await h.run();
    expect(result.state).toBe('blocked');
    expect(result.stopReason).toMatchObject({
      kind: 'blocked',
      needs: expect.stringContaining('DATABASE_URL'),
    });
    expect(ScriptedModel.text(h.model.requests[1]!)).toContain('concrete blocker');
  });

  it('pauses when a maintainer pauses, checkpointing work in progress', async () => {
    const control = new QueueControl().at(2, { kind: 'pause', reason: 'paused by @maintainer' });
    const h = harness({
      control,
      script: [
        {
          ...RESTATE,
          calls: [{ name: 'apply_patch', args: { path: 'src/wip.js', content: 'half' } }],
        },
        { calls: [FIX] },
      ],
    });
    const result = await h.run();
    expect(result.state).toBe('paused');
    expect(result.stopReason).toMatchObject({ kind: 'paused', detail: 'paused by @maintainer' });
    expect(h.workspace.commits.at(-1)?.files['src/wip.js']).toBe('half');
  });

  it('clears when a maintainer clears', async () => {
    const control = new QueueControl().at(1, { kind: 'clear', reason: 'cleared by @maintainer' });
    const result = await harness({ control, script: [RESTATE] }).run();
    expect(result.state).toBe('cleared');
  });

  it('puts an edited contract into the very next request', async () => {
    const edited = testContract({ outcome: 'Make subtract() work as well' });
    const control = new QueueControl().at(2, {
      kind: 'edit',
      contract: edited,
      note: 'objective edited by @maintainer',
    });
    const h = harness({
      control,
      script: [{ ...RESTATE, calls: [] }, { calls: [FIX, COMPLETE] }],
    });
    const result = await h.run();
    expect(result.contractRevision).toBe(2);
    const after = h.model.requests[1]!;
    expect(after.instructions).toContain('Make subtract() work as well');
    expect(after.instructions).toContain('revision 2');
    expect(h.model.requests[0]!.instructions).not.toContain('subtract');
  });

  it('nudges once, then stops as stalled when nothing improves', async () => {
    const h = harness({ script: [RESTATE], engine: { stallIterations: 2 } });
    const result = await h.run();
    expect(result.state).toBe('stalled');
    expect(result.iteration).toBe(4);
    const nudges = h.model.requests.filter((r) =>
      r.input.some(
        (i) =>
          i.type === 'message' &&
          i.content.startsWith('# Iteration') &&
          i.content.includes('Change approach'),
      ),
    );
    expect(nudges.length).toBeGreaterThanOrEqual(1);
  });

  it('pauses at the run deadline so the next run continues', async () => {
    const clock = new FakeClock();
    const h = harness({
      clock,
      script: () => ((clock.t += 1000), { text: 'hm' }),
      engine: { deadline: clock.t + 2500, stallIterations: 50 },
    });
    const result = await h.run();
    expect(result.state).toBe('paused');
    expect(result.stopReason?.kind === 'paused' && result.stopReason.detail).toContain(
      'time limit',
    );
  });

  it('waits for confirmation after restating when confirm-contract is on', async () => {
    const h = harness({ script: [RESTATE], engine: { confirmContract: true } });
    const result = await h.run();
    expect(result.state).toBe('paused');
    expect(result.awaitingConfirmation).toBe(true);
    expect(h.tools.calls).toHaveLength(0);
    // Resumed: no second restatement, work starts.
    const resumed = harness({ record: result, script: [{ calls: [FIX, COMPLETE] }] });
    const final = await resumed.run();
    expect(final.state).toBe('achieved');
    expect(final.runs).toHaveLength(2);
  });

  it('feeds malformed tool arguments back as a tool error and continues', async () => {
    const h = harness({
      script: [
        {
          ...RESTATE,
          calls: [{ name: 'apply_patch', args: '{"path": "src/add.js", "content": ' }],
        },
        { calls: [FIX, COMPLETE] },
      ],
    });
    const result = await h.run();
    expect(result.state).toBe('achieved');
    const second = h.model.requests[1]!;
    expect(
      second.input.some((i) => i.type === 'tool_result' && i.output.includes('Invalid JSON')),
    ).toBe(true);
  });

  it('records verifier results, history and cumulative tokens across a resumed run', async () => {
    const first = harness({
      script: [{ ...RESTATE, calls: [FIX] }],
      control: new QueueControl().at(3, { kind: 'pause', reason: 'pause' }),
    });
    const paused = await first.run();
    expect(paused.state).toBe('paused');
    const tokensAfterFirst = paused.ledger.tokens;
    const second = harness({ record: paused, script: [{ calls: [COMPLETE] }] });
    second.workspace.files['src/add.js'] = 'fixed';
    const done = await second.run();
    expect(done.ledger.tokens).toBeGreaterThan(tokensAfterFirst);
    expect(done.history.length).toBeGreaterThanOrEqual(2);
    // The resumed run's first request carries the stored progress log.
    expect(ScriptedModel.text(second.model.requests[0]!)).toContain('Baseline:');
  });
});

describe('no turn the work does not need', () => {
  const lastUser = (r: ModelRequest) => {
    const item = r.input.at(-1);
    return item?.type === 'message' && item.role === 'user' ? item.content : '';
  };

  it('restates with the first working turn: no request of its own, asked once', async () => {
    const h = harness({
      script: [{ ...RESTATE, calls: [] }, { calls: [FIX] }, { calls: [COMPLETE] }],
    });
    const record = await h.run();
    expect(record.state).toBe('achieved');
    expect(record.restatement).toBe(RESTATE.text);
    // Iteration 1 asks for it with its working turn; iteration 2 works without being asked again.
    const opening = lastUser(h.model.requests[0]!);
    expect(opening).toMatch(/^# Iteration 1/);
    expect(opening).toContain('begin this reply with a restatement of the goal contract');
    expect(lastUser(h.model.requests[1]!)).toMatch(/^# Iteration 2/);
    expect(lastUser(h.model.requests[1]!)).not.toContain('restatement');
    // Three working turns, three requests.
    expect(h.model.requests).toHaveLength(3);
    // The restatement stays in the conversation as the model's own first message.
    expect(
      h.model.requests[1]!.input.some(
        (i) => i.type === 'message' && i.role === 'assistant' && i.content === RESTATE.text,
      ),
    ).toBe(true);
  });

  it('takes the restatement from the first text of the turn when it opens with tool calls', async () => {
    const h = harness({
      script: [
        { calls: [{ name: 'shell', args: { command: ['ls'] } }] },
        { ...RESTATE, calls: [FIX, COMPLETE] },
      ],
    });
    const record = await h.run();
    expect(record.restatement).toBe(RESTATE.text);
    expect(h.log.types().filter((t) => t === 'restated')).toHaveLength(1);
  });

  it('gives a one-line fix no review turn, and says so', async () => {
    const h = harness({ script: [{ calls: [FIX, COMPLETE] }], engine: { review: true } });
    const record = await h.run();
    expect(record.state).toBe('achieved');
    expect(h.model.requests).toHaveLength(1);
    expect(
      h.log.events.some((e) => e.type === 'note' && e.text.startsWith('Review turn skipped')),
    ).toBe(true);
  });

  const reviewed = (h: ReturnType<typeof harness>) =>
    h.model.requests.filter((r) => lastUser(r).startsWith('The goal has stopped. Review'));

  it.each([
    ['a large diff', testContract(), 'x\n'.repeat(4_000)],
    ['debug output left in the change', testContract(), 'fixed\n+console.log("here", sum)'],
    [
      'a contract that asks for cleanup',
      testContract({ constraints: ['Clean up any debug output before finishing'] }),
      'fixed',
    ],
  ])('reviews the change for %s, within its round bound', async (_why, contract, content) => {
    const write = { name: 'apply_patch', args: { path: 'src/add.js', content } };
    const h = harness({
      record: testRecord({ contract }),
      verify: () => ({ passed: true }),
      script: (req) =>
        ScriptedModel.text(req).includes('The goal has stopped. Review')
          ? { calls: [{ name: 'read_file', args: { path: 'src/add.js' } }] }
          : req.input.some((i) => i.type === 'tool_result')
            ? { text: 'unused' }
            : { calls: [write, COMPLETE] },
      engine: { review: true, maxReviewRounds: 3 },
    });
    const record = await h.run();
    expect(record.state).toBe('achieved');
    // The review opened, and a model that never stops calling tools is cut off at the bound.
    expect(h.model.requests.length).toBe(1 + 3);
    expect(reviewed(h)).toHaveLength(1);
  });
});

describe('context compaction', () => {
  const bigOutput = 'x'.repeat(8_000);
  // A window small enough that a few 8 KB tool outputs force elision and then compaction.
  const SMALL_WINDOW: Partial<EngineOptions> = {
    contextWindow: 12_000,
    contextShare: 0.5,
    maxOutputTokens: 500,
    keepRecentToolOutputs: 1,
    stallIterations: 100,
    maxRoundsPerIteration: 6,
  };
  const chatty = (i: number): ScriptStep =>
    i === 0
      ? RESTATE
      : { calls: [{ name: 'shell', args: { command: ['cat', 'big'], output: bigOutput } }] };

  it('compacts into the record and keeps the contract in every request', async () => {
    const h = harness({
      script: (req, i) =>
        ScriptedModel.text(req).includes('Summarise the work so far')
          ? { text: 'SUMMARY: tried cat big many times' }
          : chatty(i),
      engine: SMALL_WINDOW,
      record: testRecord({ budget: { tokens: 1e9, usd: 1e6, timeSec: 1e6, iterations: 4 } }),
    });
    const result = await h.run();
    expect(result.summary).toContain('SUMMARY: tried cat big');
    for (const request of h.model.requests)
      expect(request.instructions).toContain('Make the add() test pass');
    const sizes = h.model.requests.map((r) => JSON.stringify(r).length / 4);
    expect(Math.max(...sizes)).toBeLessThan(12_000 * 0.5 + 1_000);
    expect(h.log.types()).toContain('compacted');
  });

  it('falls back to mechanical elision when the compaction call fails', async () => {
    const h = harness({
      script: (req, i) =>
        ScriptedModel.text(req).includes('Summarise the work so far')
          ? { error: new ModelError('server', 'upstream 500') }
          : chatty(i),
      engine: SMALL_WINDOW,
      record: testRecord({ budget: { tokens: 1e9, usd: 1e6, timeSec: 1e6, iterations: 3 } }),
    });
    const result = await h.run();
    expect(result.state).toBe('budget-limited');
    expect(result.summary).toContain('Compaction call failed');
    expect(h.log.events.some((e) => e.type === 'compacted' && !e.ok)).toBe(true);
  });
});

describe('metric goals', () => {
  it('is achieved only when the metric meets its relative target', async () => {
    const bench = testSpec('bench', {
      kind: 'metric',
      pattern: 'time: (\\d+)',
      target: { kind: 'relative', percent: -30 },
    });
    const record = testRecord({ contract: testContract({ verification: [bench] }) });
    const speed: Record<string, number> = { slow: 100, better: 80, fast: 60 };
    const h = harness({
      record,
      files: { 'src/algo.js': 'slow' },
      verify: (files) => ({ passed: true, metricValue: speed[files['src/algo.js']!]! }),
      script: [
        {
          ...RESTATE,
          calls: [
            { name: 'apply_patch', args: { path: 'src/algo.js', content: 'better' } },
            COMPLETE,
          ],
        },
        {
          calls: [
            { name: 'apply_patch', args: { path: 'src/algo.js', content: 'fast' } },
            COMPLETE,
          ],
        },
      ],
    });
    const result = await h.run();
    expect(result.state).toBe('achieved');
    expect(ScriptedModel.text(h.model.requests[1]!)).toContain('bench');
    expect(result.history.map((x) => x.metrics.bench)).toEqual([80, 60]);
  });
});
