// The goal record's durable forms. In the goal's ref (src/store): `record.json`, the full record as
// JSON. In the status comment: gzip'd JSON, base64url, inside an HTML comment at its end — the
// record itself where the comment is the store (a custom ref was refused), a trimmed copy where the
// ref is. Decoding treats both as untrusted: bounded input, bounded decompression, schema check,
// and three outcomes, so a record that cannot be read is never taken for no record.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { GoalRecord, VerificationRun } from '../engine/index.js';
import { explainInvalid, parseRecord } from './schema.js';

export const RECORD_MARKER = 'goal-action:record';
export const STATUS_MARKER = '<!-- goal-action:status -->';

const ENCODING_VERSION = 1;
/** A GitHub comment holds 65,536 characters; anything longer did not come from us. */
const MAX_PAYLOAD_CHARS = 70_000;
/** A record that fits a comment compressed never inflates past this; more is a gzip bomb. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

const RECORD_PATTERN = new RegExp(`<!-- ${RECORD_MARKER} v(\\d+) ([A-Za-z0-9_-]*) -->`, 'g');

/** The last record marker in a comment body: ours is appended at the end, earlier ones are quotes. */
function lastRecordMarker(body: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of body.matchAll(RECORD_PATTERN)) last = match;
  return last;
}

/** The encoded payload of the record in a comment body ('' when there is none). */
export function recordPayload(body: string): string {
  return lastRecordMarker(body)?.[2] ?? '';
}

/** Non-finite numbers would turn into null and fail the schema; leave them out instead. */
function finiteOnly(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
}

/** `<!-- goal-action:record v1 <base64url(gzip(JSON))> -->` — invisible in the rendered comment. */
export function encodeRecord(record: GoalRecord): string {
  const json = JSON.stringify(record, finiteOnly);
  const payload = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64url');
  return `<!-- ${RECORD_MARKER} v${ENCODING_VERSION} ${payload} -->`;
}

/** What reading a stored record gave: nothing there, the record, or why it cannot be trusted. */
export type Decoded =
  | { kind: 'absent' }
  | { kind: 'found'; record: GoalRecord }
  | { kind: 'unreadable'; reason: string };

function fromJson(json: unknown): Decoded {
  const record = parseRecord(json);
  if (record) return { kind: 'found', record };
  return { kind: 'unreadable', reason: explainInvalid(json) ?? 'the goal record is invalid' };
}

/** `record.json` in the goal's ref: the whole record, one key per line for readable diffs. */
export function recordJson(record: GoalRecord): string {
  return `${JSON.stringify(record, finiteOnly, 1)}\n`;
}

/** Reads `record.json` (bytes from the ref). */
export function readRecordJson(bytes: Buffer): Decoded {
  if (bytes.length > MAX_JSON_BYTES)
    return { kind: 'unreadable', reason: `record.json is ${bytes.length} bytes, over the limit` };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return {
      kind: 'unreadable',
      reason: `record.json is not valid JSON (${(err as Error).message})`,
    };
  }
  return fromJson(json);
}

/** The record in a status comment body, with the reason when the comment holds one it cannot read. */
export function readCommentRecord(body: string): Decoded {
  const last = lastRecordMarker(body);
  if (!last) {
    return body.includes(STATUS_MARKER)
      ? { kind: 'unreadable', reason: 'the status comment no longer holds the encoded record' }
      : { kind: 'absent' };
  }
  const [, version, payload = ''] = last;
  if (Number(version) !== ENCODING_VERSION)
    return {
      kind: 'unreadable',
      reason: `the record is encoded as v${version}, which this goal-action cannot read; upgrade the Action`,
    };
  if (payload.length === 0 || payload.length > MAX_PAYLOAD_CHARS)
    return { kind: 'unreadable', reason: 'the encoded record is empty or too long' };
  let json: unknown;
  try {
    const raw = gunzipSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_JSON_BYTES });
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return {
      kind: 'unreadable',
      reason: 'the encoded record is corrupt (it does not decompress to JSON)',
    };
  }
  return fromJson(json);
}

/** Finds and decodes the record in a comment body; null when absent, corrupt or schema-invalid. */
export function decodeRecord(body: string): GoalRecord | null {
  const last = lastRecordMarker(body);
  if (!last) return null;
  const [, version, payload = ''] = last;
  if (Number(version) !== ENCODING_VERSION || payload.length === 0) return null;
  if (payload.length > MAX_PAYLOAD_CHARS) return null;
  try {
    const json = gunzipSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_JSON_BYTES });
    return parseRecord(JSON.parse(json.toString('utf8')));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- fitting the record

