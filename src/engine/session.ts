// One run of the loop, as every part of the engine sees it: the record, the ports, the options and
// the plumbing they all share (the clock, events, saving). The parts (model gate, context keeper,
// evidence step, agent turn, review) each take the session instead of reaching into the loop.
import type { EngineDeps, ResolvedOptions } from './options.js';
import type { EngineEvent } from './ports.js';
import { priceFor, type ModelPrice } from './prices.js';
import { Reservation } from './reservation.js';
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
    this.reservation = new Reservation(record, this.price, opts);
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
   * Makes sure the stored record covers a call that may cost up to `tokens` (and `usd`): when the
   * reservation would run out, saves a fresh one and waits until it has landed. At normal speeds
   * the wait finds the write already done.
   */
  async cover(tokens: number, usd: number): Promise<void> {
    if (this.reservation.covers(tokens, usd)) return;
    const covers = this.reservation.resize(tokens, usd);
    this.record.updatedAt = this.iso();
    await this.deps.store.save(this.record);
    await this.deps.store.saved?.();
    this.reservation.landed(covers);
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
