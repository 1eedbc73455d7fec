// Spending that survives a SIGKILL. The ledger in memory counts every call as its usage arrives,
// but a killed run loses whatever it had not saved. So the records the loop saves carry a charge
// for the calls that may follow them: `ledger.reserved`, sized from what this goal's calls have
// actually cost. A run that dies leaves the reservation in the record and the next run charges it
// (tokens, USD and calls); a run that stops normally releases it.
//
// The rule the gate (engine/gate.ts, through RunSession.cover) keeps: every call already made is
// covered by a record known to have landed in the store, and the call about to be made by one at
// least handed to it. The first part is exact (it compares the ledger itself), so a kill at any
// moment loses at most the call in flight, whatever the reservation's size; the size only decides
// how often the loop must wait for a write to land (about once per RESERVATION_HORIZON_MS, at least
// every RESERVED_CALLS calls) and how much a killed run is overcharged (at most what was reserved
// and not used).
import { logProgress } from './record.js';
import { costUsd, type ModelPrice } from './prices.js';
import { coverOf, covers, type SpendingCover } from './ports.js';
import type { GoalRecord, Ledger, Usage } from './types.js';

/** Calls one reservation covers at least: the loop waits on the store at most once per this many. */
export const RESERVED_CALLS = 4;
/**
 * At most this many. A reservation covers the calls this goal makes in RESERVATION_HORIZON_MS at
 * its observed pace, so a durable write the loop must wait for comes about once per horizon —
 * each costs GitHub requests (three with the ref store), and a fast goal asking every four calls
 * would spend the goal's request budget on them. The cap bounds what a killed run is overcharged.
 */
export const MAX_RESERVED_CALLS = 24;
export const RESERVATION_HORIZON_MS = 180_000;
/**
 * Before any call was billed, a reservation covers this many calls at the most the first can cost
 * (`provision`): so the record saved as the loop starts, whose write has the first call's latency to
 * land, already covers the second call, and the loop does not wait on GitHub after its first turn.
 */
export const FIRST_RESERVED_CALLS = 2;
/** Calls sized by: the largest of the latest few (a first, uncached call does not size them all). */
const SIZING_WINDOW = 8;
/** A call may cost this much more than the largest of the latest calls. */
const GROWTH_MARGIN = 1.5;

/** Ledger totals (tokens, USD, calls) up to which a saved record accounts for the spending. */
export type Level = SpendingCover;

/** The most one call can cost: its request estimate (input) and its output cap, priced in full. */
export function callCost(inputTokens: number, maxOutputTokens: number, price: ModelPrice): Level {
  return {
    tokens: inputTokens + maxOutputTokens,
    usd: costUsd(
      { inputTokens, cachedInputTokens: 0, outputTokens: maxOutputTokens, reasoningTokens: 0 },
      price,
    ),
    calls: 1,
  };
}

