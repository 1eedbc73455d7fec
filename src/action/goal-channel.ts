// Everything one goal writes to GitHub: the goal record (through its store, src/store: the ref
// refs/goal-action/<n>, or the status comment where a custom ref is refused), the status comment
// (a view rendered from the record), the draft PR, state labels, and a short new comment on each
// state transition. It implements the engine's GoalStore and Reporter ports. Writes are debounced
// and skipped when nothing changed, so a fast loop stays far below GitHub's secondary rate limits.
//
// While the engine runs (from its `started` event to its `stopped` event) nothing here is awaited
// by the loop: each write goes to a single background writer (WriteQueue) that keeps only the
// latest view of each target, and the debounce stretches when the goal spends its GitHub request
// budget too fast. Only `stopped` (the final state), `flush` and `saved` wait for the writes.
//
// Every record write is a compare-and-swap on the version last read or written. When someone else
// wrote first (the route job applied `/goal edit`), the stored record is reloaded and merged into
// the loop's own record by the state machine's `reconcile` (commands the loop has not applied are
// taken on; their effects wait in `takeEffects()` for the loop), then written again — bounded.
import {
  covers,
  type EngineEvent,
  type GoalRecord,
  type GoalState,
  type GoalStore,
  type SaveOptions,
  type Reporter,
  type SpendingCover,
} from '../engine/index.js';
import type { Effect } from '../domain/commands.js';
import { reconcile } from '../domain/transitions.js';
import type { RequestMeter } from '../github/client.js';
import type { GitHubRepo } from '../github/repo.js';
import { renderPrBody } from '../report/pr-body.js';
import { pullRequestTitle } from '../git/branch-name.js';
import { renderStatus } from '../report/status.js';
import { nextStepHint, reasonSentence, STATE_EMOJI } from '../report/format.js';
import { neutralizeInline } from '../untrusted/neutralize.js';
import type { Redactor } from './redact.js';
import type { ReportLinks } from '../report/markdown.js';
import { encodeRecord, fitRecord, STATUS_MARKER } from '../state/codec.js';
import { RecordStore } from '../store/record-store.js';
import { recordRider } from './record-rider.js';
import { storeLine } from '../store/messages.js';
import {
  UPDATE_ATTEMPTS,
  type Lookup,
  type StoreWhere,
  type UpdateResult,
} from '../store/types.js';
import type { CheckpointRider } from '../git/workspace.js';
import { PR_SHARE, RequestBudget, STATUS_SHARE } from './request-budget.js';
import { WriteQueue, type Timer, type Write } from './write-queue.js';

/** GitHub rejects comment bodies over 65,536 characters; keep a margin. */
const COMMENT_LIMIT = 64_000;
const RECORD_ROOM = 25_000;
/**
 * While the loop runs, the ref is written at most this often between checkpoints (each checkpoint
 * carries the record in its push, and a state change or saved() writes it at once); the status
 * view in between. A crash loses at most this much progress text: spending is covered by the
 * reservation the loop makes durable through saved(), checkpoints by their atomic push. Three
 * API writes per record write would otherwise triple a fast loop's GitHub writes.
 */
const REF_INTERVAL_MS = 120_000;
/** A durability write (saved()) also edits the view when the last edit is older than this. */
const FORCED_VIEW_MS = 5_000;

export class LockLostError extends Error {
  constructor(readonly by: string) {
    super(`Another workflow run (${by}) took over this goal; this run stops without writing more.`);
  }
}

/** The record changed under us `attempts` times in a row; this write is given up. */
export class RecordConflictError extends Error {
  constructor(attempts: number) {
    super(
      `The goal record kept changing while this run wrote it (${attempts} attempts); the write was given up and is retried with the next one.`,
    );
  }
}

