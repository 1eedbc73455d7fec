// GitHub writes off the loop's critical path: a single background writer drains a queue that
// holds, per target (the status comment, the PR body, the label, …), only the latest write.
// A newer view of a target replaces the one still waiting (coalescing), so a fast loop sends one
// edit where it made many. Each write may wait until its target's earliest time (a debounce);
// `drain` writes everything still waiting, now, and is the only thing callers await (the final
// state before exit). One writer, in order of arrival: GitHub asks integrations not to write
// concurrently, and the throttling plugin spaces what this sends.

export type Write = () => Promise<void>;

interface Pending {
  write: Write;
  /** Not before this time (ms); 0 for now. */
  notBefore: number;
}

/** Runs `fn` once `ms` have passed on the queue's clock; the returned function cancels it. */
export type Timer = (fn: () => void, ms: number) => () => void;

/** Real time: the timer never keeps the process alive (`drain` sends what waits before exit). */
const realTimer: Timer = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  handle.unref?.();
  return () => clearTimeout(handle);
};

export interface WriteQueueOptions {
  now: () => number;
  /** The debounce timer, on the same clock as `now`. Default: real time. */
  timer?: Timer;
  /** A write failed: logged, never thrown into the loop. */
  warn: (message: string) => void;
  /** Errors that must stop the goal (another run took it over): kept and rethrown by `check`. */
  isFatal?: (error: unknown) => boolean;
}

export class WriteQueue {
  private readonly pending = new Map<string, Pending>();
  private running?: Promise<void>;
  private cancelTimer?: () => void;
  private fatal?: unknown;
  /** Writes replaced by a newer view before they were sent. */
  coalesced = 0;
  sent = 0;

  constructor(private readonly o: WriteQueueOptions) {}

  /**
   * Queues the latest write for `key`, to run at `notBefore` or later (keeping an earlier time
   * already asked for: a newer view never delays what was due).
   */
  put(key: string, write: Write, notBefore = 0): void {
    const waiting = this.pending.get(key);
    if (waiting) this.coalesced += 1;
    // A re-put moves the key to the back: the Map keeps arrival order, and the newest view wins.
    this.pending.delete(key);
    this.pending.set(key, {
      write,
      notBefore: waiting ? Math.min(waiting.notBefore, notBefore) : notBefore,
    });
    this.kick();
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Throws the error that must stop the goal, if a background write met one. */
  check(): void {
    if (this.fatal !== undefined) throw this.fatal;
  }

  /**
   * Writes everything waiting, debounced or not, and resolves when the writer is idle — or after
   * `timeoutMs`, so a GitHub that does not answer cannot hold the job. Then `check()`s.
   */
  async drain(timeoutMs = 120_000): Promise<void> {
    for (const entry of this.pending.values()) entry.notBefore = 0;
    this.kick();
    const deadline = this.o.now() + timeoutMs;
    // Bounded: each pass waits for the writer once; writes queued meanwhile get another pass.
    while ((this.running || this.due()) && this.fatal === undefined && this.o.now() < deadline) {
      this.kick();
      const left = deadline - this.o.now();
      let timeout: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.running,
        new Promise((resolve) => (timeout = setTimeout(resolve, left))),
      ]);
      clearTimeout(timeout);
    }
    if (this.running || this.pending.size)
      this.o.warn(
        `GitHub writes still pending after ${Math.round(timeoutMs / 1000)} s; giving up on ${this.pending.size} of them.`,
      );
    this.check();
  }

  private due(): boolean {
    const now = this.o.now();
    for (const entry of this.pending.values()) if (entry.notBefore <= now) return true;
    return false;
  }

  private kick(): void {
    if (this.running || this.fatal !== undefined) return;
    if (this.due()) {
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.kick();
      });
      return;
    }
    this.schedule();
  }

  /** One timer, for the earliest debounced write. */
  private schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const entry of this.pending.values()) earliest = Math.min(earliest, entry.notBefore);
    if (!Number.isFinite(earliest)) return;
    this.cancelTimer = (this.o.timer ?? realTimer)(
      () => {
        this.cancelTimer = undefined;
        this.kick();
      },
      Math.max(0, earliest - this.o.now()),
    );
  }

  /** Sends due writes one at a time, oldest first, until none is due. */
  private async run(): Promise<void> {
    for (;;) {
      const now = this.o.now();
      const next = [...this.pending].find(([, entry]) => entry.notBefore <= now);
      if (!next) return;
      const [key, entry] = next;
      this.pending.delete(key);
      try {
        this.sent += 1;
        await entry.write();
      } catch (err) {
        if (this.o.isFatal?.(err)) {
          this.fatal = err;
          this.pending.clear();
          return;
        }
        this.o.warn(`Could not update GitHub (${key}): ${(err as Error).message}`);
      }
    }
  }
}
