// The goal record's schema: every stored record is validated before the Action trusts it, because
// it comes back from a comment anyone with write access could have edited. Versioned: a record
// written by an older Action is migrated forward; one from a newer Action is refused with a reason.
// Additive changes (a new optional field) keep the version, and a field this Action does not know
// survives a round trip through it; the version goes up only for a change older code would misread.
import { z } from 'zod';
import {
  COMMAND_KINDS,
  FAIL_CAUSES,
  GOAL_STATES,
  PAUSE_CAUSES,
  RECORD_VERSION,
  type GoalRecord,
} from '../engine/index.js';

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();

const metricTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('absolute'),
    op: z.enum(['<', '<=', '>', '>=', '==']),
    value: z.number(),
  }),
  z.object({ kind: z.literal('relative'), percent: z.number() }),
]);

const verifierSpec = z.object({
  name: z.string(),
  command: z.string(),
  timeoutSec: amount,
  kind: z.enum(['check', 'metric']),
  required: z.boolean(),
  pattern: z.string().optional(),
  target: metricTarget.optional(),
  source: z.enum(['config', 'input', 'command', 'issue', 'cli']),
});

const verifierResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  durationMs: amount,
  outputTail: z.string(),
  metricValue: z.number().optional(),
  testCount: count.optional(),
  failingTests: z.array(z.string()).optional(),
  attempts: count,
  flaky: z.boolean(),
});

const verificationRun = z.object({
  iteration: count,
  sha: z.string().optional(),
  at: z.string(),
  results: z.array(verifierResult),
});

const contract = z.object({
  outcome: z.string(),
  verification: z.array(verifierSpec),
  verificationNotes: z.array(z.string()),
  constraints: z.array(z.string()),
  boundaries: z.array(z.string()),
  protectedPaths: z.array(z.string()),
  iterationPolicy: z.string(),
  blockedCondition: z.string(),
  steering: z.array(z.string()),
  allowedChanges: z.array(z.string()),
});

const usage = z.object({
  inputTokens: count,
  cachedInputTokens: count,
  outputTokens: count,
  reasoningTokens: count,
});

const budgetDimension = z.enum(['tokens', 'usd', 'time', 'iterations', 'quota']);

const stopReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('achieved'), evidence: z.string() }),
  z.object({ kind: z.literal('blocked'), blocker: z.string(), needs: z.string() }),
  z.object({
    kind: z.literal('budget-limited'),
    dimension: budgetDimension,
    detail: z.string(),
    limit: z.number().optional(),
  }),
  z.object({ kind: z.literal('stalled'), detail: z.string() }),
  z.object({
    kind: z.literal('paused'),
    detail: z.string(),
    cause: z.enum(PAUSE_CAUSES).optional(),
  }),
  z.object({ kind: z.literal('cleared'), detail: z.string() }),
  z.object({
    kind: z.literal('failed'),
    error: z.string(),
    action: z.string(),
    cause: z.enum(FAIL_CAUSES).optional(),
  }),
]);

