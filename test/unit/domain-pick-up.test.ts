// Which goal a `mode: pursue` job may run: the state machine's pick-up rule, state by state.
import { describe, expect, it } from 'vitest';
import { pickUpDecision } from '../../src/domain/pick-up.js';
import type { GoalRecord, GoalState } from '../../src/engine/types.js';
import { pursuingRecord } from './report-fixtures.js';

const MAX = { tokens: 20_000_000, usd: 100, timeSec: 48 * 3600, iterations: 500 };

function goal(state: GoalState, runs: string[] = []): GoalRecord {
  const r = pursuingRecord();
  r.state = state;
  r.runs = runs.map((id) => ({ id, startedAt: '2026-11-21T07:00:00Z' }));
  if (state === 'achieved') r.stopReason = { kind: 'achieved', evidence: 'green' };
  if (state === 'paused') r.stopReason = { kind: 'paused', detail: 'Paused.', cause: 'signal' };
  return r;
}

describe('pickUpDecision', () => {
  it.each([
    // state, loop running, this run worked on it before, attempt → run? / next state
    ['queued', false, false, 1, 'run', 'queued'],
    ['pursuing', false, false, 1, 'run', 'pursuing'], // its run died holding the lock
    ['pursuing', true, false, 1, 'skip', /Another run is pursuing/],
    ['paused', false, false, 1, 'skip', /Nothing to pursue: the goal is paused/],
    ['paused', false, true, 2, 'run', 'queued'], // a re-run of the interrupted run continues it
    ['achieved', false, true, 2, 'skip', /already achieved/],
    ['achieved', false, false, 1, 'skip', /Nothing to pursue: the goal is achieved/],
  ] as const)(
    '%s (loop running %s, re-run of its run %s, attempt %i) → %s',
    (state, running, worked, attempt, kind, expected) => {
      const d = pickUpDecision(goal(state, worked ? ['42'] : []), {
        loopRunning: running,
        now: '2026-11-21T08:00:00Z',
        runId: '42',
        attempt,
        maxBudget: MAX,
      });
      expect(d.kind).toBe(kind);
      if (d.kind === 'run') expect(d.record.state).toBe(expected);
      else expect(d.reason).toMatch(expected as RegExp);
    },
  );
});
