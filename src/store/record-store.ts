// The goal record's store on GitHub. The truth is the ref refs/goal-action/<issue>: a commit whose
// tree holds record.json, the full record. A write builds a commit on the commit it read and moves
// the ref only as a fast-forward, so two writers never overwrite each other: the second one is told
// "conflict" and re-applies its change to what the first wrote (update). The status comment is a
// view rendered from the record, re-created when someone deletes it. Where GitHub refuses a custom
// ref (403, or 422 for the name), the comment is the store, as before refs existed: then a write
// re-reads the comment first and refuses when the record in it changed since it was read.
//
// One store per goal per process; its writes run one at a time (exclusive), the checkpoint's
// atomic push included (see rider.ts), so the version it knows is the one it last wrote.
import { createHash, randomUUID } from 'node:crypto';
import { coverOf, type GoalRecord, type SpendingCover } from '../engine/index.js';
import {
  readCommentRecord,
  readRecordJson,
  recordJson,
  recordPayload,
  STATUS_MARKER,
  type Decoded,
} from '../state/codec.js';
import {
  isNotFound,
  isRefRefusal,
  UPDATE_ATTEMPTS,
  type RecordHost,
  type Lookup,
  type PutResult,
  type SentResult,
  type StoreWhere,
  type UpdateResult,
} from './types.js';

export const RECORD_FILE = 'record.json';

export function recordRef(issue: number): string {
  return `refs/goal-action/${issue}`;
}

export interface RecordStoreOptions {
  /** The status comment's body for a record (the view; in comment mode also the store). */
  render(record: GoalRecord, where: StoreWhere, refusal?: string): string;
  /**
   * Applied to every record before it is stored or rendered: secrets never enter record.json
   * (the Redactor's `value`). The stored record is the cleaned one.
   */
  clean?(record: GoalRecord): GoalRecord;
  warn(message: string): void;
}

/** A comment-store version: the hash of the encoded record's payload in the comment. */
function commentVersion(body: string): string {
  const payload = recordPayload(body);
  return `comment:${createHash('sha256').update(payload).digest('hex').slice(0, 40)}`;
}

const isRefVersion = (v: string | undefined): v is string => !!v && /^[0-9a-f]{40}$/.test(v);

