// Dumps every request the engine sends in a set of fake goals (refusal, nudge and stall, rollback,
// blocked refusal, edit, compaction, wrap-up, review, confirm-contract) as JSON, to check that a
// refactoring of the prompt texts changes no byte: run before and after, and diff.
// Usage: node --import tsx bench/loop-prompts-dump.ts > before.json
import { runGoal } from '../src/engine/loop.js';
import type { EngineOptions } from '../src/engine/options.js';
import type { ControlSignal, ModelRequest } from '../src/engine/ports.js';
import { renderContract, renderSnapshot } from '../src/engine/prompts.js';
import type { GoalRecord } from '../src/engine/types.js';
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
} from '../test/support/engine-fakes.js';

const FIX = { name: 'apply_patch', args: { path: 'src/add.js', content: 'fixed' } };
const BREAK = { name: 'apply_patch', args: { path: 'src/add.js', content: 'worse' } };
const COMPLETE = { name: 'update_goal', args: { status: 'complete', evidence: 'npm test passes' } };
const SHELL = (output: string) => ({ name: 'shell', args: { command: ['ls'], output } });

interface Case {
  name: string;
  script: ScriptStep[] | ((request: ModelRequest, index: number) => ScriptStep);
  record?: GoalRecord;
  engine?: Partial<EngineOptions>;
  control?: [number, ControlSignal][];
  verify?: (files: Record<string, string>) => boolean;
}

const cases: Case[] = [
  {
    name: 'refusal then achieved, with review',
    script: [
      { text: 'Restated.', calls: [COMPLETE] },
      { calls: [FIX] },
      { calls: [COMPLETE] },
      { text: 'Report.' },
    ],
    engine: { review: true, reviewMinDiffBytes: 0 },
  },
  {
    name: 'nudge then stall, repeated edits',
    script: (_r, i) => ({ text: i === 0 ? 'Restated.' : '', calls: [BREAK, SHELL('fails')] }),
    engine: { stallIterations: 2, maxRoundsPerIteration: 2 },
  },
  {
    name: 'rollback on regression',
    script: [
      { text: 'R', calls: [FIX] },
      { text: 'done' },
      { calls: [BREAK] },
      { text: 'x' },
      { calls: [FIX, COMPLETE] },
    ],
    engine: { rollbackOnRegression: true },
    verify: (f) => f['src/add.js'] === 'fixed',
  },
  {
    name: 'blocked refused then accepted',
    script: [
      {
        text: 'R',
        calls: [{ name: 'update_goal', args: { status: 'blocked', blocker: 'stuck' } }],
      },
      {
        calls: [
          {
            name: 'update_goal',
            args: {
              status: 'blocked',
              blocker: 'npm install fails with 403 from the private registry',
              needs: 'a registry token',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'edit and budget signals, max rounds',
    script: (_r, i) => ({ text: `turn ${i}`, calls: [SHELL('o'.repeat(50))] }),
    engine: { maxRoundsPerIteration: 2 },
    control: [
      [
        2,
        {
          kind: 'edit',
          contract: testContract({ outcome: 'New outcome' }),
          note: 'objective edited',
        },
      ],
      [
        3,
        {
          kind: 'budget',
          record: { budget: { tokens: 900_000, usd: 50, timeSec: 3600, iterations: 4 } },
        },
      ],
    ],
  },
  {
    name: 'elision and compaction',
    script: (_r, i) => ({ text: i === 0 ? 'R' : `s${i}`, calls: [SHELL('x'.repeat(3000))] }),
    engine: {
      contextWindow: 12_000,
      contextShare: 0.5,
      maxOutputTokens: 500,
      sideOutputTokens: 200,
      maxRoundsPerIteration: 4,
    },
    record: testRecord({ budget: { tokens: 1_000_000, usd: 100, timeSec: 3600, iterations: 6 } }),
  },
  {
    name: 'compaction fails (mechanical summary)',
    script: (r, i) =>
      JSON.stringify(r).includes('Summarise the work so far')
        ? { error: new Error('summary down') }
        : { text: i === 0 ? 'R' : `s${i}`, calls: [SHELL('y'.repeat(3000))] },
    engine: {
      contextWindow: 12_000,
      contextShare: 0.5,
      maxOutputTokens: 500,
      sideOutputTokens: 200,
      maxRoundsPerIteration: 4,
    },
    record: testRecord({ budget: { tokens: 1_000_000, usd: 100, timeSec: 3600, iterations: 5 } }),
  },
  {
    name: 'budget wrap-up',
    script: (_r, i) => (i === 0 ? { text: 'R' } : { calls: [SHELL('ok')], tokens: 3000 }),
    record: testRecord({ budget: { tokens: 20_000, usd: 100, timeSec: 3600, iterations: 50 } }),
    engine: { maxOutputTokens: 1500, sideOutputTokens: 100, maxRoundsPerIteration: 3 },
  },
  {
    name: 'confirm contract',
    script: [{ text: 'My restatement.' }],
    engine: { confirmContract: true },
  },
];

const out: Record<string, unknown> = {};
for (const c of cases) {
  const workspace = new MemoryWorkspace({ 'src/add.js': 'broken', 'test/add.test.js': 'test' });
  const model = new ScriptedModel(c.script);
  const control = new QueueControl();
  for (const [at, signal] of c.control ?? []) control.at(at, signal);
  const record = await runGoal(
    c.record ?? testRecord(),
    {
      model,
      tools: new FakeTools(workspace),
      verifiers: new FakeVerifiers(
        (files) => ({ passed: (c.verify ?? ((f) => f['src/add.js'] === 'fixed'))(files) }),
        workspace,
      ),
      workspace,
      store: new MemoryStore(),
      control,
      reporter: new EventLog(),
      clock: new FakeClock(),
    },
    { runId: 'run-1', model: 'gpt-5', review: false, ...c.engine },
  );
  out[c.name] = {
    state: record.state,
    stopReason: record.stopReason,
    summary: record.summary,
    requests: model.requests.map((r) => ({
      instructions: r.instructions,
      input: r.input,
      max: r.maxOutputTokens,
    })),
  };
}
const full = testRecord({
  contract: testContract({
    verification: [
      testSpec('test'),
      testSpec('bench', {
        kind: 'metric',
        target: { kind: 'relative', percent: -30 },
        required: false,
      }),
      testSpec('issue', { source: 'issue' }),
    ],
    verificationNotes: ['a note'],
    constraints: ['keep the API'],
    boundaries: ['src only'],
    steering: ['guidance ```with``` fences', 'more'],
    allowedChanges: ['test-deleted'],
  }),
});
out.contract = renderContract(full.contract, 3);
out.emptyContract = renderContract(testContract({ verification: [], protectedPaths: [] }), 1);
out.snapshot = renderSnapshot(full);
process.stdout.write(JSON.stringify(out, null, 1));