export const goalRecordSchema = z.object({
  version: z.literal(RECORD_VERSION),
  id: z.string().min(1),
  number: z.number().int().positive().optional(),
  title: z.string(),
  contract,
  contractRevision: count,
  restatement: z.string().optional(),
  awaitingConfirmation: z.boolean().optional(),
  state: z.enum(GOAL_STATES),
  stopReason: stopReason.optional(),
  budget: z.object({ tokens: amount, usd: amount, timeSec: amount, iterations: count }),
  ledger: z.object({
    usage,
    tokens: count,
    usd: amount,
    elapsedSec: amount,
    modelCalls: count,
    // The spending reservation (engine/reservation.ts); added by H1, optional.
    reserved: z.object({ tokens: count, usd: amount, calls: count.optional() }).optional(),
  }),
  iteration: count,
  branch: z.string(),
  baseRef: z.string(),
  baseSha: z.string().optional(),
  checkpoints: z.array(
    z.object({ sha: z.string(), iteration: count, at: z.string(), summary: z.string() }),
  ),
  baseline: verificationRun.optional(),
  latest: verificationRun.optional(),
  best: verificationRun.optional(),
  plan: z.array(
    z.object({ step: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) }),
  ),
  progress: z.array(
    z.object({
      iteration: count,
      text: z.string(),
      kind: z.enum(['action', 'verification', 'decision', 'summary', 'control']),
    }),
  ),
  summary: z.string().optional(),
  findings: z.array(
    z.object({ rule: z.string(), path: z.string().optional(), detail: z.string() }),
  ),
  changes: z
    .array(
      z.object({
        path: z.string(),
        status: z.enum(['added', 'modified', 'deleted', 'renamed']),
        oldPath: z.string().optional(),
        added: count.optional(),
        removed: count.optional(),
      }),
    )
    .optional(),
  flaky: z.array(z.string()),
  stall: z.object({ idle: count, nudged: z.boolean(), bestScore: z.number().optional() }),
  history: z.array(
    z.object({
      iteration: count,
      passing: count,
      total: count,
      metrics: z.record(z.string(), z.number()),
      tokens: count,
      sha: z.string().optional(),
      note: z.string(),
    }),
  ),
  runs: z.array(
    z.object({
      id: z.string(),
      url: z.string().optional(),
      startedAt: z.string(),
      endedAt: z.string().optional(),
    }),
  ),
  lock: z.object({ runId: z.string(), heartbeatAt: z.string() }).optional(),
  pr: z.object({ number: z.number().int().positive(), url: z.string() }).optional(),
  continuation: z
    .object({
      nonceHash: z.string().regex(/^[0-9a-f]{64}$/),
      issuedAt: z.string(),
      byRun: z.string(),
      consumedBy: z.string().optional(),
    })
    .optional(),
  report: z.string().optional(),
  commands: z
    .array(
      z.object({
        id: z.string().min(1),
        kind: z.enum(COMMAND_KINDS),
        actor: z.string(),
        at: z.string(),
        runId: z.string().optional(),
        text: z.string(),
      }),
    )
    .optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// The schema and the engine's type must describe the same record, field for field: a field added
// to GoalRecord without a schema entry would be silently dropped on the next load.
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesType: Equals<z.infer<typeof goalRecordSchema>, GoalRecord> = true;
void schemaMatchesType;

/**
 * Upgrades a record of version N to N + 1. Only version 1 exists; when version 2 arrives, add
 * `1: (v1) => v2` here and every stored v1 record keeps working.
 */
const MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {};

/** Keys a JSON value must never set on an object: they would reach its prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Puts back, at every depth, the keys the schema did not know: a field a newer Action added
 * survives a load → change → save by this one (the schema strips unknown keys, and zod's loose
 * objects would widen the inferred type and break the schema-equals-type check above). Array
 * elements pair up by position; the validated value wins wherever the schema knows the key.
 */
function keepUnknown(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return parsed.map((item, i) => keepUnknown(raw[i], item));
  if (!isPlain(raw) || !isPlain(parsed)) return parsed;
  for (const [key, value] of Object.entries(raw)) {
    if (UNSAFE_KEYS.has(key)) continue;
    parsed[key] = Object.hasOwn(parsed, key) ? keepUnknown(value, parsed[key]) : value;
  }
  return parsed;
}

type Parsed = { ok: true; record: GoalRecord } | { ok: false; reason: string };

function parse(json: unknown): Parsed {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, reason: 'the goal record is not a JSON object' };
  let data = json as Record<string, unknown>;
  let version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return {
      ok: false,
      reason: `the goal record has no valid version (found ${JSON.stringify(version)})`,
    };
  if (version > RECORD_VERSION)
    return {
      ok: false,
      reason: `the goal record is version ${version}, newer than this goal-action understands (${RECORD_VERSION}); upgrade the Action`,
    };
  // Bounded: at most one step per version between the record's and ours.
  while (version < RECORD_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate)
      return {
        ok: false,
        reason: `no migration from goal record version ${version}; start the goal again`,
      };
    data = migrate(data);
    version += 1;
  }
  const result = goalRecordSchema.safeParse(data);
  if (result.success) return { ok: true, record: keepUnknown(data, result.data) as GoalRecord };
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more =
    result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  return { ok: false, reason: `the goal record is invalid: ${issues.join('; ')}${more}` };
}

/** The record, validated and migrated to the current version; null when it cannot be trusted. */
export function parseRecord(json: unknown): GoalRecord | null {
  const parsed = parse(json);
  return parsed.ok ? parsed.record : null;
}

/** Why parseRecord returned null for this value, or null when the value is a valid record. */
export function explainInvalid(json: unknown): string | null {
  const parsed = parse(json);
  return parsed.ok ? null : parsed.reason;
}
