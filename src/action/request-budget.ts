// The GitHub request budget of one goal. GITHUB_TOKEN allows 1,000 requests per hour per
// repository; a goal should use well under a third of that, so three live goals fit. What can
// wait stretches when the goal spends faster than its share: the status edit's debounce, the PR
// body's, and the interval between polls for new comments (which also stretches while nobody
// writes). Every figure comes from the RequestMeter, which counts what was really sent.
import { processMeter, type RequestMeter } from '../github/client.js';

/** Requests per hour one goal may use. */
export const GOAL_REQUESTS_PER_HOUR = 300;
/** The pace aimed at, leaving room for what cannot wait (check runs, the final writes). */
const TARGET_SHARE = 0.7;
/** Shares of the budget for the edits that can wait: the status comment, the PR body. */
export const STATUS_SHARE = 0.2;
export const PR_SHARE = 0.1;
/** The rate is judged over the last ten minutes: fast enough to react, slow enough to be stable. */
const WINDOW_MS = 10 * 60_000;
const MAX_STRETCH = 8;

export class RequestBudget {
  constructor(
    private readonly now: () => number,
    private readonly meter: RequestMeter = processMeter,
    readonly perHour = GOAL_REQUESTS_PER_HOUR,
  ) {}

  /** Requests per hour at the recent pace (the window scaled to an hour). */
  pace(): number {
    return this.meter.recent(this.now(), WINDOW_MS) * (3_600_000 / WINDOW_MS);
  }

  /** ≥ 1: how much longer deferrable writes and polls should wait than their base interval. */
  stretch(): number {
    const ratio = this.pace() / (this.perHour * TARGET_SHARE);
    return Math.min(MAX_STRETCH, Math.max(1, ratio));
  }

  /** A base interval, stretched to the budget. */
  interval(baseMs: number): number {
    return Math.round(baseMs * this.stretch());
  }

  /**
   * The interval for writes that may use `share` of the budget (an edit every this long at most),
   * never below `baseMs`, stretched when the goal spends too fast. A base of 0 means no debounce
   * at all (tests that count every view).
   */
  writeInterval(baseMs: number, share: number): number {
    if (baseMs <= 0) return 0;
    return this.interval(Math.max(baseMs, 3_600_000 / (this.perHour * share)));
  }
}

/**
 * The interval between polls for new comments: the base while people are talking to the goal,
 * doubling after each poll that found nothing (up to `idleFactor` × base), and stretched further
 * when the goal spends over its budget. A poll that finds a comment starts again from the base.
 */
export class PollPacer {
  private idle = 1;

  constructor(
    private readonly baseMs: number,
    private readonly budget: RequestBudget,
    private readonly idleFactor = 4,
  ) {}

  intervalMs(): number {
    return this.budget.interval(this.baseMs * this.idle);
  }

  observed(newComments: number): void {
    this.idle = newComments > 0 ? 1 : Math.min(this.idleFactor, this.idle * 2);
  }
}