export interface ChannelOptions {
  runId: string;
  links: Omit<ReportLinks, 'prUrl'>;
  /** Minimum time between edits of the same comment or PR body, unless the state changed. */
  debounceMs: number;
  now: () => number;
  /** The background writer's debounce timer, on the clock of `now`. Default: real time. */
  timer?: Timer;
  warn: (message: string) => void;
  /**
   * Applied to everything posted: secrets never reach a comment or the PR. A full Redactor
   * (action/redact.ts) also redacts inside the goal record before it is stored or encoded, and
   * leaves the encoded payload alone (redacting base64 text could corrupt it).
   */
  redact: ((text: string) => string) & Partial<Pick<Redactor, 'text' | 'value'>>;
  /** Counts GitHub requests, for the budget. Default: everything this process sends. */
  meter?: RequestMeter;
  /** GitHub requests per hour this goal may use. Default GOAL_REQUESTS_PER_HOUR (300). */
  requestsPerHour?: number;
  /** Longest wait for the final writes before exit. Default 120 s. */
  drainTimeoutMs?: number;
}

/** What a channel may start from: the status comment, and the version lookup found. */
export type ChannelStart = number | undefined | Lookup;

export function composeStatusBody(
  record: GoalRecord,
  links: ReportLinks,
  store?: { where: StoreWhere; refusal?: string },
): string {
  // The record (a trimmed copy where the ref keeps the whole) gets its room first, the view the rest.
  const encoded = encodeRecord(fitRecord(record, RECORD_ROOM));
  const line = store && record.number ? storeLine(store.where, record.number, store.refusal) : '';
  const status = renderStatus(record, links, {
    maxChars: COMMENT_LIMIT - encoded.length - STATUS_MARKER.length - 4,
    ...(line ? { storeLine: line } : {}),
  });
  return `${status}\n\n${STATUS_MARKER}\n${encoded}`;
}