export class RecordStore {
  readonly ref: string;
  /** Which store is in use: known once a ref was read or written, or refused. */
  where?: StoreWhere;
  /** Why the comment is the store (GitHub's answer to the ref), once refused. */
  refusal?: string;
  /** The version the next write must find: a ref's commit, or a comment's record hash. */
  version?: string;
  commentId?: number;
  /** How many times the ref moved by this store (API writes and checkpoint pushes). */
  refWrites = 0;
  /** What the record last written to the ref accounts for (its ledger and reservation). */
  cover?: SpendingCover;
  private lastBody = '';
  private lastJson = '';
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly gh: RecordHost,
    readonly issue: number,
    private readonly o: RecordStoreOptions,
    commentId?: number,
  ) {
    this.ref = recordRef(issue);
    this.commentId = commentId;
  }

  /** Runs `fn` when no other write of this store runs (writes are serialised per goal). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The record as stored now: the ref first, then the status comment (a goal from before refs). */
  async lookup(): Promise<Lookup> {
    const [sha, comment] = await Promise.all([
      this.gh.refSha(this.ref),
      this.gh.findComment(this.issue, STATUS_MARKER),
    ]);
    if (comment) this.commentId = comment.id;
    const commentId = comment ? { commentId: comment.id } : {};
    if (sha) {
      const bytes = await this.gh.fileAt(sha, RECORD_FILE);
      const decoded: Decoded = bytes
        ? readRecordJson(bytes)
        : { kind: 'unreadable', reason: `the commit ${sha.slice(0, 12)} holds no ${RECORD_FILE}` };
      this.where = 'ref';
      if (decoded.kind !== 'found')
        return { kind: 'unreadable', reason: reasonOf(decoded), where: 'ref', ...commentId };
      this.version = sha;
      return { kind: 'found', record: decoded.record, version: sha, where: 'ref', ...commentId };
    }
    if (!comment) {
      this.version = undefined;
      return { kind: 'absent' };
    }
    const decoded = readCommentRecord(comment.body);
    if (decoded.kind === 'found') {
      this.version = commentVersion(comment.body);
      return {
        kind: 'found',
        record: decoded.record,
        version: this.version,
        where: 'comment',
        ...commentId,
      };
    }
    return { kind: 'unreadable', reason: reasonOf(decoded), where: 'comment', ...commentId };
  }

  /**
   * Writes `record` on top of the version last read or written; 'conflict' when it moved.
   * `viewOnly` (with the ref store): only the status comment is rendered; the ref keeps what it has.
   */
  put(
    record: GoalRecord,
    opts: { viewOnly?: boolean; noView?: boolean } = {},
  ): Promise<SentResult> {
    return this.exclusive(async () => {
      // What is written: the record as it is once this write has the store to itself (a look at
      // the stored record may have merged someone's command into it meanwhile). The writer goes on
      // changing it while the write is on its way; the state returned is the one written.
      const sent = structuredClone(record);
      if (opts.viewOnly && this.where === 'ref' && this.refVersion) {
        await this.writeView(this.o.clean ? this.o.clean(sent) : sent, 'ref');
        return { kind: 'written', version: this.refVersion, where: 'ref', state: sent.state };
      }
      const put = await this.putNow(sent, opts.noView === true);
      return put.kind === 'written' ? { ...put, state: sent.state } : put;
    });
  }

  /**
   * Reads the stored record, applies `mutate` to a copy, and writes the result on top of what was
   * read; when someone wrote in between, reads and applies again (at most `attempts` times). An
   * unreadable record is never overwritten. `mutate` may run more than once: keep it pure.
   */
  update(
    mutate: (current: GoalRecord | null) => GoalRecord | null | Promise<GoalRecord | null>,
    attempts = UPDATE_ATTEMPTS,
  ): Promise<UpdateResult> {
    return this.exclusive(async () => {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const found = await this.lookup();
        if (found.kind === 'unreadable')
          return { kind: 'unreadable', reason: found.reason, where: found.where };
        const current = found.kind === 'found' ? found.record : null;
        const next = await mutate(current ? structuredClone(current) : null);
        if (!next) return { kind: 'unchanged', record: current };
        const put = await this.putNow(next);
        if (put.kind === 'written') return { ...put, record: next };
      }
      return { kind: 'conflict', attempts };
    });
  }

  /** The ref's commit now, for the checkpoint's lease (rider.ts). */
  get refVersion(): string | undefined {
    return isRefVersion(this.version) ? this.version : undefined;
  }

  /** The ref's commit on GitHub now (undefined when there is none). */
  async currentRef(): Promise<string | undefined> {
    return (await this.gh.refSha(this.ref)) ?? undefined;
  }

  /** The record reached the ref some other way (the checkpoint's atomic push). */
  landed(sha: string, json: string, record: GoalRecord): void {
    this.cover = coverOf(record);
    this.refWrites += 1;
    this.version = sha;
    this.where = 'ref';
    this.lastJson = json;
  }

  /** Writes the status comment for `record` (the view), re-creating it when it was deleted. */
  async writeView(record: GoalRecord, where: StoreWhere): Promise<void> {
    const body = this.o.render(record, where, this.refusal);
    if (body === this.lastBody && this.commentId !== undefined) return;
    if (this.commentId !== undefined) {
      try {
        await this.gh.updateComment(this.commentId, body);
        this.lastBody = body;
        return;
      } catch (err) {
        // Deleted by someone: with the ref store nothing is lost, the view comes back.
        if (!isNotFound(err)) throw err;
        this.commentId = undefined;
      }
    }
    this.commentId = (await this.gh.comment(this.issue, body)).id;
    this.lastBody = body;
  }

  /** `noView` (ref store only): the record alone; the view follows with a later write. */
  private async putNow(raw: GoalRecord, noView = false): Promise<PutResult> {
    const record = this.o.clean ? this.o.clean(raw) : raw;
    if (this.where !== 'comment') {
      try {
        const written = await this.putRef(record);
        if (written.kind === 'conflict' || noView) return written;
        await this.writeView(record, 'ref').catch((err: Error) =>
          this.o.warn(
            `The goal record is saved, but the status comment could not be updated: ${err.message}`,
          ),
        );
        return written;
      } catch (err) {
        if (!isRefRefusal(err)) throw err;
        this.where = 'comment';
        this.refusal = err.message;
        this.o.warn(
          `${err.message}: the goal record is kept in the status comment instead (give the workflow \`permissions: contents: write\` to keep it in ${this.ref}).`,
        );
      }
    }
    return this.putComment(record);
  }

  private async putRef(record: GoalRecord): Promise<PutResult> {
    const json = recordJson(record);
    const parent = this.refVersion;
    if (json === this.lastJson && parent) return { kind: 'written', version: parent, where: 'ref' };
    // A write id makes every commit unique: two writers that computed the same record from the same
    // read would otherwise make the same commit, and the second "update" would be a no-op success.
    const message = `goal-action: record of #${this.issue} (${record.state}, iteration ${record.iteration})\n\nWrite-Id: ${randomUUID()}\n`;
    const sha = await this.gh.commitFile(
      { path: RECORD_FILE, text: json },
      message,
      parent ? [parent] : [],
    );
    const moved = parent
      ? await this.gh.updateRef(this.ref, sha)
      : await this.gh.createRef(this.ref, sha);
    if (moved === 'conflict') return { kind: 'conflict' };
    this.landed(sha, json, record);
    return { kind: 'written', version: sha, where: 'ref' };
  }

  private async putComment(record: GoalRecord): Promise<PutResult> {
    // No compare-and-swap on comments: re-read, and refuse when the record in it moved.
    if (this.commentId !== undefined && this.version && !isRefVersion(this.version)) {
      const now = await this.gh.getComment(this.commentId).catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (now === null) this.commentId = undefined;
      else if (commentVersion(now.body) !== this.version) return { kind: 'conflict' };
    }
    await this.writeView(record, 'comment');
    this.version = commentVersion(this.lastBody);
    return { kind: 'written', version: this.version, where: 'comment' };
  }
}

function reasonOf(d: Decoded): string {
  return d.kind === 'unreadable' ? d.reason : 'the goal record is missing';
}
