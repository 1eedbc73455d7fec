// The CLI keeps each goal's record as JSON inside the repository's git directory, where it is never
// committed and never visible to the agent's tools as a project file. One file per goal branch
// (`<git-dir>/goal-action/goals/<branch, URI-encoded>.json`), so "the goal on this branch" has
// exactly three answers: absent, found, or unreadable — and an unreadable record is never
// overwritten. Writes are atomic and durable (unique temp file, fsync, rename, fsync of the
// directory) and conditional: a save fails rather than replace a record another process changed.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { GoalStore } from '../engine/index.js';
import type { GoalRecord } from '../engine/index.js';
import { explainInvalid, parseRecord } from '../state/schema.js';
import { Inbox } from './inbox.js';

export type RecordLookup =
  | { kind: 'absent'; path: string }
  | { kind: 'found'; record: GoalRecord; path: string }
  | { kind: 'unreadable'; reason: string; path: string };

/** Another goal-action process wrote the record after this one read it: nothing was overwritten. */
export class RecordConflictError extends Error {
  constructor(readonly path: string) {
    super(
      `The goal record ${path} was changed by another goal-action process after this one read it; ` +
        'it was not overwritten. Run `goal-action status` to see the goal as it is now.',
    );
    this.name = 'RecordConflictError';
  }
}

export class FileStore implements GoalStore {
  /** The exact text this store last read or wrote per file: a save compares against it. */
  private readonly known = new Map<string, string>();
  /** Records found in the old one-file-per-id layout, moved to their branch's file on save. */
  private readonly legacy = new Map<string, string>();

  private readonly gitDir: string;

  /**
   * @param root the top of the working tree
   * @param gitDir its common git directory (`git rev-parse --git-common-dir`), shared by every
   *   worktree; found from `root` when not given
   */
  constructor(root: string, gitDir?: string) {
    this.gitDir = gitDir ?? commonGitDir(root);
  }

  get dir(): string {
    return join(this.gitDir, 'goal-action');
  }

  path(branch: string): string {
    return join(this.dir, 'goals', `${encodeURIComponent(branch)}.json`);
  }

  /** Commands posted for the goal on `branch` while its local run is alive (inbox.ts). */
  inbox(branch: string): Inbox {
    return new Inbox(join(this.dir, 'inbox', encodeURIComponent(branch)));
  }

  /** The record of the goal on `branch`. */
  lookup(branch: string): RecordLookup {
    const file = this.path(branch);
    if (existsSync(file)) return this.read(file);
    // Records written before the per-branch layout (`goal-action/<id>.json`) are still found.
    for (const old of this.legacyFiles()) {
      const found = this.read(old);
      if (found.kind === 'found' && found.record.branch === branch) {
        this.legacy.set(branch, old);
        return found;
      }
    }
    return { kind: 'absent', path: file };
  }

  /** Every record this repository keeps, readable or not, newest first where that is known. */
  list(): Exclude<RecordLookup, { kind: 'absent' }>[] {
    const goals = join(this.dir, 'goals');
    const files = existsSync(goals)
      ? readdirSync(goals)
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(goals, f))
      : [];
    const all = [...files, ...this.legacyFiles()].map((f) => this.read(f)) as Exclude<
      RecordLookup,
      { kind: 'absent' }
    >[];
    const seen = new Set<string>();
    return all
      .filter((r) => {
        if (r.kind !== 'found') return true;
        // A legacy copy of a branch that already has its own file is an old duplicate.
        if (seen.has(r.record.branch)) return false;
        seen.add(r.record.branch);
        return true;
      })
      .sort((a, b) => stamp(b).localeCompare(stamp(a)));
  }

  async save(record: GoalRecord): Promise<void> {
    const file = this.path(record.branch);
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current !== undefined && current !== this.known.get(file)) {
      // Written by someone else since we read it, or never read by this store and not provably
      // this goal's (unreadable, or another goal's): keep theirs.
      const seen = this.known.has(file);
      const stored = seen ? undefined : this.read(file);
      if (seen || stored?.kind !== 'found' || stored.record.id !== record.id)
        throw new RecordConflictError(file);
    }
    writeDurably(file, text);
    this.known.set(file, text);
    // Commands posted for this goal are done with once a saved record logs them.
    this.inbox(record.branch).settle(new Set((record.commands ?? []).map((c) => c.id)));
    const old = this.legacy.get(record.branch);
    if (old) {
      rmSync(old, { force: true });
      this.legacy.delete(record.branch);
    }
  }

  /**
   * Moves a finished goal's record aside (`goal-action/archive/`) so a new goal may use its branch
   * name; returns where it went. Nothing is deleted.
   */
  archive(branch: string): string {
    const file = this.path(branch);
    const source = existsSync(file) ? file : this.legacy.get(branch);
    if (!source) return '';
    const target = join(
      this.dir,
      'archive',
      `${encodeURIComponent(branch)}.${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    mkdirSync(join(this.dir, 'archive'), { recursive: true });
    renameSync(source, target);
    this.known.delete(source);
    this.legacy.delete(branch);
    return target;
  }

  private read(file: string): Exclude<RecordLookup, { kind: 'absent' }> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { kind: 'unreadable', reason: `it cannot be read (${errText(err)})`, path: file };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return { kind: 'unreadable', reason: `it is not valid JSON (${errText(err)})`, path: file };
    }
    const record = parseRecord(json);
    if (!record)
      return {
        kind: 'unreadable',
        reason: explainInvalid(json) ?? 'it is not a goal record',
        path: file,
      };
    this.known.set(file, text);
    return { kind: 'found', record, path: file };
  }

  private legacyFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => join(this.dir, e.name));
  }
}

/** `<root>/.git`, or for a linked worktree (where `.git` is a file) the main repository's. */
function commonGitDir(root: string): string {
  const dotGit = join(root, '.git');
  if (!existsSync(dotGit) || statSync(dotGit).isDirectory()) return dotGit;
  const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  if (!pointer) return dotGit;
  const own = resolve(root, pointer);
  const common = join(own, 'commondir');
  return existsSync(common) ? resolve(own, readFileSync(common, 'utf8').trim()) : own;
}

function stamp(r: Exclude<RecordLookup, { kind: 'absent' }>): string {
  return r.kind === 'found' ? r.record.updatedAt : '';
}

/** Temp file beside the target, flushed to disk, renamed over it, and the rename flushed too. */
function writeDurably(file: string, text: string): void {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
