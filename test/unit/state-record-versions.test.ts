// Records that last: every golden record (one per schema version, generated once by that
// version's code, test/fixtures/records/) is decoded by today's code, forever; and a field a newer
// Action added survives a load → change → save by this one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/domain/transitions.js';
import { RECORD_VERSION, type GoalRecord } from '../../src/engine/types.js';
import {
  decodeRecord,
  encodeRecord,
  readCommentRecord,
  readRecordJson,
  recordJson,
} from '../../src/state/codec.js';
import { parseRecord } from '../../src/state/schema.js';

const DIR = join(import.meta.dirname, '../fixtures/records');
const VERSIONS = readdirSync(DIR)
  .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
  .filter((v): v is string => v !== undefined)
  .map(Number)
  .sort((a, b) => a - b);

const golden = (v: number) => JSON.parse(readFileSync(join(DIR, `v${v}.json`), 'utf8')) as unknown;
const comment = (v: number) => readFileSync(join(DIR, `v${v}.comment.txt`), 'utf8');

describe('golden records, one per schema version', () => {
  it('has one for every version up to the current one', () => {
    expect(VERSIONS).toEqual(Array.from({ length: RECORD_VERSION }, (_, i) => i + 1));
  });

  it.each(VERSIONS)('v%i: its JSON decodes, as stored in the ref and as parsed', (v) => {
    const json = golden(v);
    const parsed = parseRecord(json);
    expect(parsed).not.toBeNull();
    expect(parsed!.version).toBe(RECORD_VERSION);
    // Today's version reads its own golden record exactly; older ones are migrated forward.
    if (v === RECORD_VERSION) expect(parsed).toEqual(json);
    const fromRef = readRecordJson(Buffer.from(JSON.stringify(json)));
    expect(fromRef).toEqual({ kind: 'found', record: parsed });
  });

  it.each(VERSIONS)('v%i: its encoded comment payload decodes to the same record', (v) => {
    const body = `<!-- goal-action:status -->\n…the status view…\n${comment(v)}`;
    const decoded = decodeRecord(body);
    expect(decoded).toEqual(parseRecord(golden(v)));
    expect(readCommentRecord(body)).toEqual({ kind: 'found', record: decoded });
    // A realistic record: the fields a goal fills over its life are all there.
    expect(decoded).toMatchObject({
      state: 'paused',
      stopReason: { kind: 'paused' },
      pr: { number: 13 },
      continuation: { byRun: '9001' },
    });
    expect(decoded!.checkpoints.length).toBeGreaterThan(0);
    expect(decoded!.contract.steering.length).toBeGreaterThan(0);
  });
});

// The record as plain JSON of a shape this code does not know: any is the honest type here.
/* eslint-disable @typescript-eslint/no-explicit-any */
describe('fields from a newer Action survive a round trip through this one', () => {
  /** The golden record as a newer Action might write it: extra keys at every depth. */
  function fromNewerAction(): Record<string, unknown> {
    const json = structuredClone(golden(RECORD_VERSION)) as Record<string, any>;
    json.reviewers = ['octocat'];
    json.ledger.cacheWriteTokens = 1234;
    json.contract.priority = { level: 'high' };
    json.checkpoints[0].signedBy = 'goal-action[bot]';
    json.stopReason.resumeAfter = '2026-11-21T00:00:00Z';
    json.latest.results[0].coverage = 0.91;
    return json;
  }

  function expectNewerFields(record: unknown): void {
    const r = record as Record<string, any>;
    expect(r.reviewers).toEqual(['octocat']);
    expect(r.ledger.cacheWriteTokens).toBe(1234);
    expect(r.contract.priority).toEqual({ level: 'high' });
    expect(r.checkpoints[0].signedBy).toBe('goal-action[bot]');
    expect(r.stopReason.resumeAfter).toBe('2026-11-21T00:00:00Z');
    expect(r.latest.results[0].coverage).toBe(0.91);
  }

  it('through parse → a command → encode → decode (the comment store)', () => {
    const loaded = parseRecord(fromNewerAction())!;
    expectNewerFields(loaded);
    const changed = applyCommand(
      loaded,
      { id: 'comment:1', actor: 'maintainer', command: { kind: 'budget', requested: { usd: 20 } } },
      {
        loopRunning: false,
        now: '2026-11-21T08:00:00Z',
        runId: '1',
        maxBudget: { tokens: 1e8, usd: 100, timeSec: 1e6, iterations: 500 },
      },
    ).record!;
    expect(changed.budget.usd).toBe(20);
    const again = decodeRecord(encodeRecord(changed))!;
    expectNewerFields(again);
    expect(again.budget.usd).toBe(20);
  });

  it('through record.json (the ref store)', () => {
    const loaded = parseRecord(fromNewerAction())!;
    const back = readRecordJson(Buffer.from(recordJson(loaded)));
    expect(back.kind).toBe('found');
    expectNewerFields((back as { record: GoalRecord }).record);
  });

  it('a known field of the wrong type is still refused, and no key reaches a prototype', () => {
    const bad = fromNewerAction();
    (bad.ledger as Record<string, unknown>).tokens = 'many';
    expect(parseRecord(bad)).toBeNull();
    const hostile = JSON.parse(
      JSON.stringify(golden(RECORD_VERSION)).replace('{', '{"__proto__":{"polluted":true},'),
    ) as unknown;
    const parsed = parseRecord(hostile) as unknown as Record<string, unknown>;
    expect(parsed).not.toBeNull();
    expect(parsed.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