export class GoalChannel implements GoalStore, Reporter {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastState?: GoalState;
  private pending?: GoalRecord;
  private lastPrBody = '';
  private lastPrWrite = Number.NEGATIVE_INFINITY;
  /** The state of the newest status view queued, to send state changes at once. */
  private queuedState?: GoalState;
  /** The engine is running: writes go to the background writer. */
  private background = false;
  private readonly queue: WriteQueue;
  readonly budget: RequestBudget;
  readonly store: RecordStore;
  /** The store's version is known (from lookup or a write); until then a write looks first. */
  private versionKnown: boolean;
  /** The newest record passed to save(), and how many saves there were / have reached the store. */
  private latest?: GoalRecord;
  private latestWrite?: Write;
  private saves = 0;
  private landedSaves = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];
  /** Effects of commands taken on from the stored record (reconcile), for the loop. */
  private effects: Effect[] = [];
  /** When the ref last moved, and in which state (see REF_INTERVAL_MS). */
  private lastRefWrite = Number.NEGATIVE_INFINITY;
  private lastViewWrite = Number.NEGATIVE_INFINITY;
  private lastRefState?: GoalState;
  private seenRefWrites = 0;
  /** saved() asked: the next write goes to the ref whatever the interval. */
  private forceRef = false;
  /** The loop's look at the stored record between its writes (see takeEffects). */
  private refreshing?: Promise<void>;
  private lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly gh: GitHubRepo,
    readonly issueNumber: number,
    start: ChannelStart,
    private readonly o: ChannelOptions,
  ) {
    this.queue = new WriteQueue({
      now: o.now,
      ...(o.timer ? { timer: o.timer } : {}),
      warn: o.warn,
      isFatal: (err) => err instanceof LockLostError,
    });
    this.budget = new RequestBudget(o.now, o.meter, o.requestsPerHour);
    const found = typeof start === 'object' ? start : undefined;
    const commentId = typeof start === 'number' ? start : found?.commentId;
    this.store = new RecordStore(
      gh,
      issueNumber,
      {
        clean: (r) => (o.redact.value ? o.redact.value(r) : r),
        render: (r, where, refusal) => {
          const body = composeStatusBody(r, this.links(r), { where, refusal });
          return o.redact.text ? o.redact.text(body) : o.redact(body);
        },
        warn: o.warn,
      },
      commentId,
    );
    // An unreadable start is not a version: the first write looks again and refuses to overwrite.
    this.versionKnown = found !== undefined && found.kind !== 'unreadable';
    if (found?.kind === 'found') {
      this.store.version = found.version;
      if (found.where === 'ref') this.store.where = 'ref';
    }
    if (found?.kind === 'unreadable' && found.where === 'ref') this.store.where = 'ref';
  }

  get commentId(): number | undefined {
    return this.store.commentId;
  }

  /** What the background writer did: sent, and replaced by a newer view before sending. */
  get writes(): { sent: number; coalesced: number; pending: number } {
    return { sent: this.queue.sent, coalesced: this.queue.coalesced, pending: this.queue.size };
  }

  /**
   * A write off the loop's path while the engine runs (in line otherwise). A later write with the
   * same key replaces this one if it has not been sent yet, so `write` must send the latest view.
   * For subclasses that publish more per event (checks on checkpoints).
   */
  protected async enqueue(key: string, write: Write, notBefore = 0): Promise<void> {
    if (!this.background) return write();
    this.queue.put(key, write, notBefore);
  }

  /** The goal on an issue, three ways: none, its record (and where it is kept), or unreadable. */
  static async lookup(gh: GitHubRepo, issueNumber: number): Promise<Lookup> {
    const store = new RecordStore(gh, issueNumber, { render: () => '', warn: () => undefined });
    return store.lookup();
  }

  /**
   * Finds the goal on an issue: the status comment and the record. An unreadable record reads as
   * null here; callers that may overwrite must use `lookup` and refuse on 'unreadable'.
   */
  static async find(
    gh: GitHubRepo,
    issueNumber: number,
  ): Promise<{ commentId?: number; record: GoalRecord | null; found: Lookup }> {
    const found = await GoalChannel.lookup(gh, issueNumber);
    return {
      ...(found.commentId !== undefined ? { commentId: found.commentId } : {}),
      record: found.kind === 'found' ? found.record : null,
      found,
    };
  }

  links(record: GoalRecord): ReportLinks {
    return { ...this.o.links, ...(record.pr ? { prUrl: record.pr.url } : {}) };
  }

  get statusUrl(): string | undefined {
    return this.commentId ? `#issuecomment-${this.commentId}` : undefined;
  }

  /** Which store keeps the record, once known. */
  get where(): StoreWhere | undefined {
    return this.store.where;
  }

  /**
   * Changes the STORED record: reads it, applies `mutate` to a copy, writes on top of what was
   * read, and re-applies on a conflict (bounded). The status view follows. An unreadable record is
   * left as it is ('unreadable'). For the route job; the loop uses save().
   */
  async update(
    mutate: (current: GoalRecord | null) => GoalRecord | null | Promise<GoalRecord | null>,
  ): Promise<UpdateResult> {
    const result = await this.store.update(mutate);
    this.versionKnown = true;
    if (result.kind === 'written') {
      this.lastState = result.record.state;
      this.lastWrite = this.o.now();
    }
    return result;
  }

  /** The atomic push of the record with each checkpoint (for the workspace: store/rider.ts). */
  checkpointRider(): CheckpointRider {
    return recordRider({
      store: this.store,
      current: () => this.latest,
      // The pushed record is the live one: every save so far is in it.
      landed: () => this.landed(this.saves),
      clean: (r) => (this.o.redact.value ? this.o.redact.value(r) : r),
      reconcile: async () => {
        if (this.latest) await this.reconcileWithStored(this.latest);
      },
      warn: this.o.warn,
    });
  }

  /**
   * Effects of commands the loop took on from the stored record; each is returned once. Called at
   * every control poll, it also starts (paced, off the loop's path) a look at the ref: when someone
   * else moved it (the route job applied `/goal edit` or `/goal budget`), the stored record is
   * merged into the loop's own at once, not at the loop's next write — its effects come with the
   * next poll.
   */
  takeEffects(): Effect[] {
    this.refreshSoon();
    return this.effects.splice(0);
  }

  /** Merges the stored record into the loop's when the ref moved since this channel read or wrote it. */
  async refresh(): Promise<void> {
    const mine = this.latest;
    if (!mine || this.store.where !== 'ref') return;
    const sha = await this.store.currentRef();
    if (!sha || sha === this.store.version) return;
    await this.store.exclusive(async () => {
      if ((await this.store.currentRef()) === this.store.version) return;
      await this.reconcileWithStored(mine);
    });
  }

  private refreshSoon(): void {
    if (!this.background || this.refreshing) return;
    const now = this.o.now();
    // Three status debounces (30 s in the Action), stretched by the request budget: one GET.
    if (now - this.lastRefresh < this.budget.writeInterval(3 * this.o.debounceMs, STATUS_SHARE))
      return;
    this.lastRefresh = now;
    this.refreshing = this.refresh()
      .catch((err: unknown) => {
        if (err instanceof LockLostError) this.effects.push({ kind: 'abandon-loop', by: err.by });
        else this.o.warn(`Could not read the stored goal record: ${(err as Error).message}`);
      })
      .finally(() => (this.refreshing = undefined));
  }

  // ---------------------------------------------------------------- GoalStore

  async save(record: GoalRecord, options: SaveOptions = {}): Promise<void> {
    this.latest = record;
    const generation = ++this.saves;
    if (this.background) {
      this.queue.check();
      // A reservation the gate counts on goes to the ref, at once: written as a view only, it
      // would have to be forced (and waited for) when the gate next needs it.
      if (options.durable) this.forceRef = true;
      // A state change goes out at once; anything else waits out the (budget-stretched) debounce.
      const changed = record.state !== this.queuedState;
      this.queuedState = record.state;
      const due =
        changed || options.durable
          ? 0
          : this.lastWrite + this.budget.writeInterval(this.o.debounceMs, STATUS_SHARE);
      // A view-only write (the status comment alone) has not made the record durable.
      this.latestWrite = () =>
        this.write(record).then(
          (durable) => (durable ? this.landed(generation) : undefined),
          (err: unknown) => {
            this.landed(generation); // failed and reported (the writer warns): not waited for
            throw err;
          },
        );
      this.queue.put('status', this.latestWrite, due);
      return;
    }
    const stateChanged = record.state !== this.lastState;
    if (!stateChanged && this.o.now() - this.lastWrite < this.o.debounceMs) {
      this.pending = record;
      return;
    }
    try {
      await this.write(record);
    } finally {
      this.landed(generation);
    }
  }

  /**
   * Resolves when every record passed to save() before this call has reached the store (or its
   * write failed and was reported): a debounced or view-only write is sent to the store now.
   * Bounded by the drain timeout. When the record last stored in the ref (a checkpoint's push
   * carries the live record) already accounts for every model call made, that is said at once
   * and nothing is written: the loop's durability waits would otherwise cost three GitHub
   * requests every few calls.
   */
  async saved(): Promise<SpendingCover | void> {
    const upTo = this.saves;
    if (this.landedSaves >= upTo) return;
    const stored = this.store.cover;
    if (this.background && stored && this.latest && covers(stored, this.latest.ledger))
      return stored;
    if (!this.background) {
      if (this.pending) await this.write(this.pending).catch((e: Error) => this.o.warn(e.message));
      this.landed(upTo);
      return;
    }
    this.forceRef = true;
    // Queued again even when it ran: it may have written the view only.
    if (this.latestWrite) this.queue.put('status', this.latestWrite, 0);
    const limit = this.o.drainTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push({ upTo, resolve })),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.o.warn(`The goal record was not saved within ${Math.round(limit / 1000)} s.`);
          resolve();
        }, limit);
        timer.unref?.();
      }),
    ]);
    clearTimeout(timer);
  }

  private landed(generation: number): void {
    this.landedSaves = Math.max(this.landedSaves, generation);
    const ready = this.waiters.filter((w) => w.upTo <= this.landedSaves);
    this.waiters = this.waiters.filter((w) => w.upTo > this.landedSaves);
    for (const w of ready) w.resolve();
  }

  /** Writes whatever a debounce held back, and everything the background writer still holds. */
  async flush(): Promise<void> {
    await this.refreshing;
    await this.queue.drain(this.o.drainTimeoutMs);
    if (this.pending) await this.write(this.pending);
    this.landed(this.saves);
  }

  /**
   * The record to its store (compare-and-swap; on conflict: reload, reconcile, again), then the
   * view. False when only the view was written (the ref's interval, see REF_INTERVAL_MS).
   */
  private async write(record: GoalRecord): Promise<boolean> {
    this.pending = undefined;
    if (!this.versionKnown) {
      const found = await this.store.lookup();
      // Still unknown after an unreadable read: every later write looks again, and refuses again.
      if (found.kind === 'unreadable')
        throw new Error(
          `The stored goal record cannot be read (${found.reason}); it is not overwritten.`,
        );
      this.versionKnown = true;
    }
    if (this.store.refWrites !== this.seenRefWrites) {
      // A checkpoint push carried the record meanwhile.
      this.seenRefWrites = this.store.refWrites;
      this.lastRefWrite = this.o.now();
    }
    const viewOnly =
      this.background &&
      !this.forceRef &&
      record.state === this.lastRefState &&
      this.o.now() - this.lastRefWrite < this.budget.writeInterval(REF_INTERVAL_MS, STATUS_SHARE);
    const forced = this.forceRef;
    this.forceRef = false;
    // A write forced for durability (saved()) is the record alone when the view is recent (the
    // gate may ask every few model calls); the view follows with a later write.
    const noView =
      forced &&
      this.background &&
      record.state === this.lastState &&
      this.o.now() - this.lastViewWrite <
        this.budget.writeInterval(Math.max(this.o.debounceMs, FORCED_VIEW_MS), STATUS_SHARE);
    for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
      // The store writes a snapshot and says its state: the engine goes on changing the live
      // record while the write is on its way, and a state it reaches meanwhile must not pass for
      // stored (its own write would then be taken for a view-only one).
      const put = await this.store.put(record, { viewOnly, noView });
      if (put.kind === 'written') {
        this.lastState = put.state;
        this.lastWrite = this.o.now();
        if (!noView) this.lastViewWrite = this.o.now();
        if (!viewOnly || this.store.refWrites !== this.seenRefWrites) {
          this.seenRefWrites = this.store.refWrites;
          this.lastRefWrite = this.o.now();
          this.lastRefState = put.state;
        }
        return !viewOnly;
      }
      // Reconciled into the live record (the engine holds it), then sent again as it is now.
      await this.reconcileWithStored(record);
    }
    if (forced) this.forceRef = true;
    throw new RecordConflictError(UPDATE_ATTEMPTS);
  }

  /**
   * Someone else wrote the record: take on what they applied (the state machine's reconcile),
   * into `mine` in place — the engine holds that object. A goal now held by another run (or
   * replaced by a new goal) is not written again: LockLostError.
   */
  private async reconcileWithStored(mine: GoalRecord): Promise<void> {
    const found = await this.store.lookup();
    if (found.kind === 'unreadable')
      throw new Error(
        `The stored goal record cannot be read (${found.reason}); it is not overwritten.`,
      );
    if (found.kind === 'absent') return; // deleted: the next write creates it again
    const t = reconcile(mine, found.record, {
      now: new Date(this.o.now()).toISOString(),
      runId: this.o.runId,
    });
    const abandon = t.effects.find((e) => e.kind === 'abandon-loop');
    if (abandon) throw new LockLostError(abandon.by);
    if (t.record && t.record !== mine) replaceInPlace(mine, t.record);
    this.effects.push(...t.effects);
  }

  // ---------------------------------------------------------------- Reporter

  async onEvent(event: EngineEvent): Promise<void> {
    try {
      await this.react(event);
    } catch (err) {
      if (err instanceof LockLostError) throw err;
      this.o.warn(`Could not update GitHub after "${event.type}": ${(err as Error).message}`);
    }
  }

  private async react(event: EngineEvent): Promise<void> {
    const { record } = event;
    switch (event.type) {
      case 'started':
        // From here to `stopped` the loop never waits on GitHub.
        this.background = true;
        this.queuedState = this.lastState;
        await this.enqueue('label', () => this.gh.setStateLabel(this.issueNumber, 'pursuing'));
        return;
      case 'checkpoint':
        // After the push (the checkpoint event follows it): the PR can point at the branch.
        if (!record.pr) await this.enqueue('pr', () => this.syncPr(record, true));
        return;
      case 'iteration-end':
        if (record.pr)
          await this.enqueue(
            'pr',
            () => this.syncPr(record, false),
            this.lastPrWrite + this.budget.writeInterval(this.o.debounceMs, PR_SHARE),
          );
        return;
      case 'stopped':
        // The final state, in order, and awaited: status, PR, label, then the notifying comment.
        if (record.pr || this.queue.has('pr'))
          await this.enqueue('pr', () => this.syncPr(record, true));
        await this.enqueue('label', () => this.gh.setStateLabel(this.issueNumber, record.state));
        await this.enqueue('transition', () =>
          this.gh
            .comment(this.issueNumber, this.o.redact(transitionComment(record, this.statusUrl)))
            .then(() => undefined),
        );
        await this.flush();
        this.background = false;
        return;
      default:
        return;
    }
  }

  /** The PR as the record has it now: opened at the first checkpoint, its body kept current. */
  private async syncPr(record: GoalRecord, force: boolean): Promise<void> {
    if (!record.pr) {
      if (record.checkpoints.length) await this.openPr(record);
      return;
    }
    await this.updatePr(record, force);
  }

  private async openPr(record: GoalRecord): Promise<void> {
    const body = this.o.redact(renderPrBody(record, this.links(record)));
    const pr = await this.gh.openOrUpdateDraftPr({
      head: record.branch,
      base: record.baseRef,
      title: pullRequestTitle(record.title),
      body,
      issueNumber: this.issueNumber,
    });
    record.pr = { number: pr.number, url: pr.url };
    this.lastPrBody = body;
    this.lastPrWrite = this.o.now();
  }

  private async updatePr(record: GoalRecord, force: boolean): Promise<void> {
    if (!record.pr) return;
    if (!force && this.o.now() - this.lastPrWrite < this.o.debounceMs) return;
    const body = this.o.redact(renderPrBody(record, this.links(record)));
    if (body === this.lastPrBody) return;
    await this.gh.updatePrBody(record.pr.number, body);
    this.lastPrBody = body;
    this.lastPrWrite = this.o.now();
  }
}

/** The short comment posted on a state transition, so people are notified when it matters. */
export function transitionComment(record: GoalRecord, statusUrl?: string): string {
  const links = [
    statusUrl ? `[status](${statusUrl})` : '',
    record.pr ? `[draft PR](${record.pr.url})` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return [
    // The reason can be the model's words (a blocked reason): posted as inert text.
    `${STATE_EMOJI[record.state]} **Goal ${record.state}** — ${neutralizeInline(reasonSentence(record))}`,
    nextStepHint(record),
    links,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Makes `target` hold exactly `source`'s fields (the engine keeps its reference to `target`). */
function replaceInPlace(target: GoalRecord, source: GoalRecord): void {
  const t = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(t)) if (!(key in source)) delete t[key];
  Object.assign(target, source);
}