/** How hard one trimming pass is; each level keeps less than the one before. */
interface TrimLevel {
  tail: number;
  latestTail: number;
  progress: number;
  history: number;
  checkpoints: number;
  runs: number;
  text: number;
}

const LEVELS: TrimLevel[] = [
  {
    tail: 2_000,
    latestTail: 4_000,
    progress: 60,
    history: 100,
    checkpoints: 100,
    runs: 50,
    text: 12_000,
  },
  {
    tail: 500,
    latestTail: 2_000,
    progress: 40,
    history: 60,
    checkpoints: 50,
    runs: 30,
    text: 6_000,
  },
  {
    tail: 200,
    latestTail: 1_000,
    progress: 20,
    history: 30,
    checkpoints: 20,
    runs: 10,
    text: 3_000,
  },
  { tail: 0, latestTail: 500, progress: 10, history: 15, checkpoints: 8, runs: 5, text: 1_500 },
  { tail: 0, latestTail: 200, progress: 4, history: 6, checkpoints: 3, runs: 2, text: 600 },
  { tail: 0, latestTail: 0, progress: 0, history: 1, checkpoints: 1, runs: 1, text: 200 },
];

const FOLDED = /\n?\((\d+) earlier progress entries folded\)$/;

function tailOf(text: string, max: number): string {
  if (text.length <= max) return text;
  return max === 0 ? '' : `…${text.slice(text.length - max + 1)}`;
}

function clipText(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

function trimRun(run: VerificationRun | undefined, tail: number): VerificationRun | undefined {
  if (!run) return run;
  return {
    ...run,
    results: run.results.map((r) => ({ ...r, outputTail: tailOf(r.outputTail, tail) })),
  };
}

/** Keeps the newest `keep` progress entries and counts the rest in the summary. */
function foldProgress(record: GoalRecord, keep: number): Pick<GoalRecord, 'progress' | 'summary'> {
  const drop = Math.max(0, record.progress.length - keep);
  if (drop === 0) return { progress: record.progress, summary: record.summary };
  const previous = record.summary ?? '';
  const earlier = Number(FOLDED.exec(previous)?.[1] ?? 0);
  const base = previous.replace(FOLDED, '');
  const line = `(${earlier + drop} earlier progress entries folded)`;
  return { progress: record.progress.slice(drop), summary: base ? `${base}\n${line}` : line };
}

function trim(record: GoalRecord, level: TrimLevel): GoalRecord {
  const { progress, summary } = foldProgress(record, level.progress);
  const trimmed: GoalRecord = {
    ...record,
    progress,
    history: record.history.slice(-level.history),
    // The last checkpoint is where the next run continues from: never dropped.
    checkpoints: record.checkpoints.slice(-Math.max(1, level.checkpoints)),
    runs: record.runs.slice(-Math.max(1, level.runs)),
    baseline: trimRun(record.baseline, level.tail),
    best: trimRun(record.best, level.tail),
    latest: trimRun(record.latest, level.latestTail),
  };
  const clippedSummary = summary === undefined ? undefined : tailOf(summary, level.text);
  if (clippedSummary !== undefined) trimmed.summary = clippedSummary;
  const report = clipText(record.report, level.text * 2);
  if (report !== undefined) trimmed.report = report;
  const restatement = clipText(record.restatement, level.text);
  if (restatement !== undefined) trimmed.restatement = restatement;
  return trimmed;
}

/**
 * Trims the record (oldest progress entries folded into a count, history and checkpoints kept to
 * the newest N, verifier output tails shortened) until its encoding fits maxChars. Never drops
 * contract, state, ledger, budget, plan, baseSha, the last checkpoint, or latest verification.
 * When even the tightest trim does not fit (a contract larger than the limit), that tightest
 * trim is returned and the caller sees its encoding is still too long.
 */
export function fitRecord(record: GoalRecord, maxChars: number): GoalRecord {
  if (encodeRecord(record).length <= maxChars) return record;
  let candidate = record;
  for (const level of LEVELS) {
    candidate = trim(record, level);
    if (encodeRecord(candidate).length <= maxChars) return candidate;
  }
  return candidate;
}
