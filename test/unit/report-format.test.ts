import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatTokens,
  formatUsd,
  nextStepHint,
  stateLine,
  mentionOnce,
} from '../../src/report/format.js';
import {
  achievedMetricRecord,
  blockedRecord,
  budgetLimitedRecord,
  pursuingRecord,
  tamperedRecord,
} from './report-fixtures.js';
import type { BudgetDimension, GoalRecord } from '../../src/engine/types.js';

function limitedOn(dimension: BudgetDimension): GoalRecord {
  const r = budgetLimitedRecord();
  r.stopReason = { kind: 'budget-limited', dimension, detail: 'insufficient_quota' };
  return r;
}

describe('numbers people read', () => {
  it('abbreviates token counts the way the budget is written', () => {
    expect(formatTokens(340)).toBe('340');
    expect(formatTokens(1_234)).toBe('1.2k');
    expect(formatTokens(340_000)).toBe('340k');
    expect(formatTokens(999_999)).toBe('1.0M');
    expect(formatTokens(2_000_000)).toBe('2.0M');
    expect(formatTokens(12_345_678)).toBe('12.3M');
  });

  it('shows cents and never rounds a real cost down to nothing', () => {
    expect(formatUsd(0.42)).toBe('$0.42');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.003)).toBe('<$0.01');
    expect(formatUsd(12.5)).toBe('$12.50');
  });

  it('says durations in the two largest units', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(192)).toBe('3m 12s');
    expect(formatDuration(3_780)).toBe('1h 3m');
    expect(formatDuration(5 * 3600)).toBe('5h');
    expect(formatDuration(100_000)).toBe('1d 3h');
  });
});

describe('the next step', () => {
  it('points an achieved goal at what exists: the PR, the branch, or nothing to review', () => {
    const withPr = achievedMetricRecord();
    withPr.pr = { number: 7, url: 'https://github.com/o/r/pull/7' };
    expect(nextStepHint(withPr)).toBe(
      'Review the draft PR #7; it stays a draft until a person merges it.',
    );
    const local = achievedMetricRecord();
    delete local.pr;
    expect(local.checkpoints.length).toBeGreaterThan(0);
    expect(nextStepHint(local)).toBe(
      `Review the commits on branch \`${local.branch}\`; nothing is merged until a person does it.`,
    );
    const unchanged = achievedMetricRecord();
    delete unchanged.pr;
    unchanged.checkpoints = [];
    expect(nextStepHint(unchanged)).toBe(
      'Nothing needed changing: the verifiers already pass on the code as it is.',
    );
  });

  it('raises the exhausted budget dimension, then resumes', () => {
    expect(nextStepHint(budgetLimitedRecord())).toBe(
      'Continue with `/goal budget 4M` then `/goal resume`.',
    );
    expect(nextStepHint(limitedOn('usd'))).toBe(
      'Continue with `/goal budget $20` then `/goal resume`.',
    );
    expect(nextStepHint(limitedOn('time'))).toBe(
      'Continue with `/goal budget 10h` then `/goal resume`.',
    );
    expect(nextStepHint(limitedOn('iterations'))).toBe(
      'Continue with `/goal budget 120 iterations` then `/goal resume`.',
    );
  });

  it('sends an exhausted provider quota to the account, not to /goal budget', () => {
    expect(nextStepHint(limitedOn('quota'))).toBe(
      'Add credit to the provider account, then continue with `/goal resume`.',
    );
  });

  it('asks a blocked goal for the missing input and a stalled one for a new direction', () => {
    expect(nextStepHint(blockedRecord())).toContain('`/goal resume <answer>`');
    expect(nextStepHint(tamperedRecord())).toBe(
      'Give it a new direction with `/goal resume <new direction>`.',
    );
  });

  it('offers pause while pursuing and nothing once cleared', () => {
    expect(nextStepHint(pursuingRecord())).toContain('/goal pause');
    const cleared = pursuingRecord();
    cleared.state = 'cleared';
    cleared.stopReason = { kind: 'cleared', detail: 'cleared by @maintainer' };
    expect(nextStepHint(cleared)).toBe('');
  });

  it('puts state, reason and next step on one plain line', () => {
    expect(stateLine(budgetLimitedRecord())).toBe(
      'budget-limited: The token budget is used up (2.0M of 2.0M); 2 of 3 required verifiers pass. Continue with `/goal budget 4M` then `/goal resume`.',
    );
    const failed = pursuingRecord();
    failed.state = 'failed';
    failed.stopReason = {
      kind: 'failed',
      error: 'The OpenAI key was rejected (401)',
      action: 'Update the openai-api-key secret.',
    };
    expect(stateLine(failed)).toBe(
      'failed: The OpenAI key was rejected (401). Update the openai-api-key secret. Continue with `/goal resume`.',
    );
  });
});

describe('mentions', () => {
  it('mentions a person once, at the start, however the reason began', () => {
    expect(mentionOnce('mallory', '@mallory has read access to this repository.')).toBe(
      '@mallory has read access to this repository.',
    );
    expect(mentionOnce('mallory', 'Only maintainers can start goals.')).toBe(
      '@mallory Only maintainers can start goals.',
    );
    expect(mentionOnce('Mallory', '@mallory is a bot.')).toBe('@mallory is a bot.');
  });
});
