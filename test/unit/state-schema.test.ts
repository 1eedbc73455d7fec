import { describe, expect, it } from 'vitest';
import { explainInvalid, parseRecord } from '../../src/state/schema.js';
import {
  achievedMetricRecord,
  blockedRecord,
  budgetLimitedRecord,
  pursuingRecord,
  tamperedRecord,
} from './report-fixtures.js';

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('parseRecord', () => {
  it('accepts every realistic record as stored (after a JSON round trip)', () => {
    for (const make of [
      pursuingRecord,
      achievedMetricRecord,
      budgetLimitedRecord,
      blockedRecord,
      tamperedRecord,
    ]) {
      const record = make();
      expect(parseRecord(viaJson(record))).toEqual(record);
      expect(explainInvalid(viaJson(record))).toBeNull();
    }
  });

  it('refuses a record with a wrong or missing field and says which', () => {
    const record = viaJson(pursuingRecord()) as Record<string, unknown>;
    (record.ledger as Record<string, unknown>).tokens = '340k';
    expect(parseRecord(record)).toBeNull();
    expect(explainInvalid(record)).toMatch(/^the goal record is invalid: ledger\.tokens: /);

    const noState = viaJson(pursuingRecord()) as Record<string, unknown>;
    delete noState.state;
    expect(explainInvalid(noState)).toContain('state');

    const badState = viaJson(pursuingRecord()) as Record<string, unknown>;
    badState.state = 'done';
    expect(parseRecord(badState)).toBeNull();
  });

  it('refuses a stop reason whose fields do not match its kind', () => {
    const record = viaJson(blockedRecord()) as Record<string, unknown>;
    record.stopReason = { kind: 'blocked', detail: 'no blocker given' };
    expect(explainInvalid(record)).toContain('stopReason');
  });

  it('refuses a record from a newer Action and tells the user to upgrade', () => {
    const record = { ...(viaJson(pursuingRecord()) as object), version: 2 };
    expect(parseRecord(record)).toBeNull();
    expect(explainInvalid(record)).toContain('version 2, newer than this goal-action understands');
    expect(explainInvalid(record)).toContain('upgrade');
  });

  it('refuses values that are not records at all', () => {
    for (const value of [null, 'text', 42, [], { version: 'one' }]) {
      expect(parseRecord(value)).toBeNull();
      expect(explainInvalid(value)).toBeTruthy();
    }
  });
});
