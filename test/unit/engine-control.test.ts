// The loop's control goes through the state machine (src/domain/transitions.ts): commands that
// arrive while it runs change the record exactly as the route job's would, apply once by their
// id, and the loop only performs what is left for a running loop (stop, a new conversation).
import { describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../src/domain/commands.js';
import { runGoal } from '../../src/engine/loop.js';
import type { EngineOptions } from '../../src/engine/options.js';
import type { Control, ControlInput } from '../../src/engine/ports.js';
import type { GoalRecord } from '../../src/engine/types.js';
import {
  EventLog,
  FakeClock,
  FakeTools,
  FakeVerifiers,
  MemoryStore,
  MemoryWorkspace,
  ScriptedModel,
  testContract,
  testRecord,
  type ScriptStep,
} from '../support/engine-fakes.js';

const FIX = { name: 'apply_patch', args: { path: 'src/add.js', content: 'fixed' } };
const COMPLETE = { name: 'update_goal', args: { status: 'complete', evidence: 'npm test passes' } };
const SHELL = { name: 'shell', args: { command: ['ls'] } };

/** Delivers the given inputs on the n-th poll (1-based). */
class ScheduledControl implements Control {
  polls = 0;
  constructor(private readonly plan: Record<number, ControlInput[]>) {}
  async poll(): Promise<ControlInput[]> {
    this.polls += 1;
    return this.plan[this.polls] ?? [];
  }
}

function run(
  script: ScriptStep[],
  plan: Record<number, ControlInput[]>,
  o: { record?: GoalRecord; engine?: Partial<EngineOptions>; clock?: FakeClock } = {},
) {
  const workspace = new MemoryWorkspace({ 'src/add.js': 'broken' });
  const model = new ScriptedModel(script, { text: 'thinking', calls: [SHELL] });
  const store = new MemoryStore();
  const record = runGoal(
    o.record ?? testRecord(),
    {
      model,
      tools: new FakeTools(workspace),
      verifiers: new FakeVerifiers(
        (files) => ({ passed: files['src/add.js'] === 'fixed' }),
        workspace,
      ),
      workspace,
      store,
      control: new ScheduledControl(plan),
      reporter: new EventLog(),
      clock: o.clock ?? new FakeClock(),
    },
    { runId: 'run-1', model: 'gpt-5', review: false, stallIterations: 50, ...o.engine },
  );
  return { record, model, store };
}

const command = (id: string, cmd: CommandEvent['command'], actor = 'alice'): CommandEvent => ({
  id,
  actor,
  command: cmd,
});

describe('control through the state machine', () => {
  it('a pause command stops the loop with the structured reason, logged once by its id', async () => {
    const { record } = run([{ text: 'Restated.', calls: [SHELL] }], {
      2: [command('comment:11', { kind: 'pause' })],
    });
    const r = await record;
    expect(r.stopReason).toEqual({ kind: 'paused', detail: 'Paused by @alice.', cause: 'user' });
    expect(r.commands?.map((c) => c.id)).toEqual(['comment:11']);
    expect(r.lock).toBeUndefined();
  });

  it('a command already applied (the route job got there first) changes nothing', async () => {
    const start = testRecord();
    start.commands = [
      { id: 'comment:12', kind: 'budget', actor: 'bob', at: start.createdAt, text: 'x' },
    ];
    const tokens = start.budget.tokens;
    const again = run(
      [{ text: 'Restated.', calls: [FIX] }, { calls: [COMPLETE] }],
      {
        1: [command('comment:12', { kind: 'budget', requested: { tokens: 5 } })],
      },
      { record: start },
    );
    const r = await again.record;
    expect(r.state).toBe('achieved');
    expect(r.budget.tokens).toBe(tokens);
    expect(r.commands?.filter((c) => c.id === 'comment:12')).toHaveLength(1);
  });

  it('a budget command is capped by max-budget, and the loop goes on with it', async () => {
    const max = { tokens: 2_000_000, usd: 10, timeSec: 7200, iterations: 30 };
    const { record } = run(
      [{ text: 'Restated.', calls: [SHELL] }, { calls: [FIX] }, { calls: [COMPLETE] }],
      { 2: [command('comment:13', { kind: 'budget', requested: { usd: 500, iterations: 25 } })] },
      { engine: { maxBudget: max } },
    );
    const r = await record;
    expect(r.state).toBe('achieved');
    expect(r.budget).toMatchObject({ usd: 10, iterations: 25 });
    expect(
      r.progress.some((p) => p.text.startsWith('Budget set to') && p.text.includes('@alice')),
    ).toBe(true);
  });

  it('an edit command starts a conversation on the new contract and resets stall tracking', async () => {
    const start = testRecord();
    start.stall = { idle: 3, nudged: true, bestScore: 0 };
    const edited = testContract({ outcome: 'Make subtract() work as well' });
    const { record, model } = run(
      [{ text: 'Restated.', calls: [SHELL] }, { calls: [FIX] }, { calls: [COMPLETE] }],
      { 2: [command('comment:14', { kind: 'edit', contract: edited })] },
      { record: start },
    );
    const r = await record;
    expect(r.contractRevision).toBe(2);
    expect(r.contract.outcome).toBe('Make subtract() work as well');
    const after = model.requests[1]!;
    expect(after.instructions).toContain('Make subtract() work as well');
    expect(JSON.stringify(after.input)).toContain('The goal contract changed (revision 2)');
    expect(model.requests[0]!.instructions).not.toContain('subtract');
    expect(r.progress.some((p) => p.text === 'Objective edited by @alice')).toBe(true);
  });

  it('effects the store already applied are performed: a stop-loop stops after the step', async () => {
    const { record } = run([{ text: 'Restated.', calls: [SHELL] }], {
      2: [
        {
          kind: 'applied',
          effects: [
            { kind: 'reply', text: 'ignored by the loop' },
            { kind: 'stop-loop', reason: { kind: 'cleared', detail: 'Cleared by @carol.' } },
          ],
        },
      ],
    });
    const r = await record;
    expect(r.state).toBe('cleared');
    expect(r.stopReason).toEqual({ kind: 'cleared', detail: 'Cleared by @carol.' });
  });

  it('stops say why as a cause: the run deadline, a cancelled run, a waiting confirmation', async () => {
    const clock = new FakeClock();
    const deadline = run([], {}, { clock, engine: { deadline: clock.t - 1 } });
    expect((await deadline.record).stopReason).toMatchObject({ kind: 'paused', cause: 'deadline' });

    const cancel = new AbortController();
    cancel.abort();
    const cancelled = run([], {}, { engine: { signal: cancel.signal } });
    expect((await cancelled.record).stopReason).toMatchObject({ kind: 'paused', cause: 'signal' });

    const confirm = run([{ text: 'My restatement.' }], {}, { engine: { confirmContract: true } });
    expect((await confirm.record).stopReason).toMatchObject({ kind: 'paused', cause: 'confirm' });
  });
});