/** Charges what a run that died left reserved; returns the tokens charged (0 when nothing was). */
export function chargeLeftover(record: GoalRecord): number {
  const reserved = record.ledger.reserved;
  delete record.ledger.reserved;
  if (!reserved || (reserved.tokens <= 0 && reserved.usd <= 0)) return 0;
  const calls = reserved.calls ?? 0;
  record.ledger.tokens += reserved.tokens;
  record.ledger.usd += reserved.usd;
  record.ledger.modelCalls += calls;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Charged ${reserved.tokens} tokens ($${reserved.usd.toFixed(4)}, ${calls} model call${calls === 1 ? '' : 's'}) reserved by a run that ended without saving its spending: what its last model calls cost is not known, so what was reserved for them counts`,
  });
  return reserved.tokens;
}

export class Reservation {
  /**
   * A lower bound on what the record in the store covers now: until a write is known to have
   * landed, the store holds either the record before it or that one.
   */
  private known: Level;
  /** Coverage handed to the store and not yet known to have landed. */
  private unconfirmed?: Level;
  /** The latest calls billed in this run, with the request estimate each had (newest last). */
  private recent: { tokens: number; usd: number; input: number }[] = [];
  /** When the latest calls were billed (clock ms, newest last): the goal's pace. */
  private times: number[] = [];
  /** The request estimate of the latest call. */
  private latestInput = 0;
  /** The most the first call can cost, until calls are observed (see FIRST_RESERVED_CALLS). */
  private firstCall?: Level;

  constructor(
    private readonly record: GoalRecord,
    private readonly price: ModelPrice,
    private readonly now: () => number = () => 0,
  ) {
    // The record the run starts from is the stored one: it covers its own ledger and reservation.
    this.known = coverOf(record);
  }

  private get ledger(): Ledger {
    return this.record.ledger;
  }

  /** The most the first call can cost: what reservations are sized in until a call is billed. */
  provision(first: Level): void {
    this.firstCall = first;
  }

  /** What a call billed, with its request estimate: the unit later reservations are sized in. */
  observe(usage: Usage, tokens: number, input: number): void {
    this.latestInput = input;
    this.recent.push({ tokens, usd: costUsd(usage, this.price), input });
    if (this.recent.length > SIZING_WINDOW) this.recent.shift();
    this.times.push(this.now());
    if (this.times.length > SIZING_WINDOW) this.times.shift();
  }

  /** The largest of the latest calls: the unit reservations are sized in. */
  private get largest(): { tokens: number; usd: number; input: number } | undefined {
    let top: (typeof this.recent)[number] | undefined;
    for (const c of this.recent) if (!top || c.tokens > top.tokens) top = c;
    return top;
  }

  /** How many calls a reservation covers: those expected within the horizon at this pace. */
  horizonCalls(): number {
    const t = this.times;
    if (t.length < 2) return RESERVED_CALLS;
    const span = t[t.length - 1]! - t[0]!;
    if (span <= 0) return MAX_RESERVED_CALLS;
    const expected = Math.ceil(((t.length - 1) / span) * RESERVATION_HORIZON_MS);
    return Math.max(RESERVED_CALLS, Math.min(MAX_RESERVED_CALLS, expected));
  }

  /**
   * What the next call is expected to cost: GROWTH_MARGIN times the largest latest call, plus
   * what the request grew since; the most it can cost (`most`) while nothing was observed.
   */
  expected(input: number, most: Level): Level {
    const l = this.largest;
    if (!l) return most;
    const growth = Math.max(0, input - l.input);
    const growthUsd = costUsd(
      { inputTokens: growth, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      this.price,
    );
    return {
      tokens: Math.min(most.tokens, Math.ceil(l.tokens * GROWTH_MARGIN + growth)),
      usd: Math.min(most.usd, l.usd * GROWTH_MARGIN + growthUsd),
      calls: 1,
    };
  }

  /** True when a record known to have landed covers every call made so far. */
  coversMade(): boolean {
    return this.within(this.known, { tokens: 0, usd: 0, calls: 0 });
  }

  /** True when a record handed to the store (landed or not yet) covers the calls made and `next`. */
  handed(next: Level): boolean {
    return this.within(this.unconfirmed ?? this.known, next);
  }

  private within(level: Level, plus: Level): boolean {
    return covers(level, this.ledger, plus);
  }

  /**
   * Sets `ledger.reserved` for the record about to be saved: horizonCalls() calls of the expected
   * size (at least `next`, the call about to be made), within the budget left. Returns the
   * coverage the saved record carries. (A store that writes the live record later writes at least
   * this much: its ledger has only grown, its reservation is this one or a later one.)
   */
  resize(next?: Level): Level {
    const l = this.ledger;
    const { budget } = this.record;
    const unit = this.largest
      ? this.expected(this.latestInput, { tokens: Infinity, usd: Infinity, calls: 1 })
      : (this.firstCall ?? { tokens: 0, usd: 0, calls: 1 });
    const calls = this.horizonCalls();
    // Unobserved calls are priced at their most: only the first few are reserved that way.
    const sized = this.largest ? calls : Math.min(calls, FIRST_RESERVED_CALLS);
    const ahead = (per: number, min: number, left: number) =>
      Math.max(min, Math.min(per * sized, Math.max(0, left)));
    const target: Level = {
      tokens: l.tokens + ahead(unit.tokens, next?.tokens ?? 0, budget.tokens - l.tokens),
      usd: l.usd + ahead(unit.usd, next?.usd ?? 0, budget.usd - l.usd),
      calls: l.modelCalls + calls,
    };
    l.reserved = {
      tokens: Math.max(0, Math.ceil(target.tokens - l.tokens)),
      usd: Math.max(0, target.usd - l.usd),
      calls: Math.max(0, target.calls - l.modelCalls),
    };
    return target;
  }

  /**
   * Saves have landed: the one of this coverage (a store without saved() is durable once save()
   * returns), or, without a level, every one handed over so far (saved() resolved).
   */
  landed(level?: Level): void {
    if (level && this.unconfirmed) {
      // A record already stored (a checkpoint's push) covers `level`, but a save handed to the
      // store since may still land over it: until it has, the lower of the two is what counts.
      this.known = lower(level, this.unconfirmed);
      return;
    }
    const now = level ?? this.unconfirmed;
    if (now) this.known = { ...now };
    this.unconfirmed = undefined;
  }

  /**
   * A save of this coverage was handed to a store that reports landing through saved(). Until
   * it has, the store may hold it or the record before it: the lower of the two is what counts.
   */
  pending(level: Level): void {
    this.unconfirmed = level;
    this.known = lower(this.known, level);
  }

  /** No more calls: the final record carries no reservation. */
  release(): void {
    delete this.ledger.reserved;
  }
}

/** Each figure at the lower of the two: what the store holds whichever of them it has. */
function lower(a: Level, b: Level): Level {
  return {
    tokens: Math.min(a.tokens, b.tokens),
    usd: Math.min(a.usd, b.usd),
    calls: Math.min(a.calls, b.calls),
  };
}
