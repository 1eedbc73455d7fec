import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { GoalRecord } from '../../src/engine/types.js';
import {
  RECORD_MARKER,
  STATUS_MARKER,
  decodeRecord,
  encodeRecord,
  fitRecord,
} from '../../src/state/codec.js';
import { achievedMetricRecord, pursuingRecord, result, run } from './report-fixtures.js';

const wrap = (payload: string, version = 1) => `<!-- ${RECORD_MARKER} v${version} ${payload} -->`;
const gz = (text: string) => gzipSync(Buffer.from(text)).toString('base64url');

/** Deterministic text that gzip cannot shrink much, like real logs. */
function noise(seed: number, length: number): string {
  let x = seed;
  let out = '';
  while (out.length < length) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    out += `${x.toString(36)} `;
  }
  return out.slice(0, length);
}

function bloated(): GoalRecord {
  const r = pursuingRecord();
  r.progress = Array.from({ length: 400 }, (_, i) => ({
    iteration: i,
    kind: i % 7 === 0 ? ('decision' as const) : ('action' as const),
    text: noise(i, 300),
  }));
  r.history = Array.from({ length: 300 }, (_, i) => ({
    iteration: i,
    passing: i % 3,
    total: 3,
    metrics: { size: 200 - i / 10 },
    tokens: 1_000 + i,
    sha: noise(i + 7, 40),
    note: noise(i + 11, 80),
  }));
  r.checkpoints = Array.from({ length: 250 }, (_, i) => ({
    sha: `${String(i).padStart(4, '0')}${noise(i + 3, 36)}`,
    iteration: i,
    at: '2026-11-20T10:00:00Z',
    summary: noise(i + 5, 100),
  }));
  r.runs = Array.from({ length: 80 }, (_, i) => ({
    id: String(i),
    startedAt: '2026-11-20T10:00:00Z',
  }));
  const tails = (seed: number) =>
    ['tests', 'lint', 'typecheck'].map((n, i) =>
      result(n, i === 0, { outputTail: noise(seed + i, 8_000) }),
    );
  r.baseline = run(0, tails(100));
  r.best = run(200, tails(200));
  r.latest = run(299, tails(300), r.checkpoints.at(-1)!.sha);
  r.summary = noise(999, 12_000);
  return r;
}

describe('encodeRecord / decodeRecord', () => {
  it('round-trips a record through an invisible single-line HTML comment', () => {
    const record = achievedMetricRecord();
    const encoded = encodeRecord(record);
    expect(encoded).toMatch(/^<!-- goal-action:record v1 [A-Za-z0-9_-]+ -->$/);
    expect(decodeRecord(encoded)).toEqual(record);
  });

  it('finds the record at the end of a status comment, ignoring a quoted one before it', () => {
    const old = pursuingRecord();
    const current = achievedMetricRecord();
    const body = `> ${encodeRecord(old)}\n\nStatus text\n\n${STATUS_MARKER}\n${encodeRecord(current)}`;
    expect(decodeRecord(body)?.state).toBe('achieved');
  });

  it('returns null when the record is absent, corrupt or not a valid record', () => {
    expect(decodeRecord('Just a comment.')).toBeNull();
    expect(decodeRecord(wrap('not-base64-gzip'))).toBeNull();
    expect(decodeRecord(wrap(gz('{"version": 1, "id": "x"')))).toBeNull();
    expect(
      decodeRecord(wrap(gz(JSON.stringify({ ...pursuingRecord(), state: 'done' })))),
    ).toBeNull();
    const truncated = encodeRecord(pursuingRecord()).replace(/[A-Za-z0-9_-]{20} -->$/, ' -->');
    expect(decodeRecord(truncated)).toBeNull();
    expect(decodeRecord(wrap(gz(JSON.stringify(pursuingRecord())), 2))).toBeNull();
  });

  it('refuses oversized payloads and gzip bombs without inflating them', () => {
    expect(decodeRecord(wrap('A'.repeat(80_000)))).toBeNull();
    // A valid record followed by 32 MB of whitespace: valid JSON, tiny when compressed.
    const padded = JSON.stringify(pursuingRecord()) + ' '.repeat(32 * 1024 * 1024);
    const bomb = gzipSync(Buffer.from(padded)).toString('base64url');
    expect(bomb.length).toBeLessThan(65_000);
    expect(decodeRecord(wrap(bomb))).toBeNull();
  });

  it('leaves out non-finite numbers instead of corrupting the record', () => {
    const record = pursuingRecord();
    record.latest!.results[0]!.metricValue = Number.NaN;
    const decoded = decodeRecord(encodeRecord(record));
    expect(decoded).not.toBeNull();
    expect(decoded!.latest!.results[0]!.metricValue).toBeUndefined();
  });
});

describe('fitRecord', () => {
  it('returns a record that already fits unchanged', () => {
    const record = pursuingRecord();
    expect(fitRecord(record, 60_000)).toBe(record);
  });

  it('trims a bloated record until it fits, keeping everything the next run needs', () => {
    const record = bloated();
    expect(encodeRecord(record).length).toBeGreaterThan(100_000);
    for (const limit of [50_000, 20_000, 10_000]) {
      const fitted = fitRecord(record, limit);
      expect(encodeRecord(fitted).length).toBeLessThanOrEqual(limit);
      const decoded = decodeRecord(encodeRecord(fitted))!;
      expect(decoded).not.toBeNull();
      expect(decoded.contract).toEqual(record.contract);
      expect(decoded.state).toBe(record.state);
      expect(decoded.ledger).toEqual(record.ledger);
      expect(decoded.budget).toEqual(record.budget);
      expect(decoded.plan).toEqual(record.plan);
      expect(decoded.baseSha).toBe(record.baseSha);
      expect(decoded.checkpoints.at(-1)).toEqual(record.checkpoints.at(-1));
      expect(decoded.latest?.sha).toBe(record.latest?.sha);
      expect(decoded.latest?.results.map((r) => [r.name, r.passed])).toEqual(
        record.latest?.results.map((r) => [r.name, r.passed]),
      );
      // Progress keeps its newest entries and counts what it folded.
      expect(decoded.progress.at(-1) ?? null).toEqual(
        decoded.progress.length ? record.progress.at(-1) : null,
      );
      const folded = Number(
        /\((\d+) earlier progress entries folded\)$/.exec(decoded.summary ?? '')?.[1],
      );
      expect(folded).toBe(record.progress.length - decoded.progress.length);
      expect(decoded.history.at(-1)).toEqual(record.history.at(-1));
    }
  });

  it('does not mutate the record it trims', () => {
    const record = bloated();
    const before = JSON.stringify(record);
    fitRecord(record, 10_000);
    expect(JSON.stringify(record)).toBe(before);
  });
});
