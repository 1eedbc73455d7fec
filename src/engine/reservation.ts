// Spending that survives a SIGKILL. The ledger in memory counts every call as its usage arrives,
// but a killed run loses whatever it had not saved. So before the loop makes calls beyond what the
// stored record shows, the record it saves carries a conservative charge for them: `ledger.reserved`,
// the most the next few calls can cost. A run that dies leaves the reservation in the record and
// the next run charges it; a run that stops normally releases it. The gate (engine/gate.ts) never
// makes a call the durable record does not cover, so the resumed ledger is at least what the
// provider billed, whatever the moment of the kill.
import { logProgress } from './record.js';
import { costUsd, type ModelPrice } from './prices.js';
import type { GoalRecord, Ledger } from './types.js';

/** Calls one reservation covers: a new one is saved (and awaited) about every this many calls. */
export const RESERVED_CALLS = 4;

/** Coverage: the ledger totals up to which a saved record accounts for the spending. */
interface Level {
  tokens: number;
  usd: number;
}

/** Float slack for USD comparisons. */
const EPSILON_USD = 1e-9;

/** The most one call can cost: its request estimate (input) and its output cap, priced in full. */
export function callCost(inputTokens: number, maxOutputTokens: number, price: ModelPrice): Level {
  return {
    tokens: inputTokens + maxOutputTokens,
    usd: costUsd(
      { inputTokens, cachedInputTokens: 0, outputTokens: maxOutputTokens, reasoningTokens: 0 },
      price,
    ),
  };
}

/** Charges what a run that died left reserved; returns the tokens charged (0 when nothing was). */
export function chargeLeftover(record: GoalRecord): number {
  const reserved = record.ledger.reserved;
  delete record.ledger.reserved;
  if (!reserved || (reserved.tokens <= 0 && reserved.usd <= 0)) return 0;
  record.ledger.tokens += reserved.tokens;
  record.ledger.usd += reserved.usd;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Charged ${reserved.tokens} tokens ($${reserved.usd.toFixed(4)}) reserved by a run that ended without saving its spending: what its last model calls cost is not known, so the most they could cost counts`,
  });
  return reserved.tokens;
}

export class Reservation {
  /** Covered by a record known to have landed in the store. */
  private known: Level;
  /** The highest coverage any saved record carries: a later save never lowers it. */
  private written: Level;
  /** Coverage saved but not yet known to have landed. */
  private unconfirmed?: Level;
  /** The most one call has cost so far, the unit a reservation is sized in. */
  private perCall: Level = { tokens: 0, usd: 0 };

  constructor(
    private readonly record: GoalRecord,
    private readonly price: ModelPrice,
    private readonly opts: { maxOutputTokens: number },
  ) {
    // The record the run starts from is the stored one: it covers its own ledger and reservation.
    const l = record.ledger;
    this.known = {
      tokens: l.tokens + (l.reserved?.tokens ?? 0),
      usd: l.usd + (l.reserved?.usd ?? 0),
    };
    this.written = { ...this.known };
  }

  private get ledger(): Ledger {
    return this.record.ledger;
  }

  /** Notes the size of a call about to be made, so later reservations fit calls like it. */
  sizeFor(cost: Level): void {
    this.perCall = {
      tokens: Math.max(this.perCall.tokens, cost.tokens),
      usd: Math.max(this.perCall.usd, cost.usd),
    };
  }

  /** True when a record known to have landed covers the spending so far plus this much. */
  covers(tokens: number, usd: number): boolean {
    return this.within(this.known, tokens, usd);
  }

  /** True when a record handed to the store (landed or not yet) covers the spending plus this much. */
  handed(tokens: number, usd: number): boolean {
    return this.within(this.unconfirmed ?? this.known, tokens, usd);
  }

  private within(level: Level, tokens: number, usd: number): boolean {
    return (
      this.ledger.tokens + tokens <= level.tokens &&
      this.ledger.usd + usd <= level.usd + EPSILON_USD
    );
  }

  /**
   * Sets `ledger.reserved` for the record about to be saved: the next RESERVED_CALLS calls (at
   * least a call of `tokens`/`usd`), within the budget left, and never less than a record saved
   * before already covers. Returns the coverage the saved record will carry.
   */
  resize(tokens = 0, usd = 0): Level {
    const l = this.ledger;
    const { budget } = this.record;
    const ahead = (unit: number, min: number, left: number) =>
      Math.max(min, Math.min(unit * RESERVED_CALLS, Math.max(0, left)));
    const target: Level = {
      tokens: Math.max(
        this.written.tokens,
        l.tokens + ahead(this.perCall.tokens, tokens, budget.tokens - l.tokens),
      ),
      usd: Math.max(this.written.usd, l.usd + ahead(this.perCall.usd, usd, budget.usd - l.usd)),
    };
    this.written = target;
    l.reserved = {
      tokens: Math.max(0, Math.ceil(target.tokens - l.tokens)),
      usd: Math.max(0, target.usd - l.usd),
    };
    return target;
  }

  /**
   * Saves have landed: the one of this coverage (a store without saved() is durable once save()
   * returns), or, without a level, every one handed over so far (saved() resolved).
   */
  landed(level?: Level): void {
    const best = level ?? this.unconfirmed;
    if (best)
      this.known = {
        tokens: Math.max(this.known.tokens, best.tokens),
        usd: Math.max(this.known.usd, best.usd),
      };
    if (!level || (this.unconfirmed && this.unconfirmed.tokens <= best!.tokens))
      this.unconfirmed = undefined;
  }

  /** A save of this coverage was handed to a store that reports landing through saved(). */
  pending(level: Level): void {
    this.unconfirmed = level;
  }

  /** No more calls: the final record carries no reservation. */
  release(): void {
    delete this.ledger.reserved;
  }
}
