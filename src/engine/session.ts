// One run of the loop, as every part of the engine sees it: the record, the ports, the options and
// the plumbing they all share (the clock, events, saving). The parts (model gate, context keeper,
// evidence step, agent turn, review) each take the session instead of reaching into the loop.
import type { EngineDeps, ResolvedOptions } from './options.js';
import type { EngineEvent } from './ports.js';
import { priceFor, type ModelPrice } from './prices.js';
import { Reservation, type Level } from './reservation.js';
import type { GoalRecord } from './types.js';

export class RunSession {
  readonly price: ModelPrice;
  /** The spending the saved record already covers (engine/reservation.ts). */
  readonly reservation: Reservation;
  private lastTick: number;

  constructor(
    readonly record: GoalRecord,
    readonly deps: EngineDeps,
    readonly opts: ResolvedOptions,
  ) {
    this.price = priceFor(opts.model, opts.prices).price;
    this.lastTick = deps.clock.now();
    this.reservation = new Reservation(record, this.price, () => deps.clock.now());
  }

  /** Adds the time since the last tick to the ledger. */
  tick(): void {
    const now = this.deps.clock.now();
    this.record.ledger.elapsedSec += Math.max(0, now - this.lastTick) / 1000;
    this.lastTick = now;
  }

  iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  /** Saves the record, with a reservation re-sized for the calls that may follow it. */
  async save(): Promise<void> {
    const r = this.record;
    r.updatedAt = this.iso();
    if (r.lock) r.lock.heartbeatAt = r.updatedAt;
    const covers = this.reservation.resize();
    await this.deps.store.save(r);
    // A store that cannot say when a write landed is durable once save() returns.
    if (!this.deps.store.saved) this.reservation.landed(covers);
    else this.reservation.pending(covers);
  }

  /**
   * Makes sure a call expected to cost `next` is covered before it is made: the calls already
   * made by a record known to have landed, this one by a record at least handed to the store.
   * So a kill loses at most the call in flight, and the loop waits on the store (saved()) only
   * when the landed record's reservation is used up; at normal speeds that write landed long ago
   * and the wait is nothing.
   */
  async cover(next: Level): Promise<void> {
    const { reservation, deps } = this;
    if (!reservation.handed(next)) {
      const covers = reservation.resize(next);
      this.record.updatedAt = this.iso();
      await deps.store.save(this.record, { durable: true });
      if (deps.store.saved) reservation.pending(covers);
      else reservation.landed(covers);
    }
    if (reservation.coversMade()) return;
    const stored = await deps.store.saved?.();
    reservation.landed(stored ?? undefined);
  }

  async emit(event: EngineEvent): Promise<void> {
    try {
      await this.deps.reporter.onEvent(event);
    } catch {
      // Reporting must never break the loop; reporters log their own failures.
    }
  }

  async note(text: string): Promise<void> {
    await this.emit({ type: 'note', record: this.record, text });
  }
}
