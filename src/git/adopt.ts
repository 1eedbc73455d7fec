// Branch and record never disagree silently. A run can die between pushing a checkpoint and
// writing the record that lists it (always possible where the comment is the store; with the ref
// store the two move in one atomic push, so only an older run leaves this behind). The next run
// finds those commits on the goal branch and adopts them from their trailers: the checkpoint is
// listed, the iteration moves on, and the ledger is raised to at least what the trailers say was
// spent by then (they carry the goal's running totals), with a progress line saying so.
import { logProgress, recordCheckpoint, type GoalRecord } from '../engine/index.js';
import { TRAILER_KEYS } from './checkpoint-message.js';

/** A commit on the goal branch that the record does not list, with its trailers. */
export interface BranchCommit {
  sha: string;
  /** Committer date, ISO 8601. */
  at: string;
  subject: string;
  trailers: Record<string, string>;
}

const count = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * Adds the goal's own checkpoints among `commits` (oldest first) to the record. Commits of
 * another goal or without trailers are left alone. Returns how many were adopted.
 */
export function adoptCheckpoints(record: GoalRecord, commits: BranchCommit[]): number {
  const known = new Set(record.checkpoints.map((c) => c.sha));
  const ours = commits.filter(
    (c) => c.trailers[TRAILER_KEYS.goalId] === record.id && !known.has(c.sha),
  );
  for (const c of ours) {
    const iteration = count(c.trailers[TRAILER_KEYS.iteration]) ?? record.iteration;
    const tokens = count(c.trailers[TRAILER_KEYS.tokens]);
    const usd = count(c.trailers[TRAILER_KEYS.costUsd]);
    recordCheckpoint(record, { sha: c.sha, iteration, at: c.at, summary: c.subject });
    record.iteration = Math.max(record.iteration, iteration);
    const before = record.ledger.tokens;
    if (tokens !== undefined) record.ledger.tokens = Math.max(record.ledger.tokens, tokens);
    if (usd !== undefined) record.ledger.usd = Math.max(record.ledger.usd, usd);
    const raised =
      record.ledger.tokens > before
        ? `; spending raised to at least ${record.ledger.tokens} tokens from its trailers`
        : '';
    logProgress(record, {
      iteration,
      kind: 'decision',
      text: `Adopted checkpoint ${c.sha.slice(0, 12)} (iteration ${iteration}) found on the branch but missing from the record (a run stopped between its push and its record write)${raised}`,
    });
  }
  return ours.length;
}

/** Parses `git log --format=%H%x1f%cI%x1f%s%x1f%(trailers:only,unfold)%x1e` output, newest first. */
export function parseBranchLog(out: string): BranchCommit[] {
  return out
    .split('\x1e')
    .map((chunk) => chunk.replace(/^\n+/, ''))
    .filter(Boolean)
    .map((chunk) => {
      const [sha = '', at = '', subject = '', trailerText = ''] = chunk.split('\x1f');
      const trailers: Record<string, string> = {};
      for (const line of trailerText.split('\n')) {
        const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
        if (m) trailers[m[1]!] = m[2]!;
      }
      return { sha: sha.trim(), at: at.trim(), subject, trailers };
    });
}
