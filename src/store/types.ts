// What the Action asks of the goal record's store, whatever keeps it: find the record (three
// outcomes, so an unreadable record is never mistaken for no goal), and change it only on top of
// the version that was read (compare-and-swap), re-applying the change when someone else wrote
// first. The engine never sees this: it talks to its GoalStore port (engine/ports.ts), which
// GoalChannel implements on top of a RecordStore.
import type { GoalRecord, GoalState } from '../engine/index.js';

/** Where the record lives: the goal's ref (refs/goal-action/<n>), or the status comment. */
export type StoreWhere = 'ref' | 'comment';

export type Lookup =
  | { kind: 'absent'; commentId?: number }
  | {
      kind: 'found';
      record: GoalRecord;
      /** Opaque: what a write must still find to succeed (the ref's commit, the comment's hash). */
      version: string;
      where: StoreWhere;
      commentId?: number;
    }
  | { kind: 'unreadable'; reason: string; where: StoreWhere; commentId?: number };

export type UpdateResult =
  | { kind: 'written'; record: GoalRecord; version: string; where: StoreWhere }
  /** `mutate` returned null: nothing to write. */
  | { kind: 'unchanged'; record: GoalRecord | null }
  /** The stored record cannot be read; it was left as it is. */
  | { kind: 'unreadable'; reason: string; where: StoreWhere }
  /** Someone else kept writing first, `attempts` times in a row. */
  | { kind: 'conflict'; attempts: number };

/** One write's outcome against an expected version. */
export type PutResult =
  { kind: 'written'; version: string; where: StoreWhere } | { kind: 'conflict' };

/** A put's outcome, with the state of the record as it was written (put() takes a snapshot). */
export type SentResult = (PutResult & { kind: 'written'; state: GoalState }) | { kind: 'conflict' };

/**
 * What the store needs from GitHub (GitHubRepo implements it; src/github/git-data.ts has the
 * Git Data API semantics). A refused ref is an error whose `name` is 'RefRefusedError'; a missing
 * comment is an error whose `status` is 404.
 */
export interface RecordHost {
  refSha(ref: string): Promise<string | null>;
  fileAt(commit: string, path: string): Promise<Buffer | null>;
  commitFile(
    file: { path: string; text: string },
    message: string,
    parents: string[],
  ): Promise<string>;
  createRef(ref: string, sha: string): Promise<'written' | 'conflict'>;
  updateRef(ref: string, sha: string): Promise<'written' | 'conflict'>;
  findComment(issue: number, marker: string): Promise<{ id: number; body: string } | null>;
  getComment(id: number): Promise<{ id: number; body: string }>;
  comment(issue: number, body: string): Promise<{ id: number }>;
  updateComment(id: number, body: string): Promise<void>;
}

export const isRefRefusal = (err: unknown): err is Error =>
  err instanceof Error && err.name === 'RefRefusedError';

export const isNotFound = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 404;

/** How many times a change is re-applied on a fresh read before giving up. */
export const UPDATE_ATTEMPTS = 5;
