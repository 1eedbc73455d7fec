// The goal record rides in the checkpoint's push: the workspace pushes the checkpoint and the
// record commit (which already lists that checkpoint) in one `git push --atomic`, each ref under
// its own lease, so either both move or neither does — a crash can never leave a pushed checkpoint
// the record does not know. The record commit is made in the local repository (hash-object,
// mktree, commit-tree); it is built on the ref's commit when that is local, and is a root commit
// otherwise (the lease, not ancestry, is what keeps the push from overwriting anyone).
import { randomUUID } from 'node:crypto';
import { recordCheckpoint, type Checkpoint, type GoalRecord } from '../engine/index.js';
import { BranchDivergedError } from '../git/errors.js';
import type { Git } from '../git/git.js';
import { hasCommit, type RefUpdate } from '../git/remote-sync.js';
import type { CheckpointRider } from '../git/workspace.js';
import { recordJson } from '../state/codec.js';
import { RECORD_FILE, type RecordStore } from '../store/record-store.js';

/** How many times the push is retried when the record's ref moved under it. */
const RIDE_ATTEMPTS = 3;

export interface RiderOptions {
  store: RecordStore;
  /** The record as the loop has it now (the live object the engine saves). */
  current(): GoalRecord | undefined;
  /** Secrets out of the record before it is stored (the Redactor's `value`). */
  clean(record: GoalRecord): GoalRecord;
  /** Someone else moved the record: reload it and merge it into the loop's record (may throw). */
  reconcile(): Promise<void>;
  warn(message: string): void;
  /** The record reached the ref with the checkpoint. */
  landed?(): void;
}

/** The record as it will be once this checkpoint is recorded. */
function withCheckpoint(record: GoalRecord, cp: Checkpoint): GoalRecord {
  if (record.checkpoints.some((c) => c.sha === cp.sha)) return record;
  const next = {
    ...record,
    iteration: Math.max(record.iteration, cp.iteration),
    checkpoints: [...record.checkpoints],
  };
  recordCheckpoint(next, cp);
  return next;
}

async function commitLocally(git: Git, json: string, message: string, parent?: string) {
  const blob = await git.text(['hash-object', '-w', '--stdin'], { input: json });
  const tree = await git.text(['mktree'], { input: `100644 blob ${blob}\t${RECORD_FILE}\n` });
  const parents = parent && (await hasCommit(git, parent)) ? ['-p', parent] : [];
  return git.text(['commit-tree', tree, ...parents, '-m', message]);
}

export function recordRider(o: RiderOptions): CheckpointRider {
  let off = false;
  return {
    ride: (git, checkpoint, push) =>
      o.store.exclusive(async () => {
        // Only where the ref is known to be kept: a ref GitHub refuses must not block checkpoints.
        if (off || o.store.where !== 'ref') return push([]);
        for (let attempt = 1; ; attempt++) {
          const live = o.current();
          if (!live) return push([]);
          const record = o.clean(withCheckpoint(live, checkpoint));
          const json = recordJson(record);
          const expected = o.store.refVersion;
          const sha = await commitLocally(
            git,
            json,
            `goal-action: record of #${o.store.issue} at checkpoint ${checkpoint.sha.slice(0, 12)}\n\nWrite-Id: ${randomUUID()}\n`,
            expected,
          );
          const along: RefUpdate[] = [{ ref: o.store.ref, sha, expected }];
          try {
            await push(along);
            o.store.landed(sha, json, record);
            o.landed?.();
            return;
          } catch (error) {
            if (error instanceof BranchDivergedError) throw error;
            const now = await o.store.currentRef().catch(() => expected);
            if (now === expected) {
              // Not our lease: the record's ref may be refused to pushes. Push the branch alone;
              // the record keeps going by the API.
              if (attempt > 1) throw error;
              off = true;
              o.warn(
                `The checkpoint push with the goal record's ref failed (${(error as Error).message.split('\n')[0]}); pushing checkpoints alone from now on.`,
              );
              return push([]);
            }
            if (attempt >= RIDE_ATTEMPTS) throw error;
            await o.reconcile();
          }
        }
      }),
  };
}
