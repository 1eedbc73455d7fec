// The rules a goal lives by across runs: the one-time continuation nonce, and what a re-run means.
import { describe, expect, it } from 'vitest';
import type { GoalRecord } from '../../src/engine/types.js';
import { encodeRecord, decodeRecord } from '../../src/state/codec.js';
import { continuationMatches, newContinuationNonce } from '../../src/state/continuation.js';
import { applySystem, rerunDecision } from '../../src/domain/transitions.js';
import { isOwnWrite, withOwnMark } from '../../src/github/own-mark.js';
import { classifyEvent } from '../../src/trigger/event.js';
import { budgetLimitedRecord, pursuingRecord } from './report-fixtures.js';

const ctx = (runId: string, now = '2026-01-01T00:00:00Z') => ({
  loopRunning: false,
  now,
  runId,
  maxBudget: { tokens: 1e8, usd: 1e3, timeSec: 1e6, iterations: 1e3 },
});

/** Issues a nonce the way continue.ts does: a fresh one, its hash stored by the state machine. */
function issueContinuation(record: GoalRecord, runId: string, now: string): string {
  const { nonce, nonceHash } = newContinuationNonce();
  Object.assign(
    record,
    applySystem(record, { kind: 'continuation-issued', nonceHash, runId }, ctx(runId, now)).record,
  );
  return nonce;
}

function consumeContinuation(record: GoalRecord, runId: string): void {
  Object.assign(
    record,
    applySystem(record, { kind: 'continuation-consumed', runId }, ctx(runId)).record,
  );
}

function withRun(record: GoalRecord, id = '42'): GoalRecord {
  record.runs = [{ id, startedAt: '2026-01-01T00:00:00Z' }];
  return record;
}

describe('continuation nonce', () => {
  it('matches only the nonce issued, survives the record codec, and stores only its hash', () => {
    const record = pursuingRecord();
    const nonce = issueContinuation(record, '42', '2026-01-01T00:00:00Z');
    const stored = decodeRecord(encodeRecord(record));
    expect(JSON.stringify(stored)).not.toContain(nonce);
    expect(continuationMatches(stored, nonce, '43')).toBe(true);
    expect(continuationMatches(stored, `${nonce}x`, '43')).toBe(false);
    expect(continuationMatches(stored, undefined, '43')).toBe(false);
    expect(continuationMatches(null, nonce, '43')).toBe(false);
  });

  it('is spent once consumed: the consuming run (any job or attempt) keeps it, no other run', () => {
    const record = pursuingRecord();
    const nonce = issueContinuation(record, '42', '2026-01-01T00:00:00Z');
    consumeContinuation(record, '43');
    expect(continuationMatches(record, nonce, '43')).toBe(true);
    expect(continuationMatches(record, nonce, '44')).toBe(false);
  });

  it('a new nonce replaces the old one', () => {
    const record = pursuingRecord();
    const first = issueContinuation(record, '42', '2026-01-01T00:00:00Z');
    const second = issueContinuation(record, '43', '2026-01-01T06:00:00Z');
    expect(continuationMatches(record, first, '44')).toBe(false);
    expect(continuationMatches(record, second, '44')).toBe(true);
  });
});

describe('re-run rule', () => {
  const rerun = { id: '42', attempt: 2 };

  it('is not a re-run on a first attempt or for a run that never worked on the goal', () => {
    expect(rerunDecision(withRun(pursuingRecord()), { id: '42', attempt: 1 }).kind).toBe(
      'not-a-rerun',
    );
    expect(rerunDecision(withRun(pursuingRecord(), '7'), rerun).kind).toBe('not-a-rerun');
    expect(rerunDecision(null, rerun).kind).toBe('not-a-rerun');
  });

  it('spends nothing on an achieved or cleared goal, or one failed for good', () => {
    for (const state of ['achieved', 'cleared'] as const) {
      const record = withRun(pursuingRecord());
      record.state = state;
      expect(rerunDecision(record, rerun)).toMatchObject({ kind: 'refresh' });
    }
    const failed = withRun(pursuingRecord());
    failed.state = 'failed';
    failed.stopReason = {
      kind: 'failed',
      error: 'Model call failed (auth): 401',
      action: 'Check the `openai-api-key` secret, then `/goal resume`.',
    };
    expect(rerunDecision(failed, rerun)).toMatchObject({ kind: 'refresh' });
  });

  it('continues an interrupted goal: paused, still pursuing, or a transient failure', () => {
    for (const state of ['paused', 'pursuing', 'queued', 'stalled'] as const) {
      const record = withRun(pursuingRecord());
      record.state = state;
      expect(rerunDecision(record, rerun).kind).toBe('continue');
    }
    const transient = withRun(pursuingRecord());
    transient.state = 'failed';
    transient.stopReason = {
      kind: 'failed',
      error: 'ECONNRESET',
      action: 'Fix the cause, then `/goal resume` (or re-run the workflow).',
    };
    expect(rerunDecision(transient, rerun).kind).toBe('continue');
  });

  it('refreshes a goal still out of budget instead of spending past it', () => {
    const record = withRun(budgetLimitedRecord());
    expect(rerunDecision(record, rerun)).toMatchObject({ kind: 'refresh' });
  });
});

describe("the Action's own comments", () => {
  it('are marked and ignored as commands, whoever wrote them', () => {
    const body = withOwnMark('Paused.\n/goal resume continues.');
    expect(isOwnWrite(body)).toBe(true);
    expect(withOwnMark(body)).toBe(body);
    const event = {
      action: 'created',
      issue: { number: 1 },
      comment: { id: 5, body, user: { login: 'maintainer', type: 'User' } },
    };
    expect(classifyEvent('issue_comment', event, { triggerLabel: 'goal-ready' })).toMatchObject({
      kind: 'ignore',
      reason: expect.stringContaining('our own'),
    });
    // The same maintainer's own command (same account as a personal token) is a command.
    event.comment.body = '/goal pause';
    expect(classifyEvent('issue_comment', event, { triggerLabel: 'goal-ready' }).kind).toBe(
      'comment',
    );
  });

  it('a dispatch carries its continuation nonce only when it looks like one', () => {
    const dispatch = (continuation: string) => ({
      inputs: { issue: '3', command: 'resume', continuation },
      sender: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(
      classifyEvent('workflow_dispatch', dispatch('abcdefghijklmnop_-12'), {
        triggerLabel: 'goal-ready',
      }),
    ).toMatchObject({ kind: 'dispatch', continuation: 'abcdefghijklmnop_-12', actorType: 'Bot' });
    expect(
      classifyEvent('workflow_dispatch', dispatch('short'), { triggerLabel: 'goal-ready' }),
    ).not.toHaveProperty('continuation');
  });
});
