// Everything one goal writes to GitHub: the status comment (which also stores the goal record),
// the draft PR, state labels, and a short new comment on each state transition. It implements the
// engine's GoalStore and Reporter ports. Writes are debounced and skipped when nothing changed, so
// a fast loop stays far below GitHub's secondary rate limits.
//
// While the engine runs (from its `started` event to its `stopped` event) nothing here is awaited
// by the loop: each write goes to a single background writer (WriteQueue) that keeps only the
// latest view of each target, and the debounce stretches when the goal spends its GitHub request
// budget too fast. Only `stopped` (the final state) and `flush` wait for the writes to land.
import type { EngineEvent, GoalStore, Reporter } from '../engine/ports.js';
import type { GoalRecord, GoalState } from '../engine/types.js';
import type { RequestMeter } from '../github/client.js';
import type { GitHubRepo } from '../github/repo.js';
import { renderPrBody } from '../report/pr-body.js';
import { pullRequestTitle } from '../git/branch-name.js';
import { renderStatus } from '../report/status.js';
import { nextStepHint, reasonSentence, STATE_EMOJI } from '../report/format.js';
import { neutralizeInline } from '../untrusted/neutralize.js';
import type { Redactor } from './redact.js';
import type { ReportLinks } from '../report/markdown.js';
import { decodeRecord, encodeRecord, fitRecord, STATUS_MARKER } from '../state/codec.js';
import { PR_SHARE, RequestBudget, STATUS_SHARE } from './request-budget.js';
import { WriteQueue, type Write } from './write-queue.js';

/** GitHub rejects comment bodies over 65,536 characters; keep a margin. */
const COMMENT_LIMIT = 64_000;
const RECORD_ROOM = 25_000;
/** A run taking the goal over is noticed within this long (one read per check). */
const LOCK_CHECK_MS = 120_000;

export class LockLostError extends Error {
  constructor(other: string) {
    super(
      `Another workflow run (${other}) took over this goal; this run stops without writing more.`,
    );
  }
}

export interface ChannelOptions {
  runId: string;
  links: Omit<ReportLinks, 'prUrl'>;
  /** Minimum time between edits of the same comment or PR body, unless the state changed. */
  debounceMs: number;
  now: () => number;
  warn: (message: string) => void;
  /**
   * Applied to everything posted: secrets never reach a comment or the PR. A full Redactor
   * (action/redact.ts) also redacts inside the goal record before it is encoded and leaves the
   * encoded payload alone (redacting base64 text could corrupt it).
   */
  redact: ((text: string) => string) & Partial<Pick<Redactor, 'text' | 'value'>>;
  /** Counts GitHub requests, for the budget. Default: everything this process sends. */
  meter?: RequestMeter;
  /** GitHub requests per hour this goal may use. Default GOAL_REQUESTS_PER_HOUR (300). */
  requestsPerHour?: number;
  /** Longest wait for the final writes before exit. Default 120 s. */
  drainTimeoutMs?: number;
}

export function composeStatusBody(record: GoalRecord, links: ReportLinks): string {
  // The record is what the next run continues from: it gets its room first, the view the rest.
  const encoded = encodeRecord(fitRecord(record, RECORD_ROOM));
  const status = renderStatus(record, links, {
    maxChars: COMMENT_LIMIT - encoded.length - STATUS_MARKER.length - 4,
  });
  return `${status}\n\n${STATUS_MARKER}\n${encoded}`;
}

export class GoalChannel implements GoalStore, Reporter {
  private lastBody = '';
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastState?: GoalState;
  private pending?: GoalRecord;
  private lastPrBody = '';
  private lastPrWrite = Number.NEGATIVE_INFINITY;
  private lastLockCheck = Number.NEGATIVE_INFINITY;
  /** The state of the newest status view queued, to send state changes at once. */
  private queuedState?: GoalState;
  /** The engine is running: writes go to the background writer. */
  private background = false;
  private readonly queue: WriteQueue;
  readonly budget: RequestBudget;

  constructor(
    private readonly gh: GitHubRepo,
    readonly issueNumber: number,
    public commentId: number | undefined,
    private readonly o: ChannelOptions,
  ) {
    this.queue = new WriteQueue({
      now: o.now,
      warn: o.warn,
      isFatal: (err) => err instanceof LockLostError,
    });
    this.budget = new RequestBudget(o.now, o.meter, o.requestsPerHour);
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

  /** Finds the goal on an issue: the bot's status comment and the record inside it. */
  static async find(
    gh: GitHubRepo,
    issueNumber: number,
  ): Promise<{ commentId?: number; record: GoalRecord | null }> {
    const found = await gh.findComment(issueNumber, STATUS_MARKER);
    if (!found) return { record: null };
    return { commentId: found.id, record: decodeRecord(found.body) };
  }

  links(record: GoalRecord): ReportLinks {
    return { ...this.o.links, ...(record.pr ? { prUrl: record.pr.url } : {}) };
  }

  get statusUrl(): string | undefined {
    return this.commentId ? `#issuecomment-${this.commentId}` : undefined;
  }

  // ---------------------------------------------------------------- GoalStore

  async save(record: GoalRecord): Promise<void> {
    if (this.background) {
      this.queue.check();
      // A state change goes out at once; anything else waits out the (budget-stretched) debounce.
      const changed = record.state !== this.queuedState;
      this.queuedState = record.state;
      const due = changed
        ? 0
        : this.lastWrite + this.budget.writeInterval(this.o.debounceMs, STATUS_SHARE);
      this.queue.put('status', () => this.write(record), due);
      return;
    }
    const stateChanged = record.state !== this.lastState;
    if (!stateChanged && this.o.now() - this.lastWrite < this.o.debounceMs) {
      this.pending = record;
      return;
    }
    await this.write(record);
  }

  /** Writes whatever a debounce held back, and everything the background writer still holds. */
  async flush(): Promise<void> {
    await this.queue.drain(this.o.drainTimeoutMs);
    if (this.pending) await this.write(this.pending);
  }

  private async write(record: GoalRecord): Promise<void> {
    this.pending = undefined;
    const redact = this.o.redact;
    const composed = composeStatusBody(
      redact.value ? redact.value(record) : record,
      this.links(record),
    );
    const body = redact.text ? redact.text(composed) : redact(composed);
    if (body === this.lastBody) return;
    if (this.commentId === undefined) {
      this.commentId = (await this.gh.comment(this.issueNumber, body)).id;
    } else {
      const stateChanged = record.state !== this.lastState;
      if (
        record.lock?.runId === this.o.runId &&
        (stateChanged || this.o.now() - this.lastLockCheck >= LOCK_CHECK_MS)
      )
        await this.assertLockHeld();
      await this.gh.updateComment(this.commentId, body);
    }
    this.lastBody = body;
    this.lastState = record.state;
    this.lastWrite = this.o.now();
  }

  /** Two runs must never drive one goal: re-read the stored lock before overwriting it. */
  private async assertLockHeld(): Promise<void> {
    this.lastLockCheck = this.o.now();
    const stored = decodeRecord((await this.gh.getComment(this.commentId!)).body);
    const holder = stored?.lock?.runId;
    if (holder && holder !== this.o.runId) throw new LockLostError(holder);
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
