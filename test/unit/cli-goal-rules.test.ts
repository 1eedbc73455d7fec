// What the CLI's resume and budget may do to a stored goal, state by state. The state machine
// (src/domain) decides the record changes; these tests pin what the CLI adds — a live local run,
// an achieved goal — and that its words name its own commands, never `/goal`.
import { describe, expect, it } from 'vitest';
import {
  capGuidance,
  liveRun,
  MAX_GUIDANCE_CHARS,
  raiseCommand,
  resumeRecord,
  resumeVerdict,
  setBudget,
} from '../../src/cli/goal-rules.js';
import { newGoalRecord } from '../../src/engine/record.js';
import type { GoalRecord, GoalState, StopReason } from '../../src/engine/types.js';

const MAX = { tokens: 10_000_000, usd: 100, timeSec: 86_400, iterations: 200 };

const iterationsUsed: StopReason = {
  kind: 'budget-limited',
  dimension: 'iterations',
  detail: 'iteration budget used (2 of 2)',
  limit: 2,
};
function goal(state: GoalState, stopReason?: StopReason): GoalRecord {
  const r = newGoalRecord({
    id: 'local-1',
    title: 'Make it pass',
    contract: {
      outcome: 'Make it pass',
      verification: [],
      verificationNotes: [],
      constraints: [],
      boundaries: [],
      protectedPaths: [],
      iterationPolicy: '',
      blockedCondition: '',
      steering: [],
      allowedChanges: [],
    },
    budget: { tokens: 100_000, usd: 5, timeSec: 3600, iterations: 2 },
    branch: 'goal/make-it-pass',
    baseRef: 'main',
    now: new Date(0).toISOString(),
  });
  r.state = state;
  if (stopReason) r.stopReason = stopReason;
  r.ledger.tokens = 40_000;
  // Its iteration budget is used up only where a test says so.
  r.iteration = stopReason === iterationsUsed ? 2 : 1;
  return r;
}

const dead = () => false;
const alive = () => true;

describe('resumeVerdict', () => {
  it.each<[GoalState, StopReason | undefined]>([
    ['paused', { kind: 'paused', detail: 'Interrupted (Ctrl-C)', cause: 'signal' }],
    ['blocked', { kind: 'blocked', blocker: 'which API?', needs: 'an answer' }],
    ['stalled', { kind: 'stalled', detail: 'no progress' }],
    ['failed', { kind: 'failed', error: 'boom', action: 'fix it', cause: 'transient' }],
  ])('%s: may resume', (state, reason) => {
    expect(resumeVerdict(goal(state, reason), dead)).toEqual({ ok: true });
  });

  it('a goal whose run died while pursuing may resume, and says what happened', () => {
    const r = goal('pursuing');
    r.lock = { runId: 'local-999999', heartbeatAt: r.updatedAt };
    const verdict = resumeVerdict(r, dead);
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.note).toMatch(/ended without stopping it/);
  });

  it('a goal whose local run is alive is refused with the pid and how to pause it', () => {
    const r = goal('pursuing');
    r.lock = { runId: 'local-4242', heartbeatAt: r.updatedAt };
    expect(liveRun(r, alive)).toBe(4242);
    expect(resumeVerdict(r, alive)).toEqual({
      ok: false,
      reason: 'the goal on goal/make-it-pass is running now (process 4242)',
      fix: expect.stringContaining('Ctrl-C'),
    });
    // A lock of the Action's (not a local pid) or of a stopped goal is no live local run.
    r.lock = { runId: '12345', heartbeatAt: r.updatedAt };
    expect(liveRun(r, alive)).toBeUndefined();
  });

  it('budget-limited: refused until the limit that stopped it is raised, with the command that raises it', () => {
    const r = goal('budget-limited', iterationsUsed);
    const refused = resumeVerdict(r, dead);
    expect(refused).toEqual({
      ok: false,
      reason: 'the budget is still used up: iteration budget used (2 of 2)',
      fix: 'Raise it first, e.g. goal-action budget 4 iterations, then goal-action resume.',
    });
    expect(raiseCommand(r)).toBe('goal-action budget 4 iterations');
    const { record: raised } = setBudget(r, { iterations: 3 }, MAX);
    expect(resumeVerdict(raised, dead)).toEqual({ ok: true });
  });

  it.each<[GoalState, RegExp]>([
    ['achieved', /already achieved/],
    ['cleared', /was cleared/],
  ])('%s: refused, with how to start over', (state, reason) => {
    const verdict = resumeVerdict(goal(state), dead);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toMatch(reason);
    expect(verdict.fix).toContain('git branch -D goal/make-it-pass');
  });
});

describe('resumeRecord and setBudget', () => {
  it('resume queues the goal with its ledger, adds guidance to the steering, and logs the command once', () => {
    const before = goal('paused', { kind: 'paused', detail: 'x', cause: 'user' });
    const after = resumeRecord(before, '  Look at src/parse.ts first  ');
    expect(after.state).toBe('queued');
    expect(after.stopReason).toBeUndefined();
    expect(after.ledger).toEqual(before.ledger);
    expect(after.contract.steering).toEqual(['Look at src/parse.ts first']);
    expect(after.contractRevision).toBe(before.contractRevision + 1);
    expect(after.commands?.map((c) => [c.kind, c.id.startsWith('cli:')])).toEqual([
      ['resume', true],
    ]);
    // The stored record the CLI read is not changed in place.
    expect(before.state).toBe('paused');
    expect(before.contract.steering).toEqual([]);
  });

  it('budget replaces the dimensions given, caps them by max-budget, and says which were capped', () => {
    const r = goal('budget-limited', iterationsUsed);
    const { record, capped } = setBudget(r, { iterations: 500, usd: 20 }, MAX);
    expect(record.budget).toEqual({ tokens: 100_000, usd: 20, timeSec: 3600, iterations: 200 });
    expect(capped).toEqual([{ dimension: 'iterations', requested: 500, max: 200 }]);
    expect(record.commands?.map((c) => c.kind)).toEqual(['budget']);
    expect(r.budget.iterations).toBe(2);
  });

  it('budget of a cleared goal is refused by the state machine', () => {
    expect(() => setBudget(goal('cleared'), { iterations: 5 }, MAX)).toThrow(/was not changed/);
  });
});

describe('capGuidance', () => {
  it('keeps guidance up to the cap whole, and shortens longer guidance with a notice, as /goal resume does', () => {
    const whole = 'x'.repeat(MAX_GUIDANCE_CHARS);
    expect(capGuidance(` ${whole} `)).toEqual({ text: whole });
    const long = capGuidance('y'.repeat(30_000));
    expect(long.text).toBe('y'.repeat(MAX_GUIDANCE_CHARS));
    expect(long.notice).toBe(
      `The resume guidance was 30,000 characters long; it was shortened to its first ${MAX_GUIDANCE_CHARS.toLocaleString('en-US')} characters.`,
    );
  });
});
