// Auto-continuation past the 6-hour job limit, proven rather than assumed. A dispatch made with the
// workflow's GITHUB_TOKEN arrives with sender github-actions[bot] (an App token: `<app>[bot]`), so
// the sender cannot tell the Action's own continuation from any other bot's dispatch. Instead the
// run that stops at its time limit stores the hash of a fresh random nonce in the goal record and
// sends the nonce itself in the dispatch; the next run accepts the dispatch only when the nonce
// matches, and consumes it, so it starts exactly one continuation (the record changes are the
// state machine's `continuation-issued` / `continuation-consumed`). Any other dispatch still needs a
// sender with write access. Pure apart from the random bytes and the hash.
import { createHash, randomBytes } from 'node:crypto';
import type { GoalRecord } from '../engine/index.js';

/** The workflow_dispatch input that carries the nonce. */
export const CONTINUATION_INPUT = 'continuation';

function hash(nonce: string): string {
  return createHash('sha256').update(nonce, 'utf8').digest('hex');
}

/** A fresh one-time nonce and the hash the record keeps of it. */
export function newContinuationNonce(random: (n: number) => Buffer = randomBytes): {
  nonce: string;
  nonceHash: string;
} {
  const nonce = random(24).toString('base64url');
  return { nonce, nonceHash: hash(nonce) };
}

/**
 * Does this dispatch carry the record's pending nonce? A nonce consumed by another run is spent;
 * one consumed by this run id is still this run's (the pursue job after the route job, or a
 * re-run attempt of the same run).
 */
export function continuationMatches(
  record: GoalRecord | null,
  nonce: string | undefined,
  runId: string,
): boolean {
  const c = record?.continuation;
  if (!c || !nonce) return false;
  if (c.consumedBy !== undefined && c.consumedBy !== runId) return false;
  return hash(nonce) === c.nonceHash;
}
