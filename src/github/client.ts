// The one place an Octokit is built: REST methods, throttling (GitHub's primary and secondary rate
// limits, write spacing) and retries of server errors, every one of them bounded, and a timeout on
// each request so a hung connection cannot hang the job. Every request sent is counted (a
// RequestMeter), so the Action can keep each goal inside the token's hourly budget.

import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

const ThrottledOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ThrottledOctokit>;

export interface CreateOctokitOptions {
  token: string;
  /** The REST API root; the caller passes GITHUB_API_URL (GitHub Enterprise Server, or a fake). */
  baseUrl?: string;
  /** `debug` gets Octokit's per-request failure lines (expected 403/404 are no warnings). */
  log?: { warn(m: string): void; debug?(m: string): void };
  /** Retries for rate limits and for server errors, each. Default 3. */
  maxRetries?: number;
  /** Longest rate-limit wait we accept before giving up on a read, in seconds. Default 60. */
  maxRateLimitWaitSec?: number;
  /**
   * Longest wait for a write held by the primary (hourly) limit. Writes run in the background, so
   * waiting out the reset is better than losing them while it fits the job. Default 30 minutes.
   */
  maxPrimaryWriteWaitSec?: number;
  /** Counts every request sent (retries too). Default: the process-wide meter. */
  meter?: RequestMeter;
  /** Per request, including reading the answer. Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * GitHub asks integrations to leave a second between writes (three after writes that notify
   * people); the throttling plugin does that by default. `false` turns the spacing off, for tests
   * against a local fake only; rate-limit retries stay on.
   */
  spaceWrites?: boolean;
}

const DEFAULT_BASE_URL = 'https://api.github.com';

/** The requests this process sent to GitHub: a total and a sliding hour, by time sent. */
export class RequestMeter {
  total = 0;
  writes = 0;
  private readonly times: number[] = [];

  /** The clock requests are stamped with (a benchmark runs on a virtual one). */
  constructor(public now: () => number = () => Date.now()) {}

  record(method: string, at = this.now()): void {
    this.total += 1;
    if (method.toUpperCase() !== 'GET') this.writes += 1;
    this.times.push(at);
    // Only the last hour is ever asked about: the window stays bounded.
    while (this.times.length && this.times[0]! < at - HOUR_MS) this.times.shift();
  }

  /** Requests sent in the `windowMs` before `now` (at most an hour). */
  recent(now: number, windowMs = HOUR_MS): number {
    let n = 0;
    for (let i = this.times.length - 1; i >= 0 && this.times[i]! > now - windowMs; i--) n++;
    return n;
  }
}

const HOUR_MS = 3_600_000;

/** What this process has sent; createOctokit counts into it unless given another meter. */
export const processMeter = new RequestMeter();

export function createOctokit(opts: CreateOctokitOptions): GitHubClient {
  const maxRetries = opts.maxRetries ?? 3;
  const maxWaitSec = opts.maxRateLimitWaitSec ?? 60;
  const maxWriteWaitSec = opts.maxPrimaryWriteWaitSec ?? 30 * 60;
  const meter = opts.meter ?? processMeter;
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const warn = (m: string): void => opts.log?.warn(m);

  // Shared by both limits: retry a bounded number of times, and only for waits we can afford.
  const onLimit =
    (kind: string, writeWaitSec: number) =>
    (
      retryAfter: number,
      options: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const request = `${options.method} ${options.url}`;
      // Reads are made in the loop's path (polls): better to skip one than to stall the goal.
      const fits = options.method === 'GET' ? maxWaitSec : writeWaitSec;
      if (retryCount < maxRetries && retryAfter <= fits) {
        warn(
          `GitHub ${kind} on ${request}; retrying in ${retryAfter}s (retry ${retryCount + 1} of ${maxRetries}).`,
        );
        return true;
      }
      warn(
        `GitHub ${kind} on ${request}; giving up after ${retryCount} retries (asked to wait ${retryAfter}s).`,
      );
      return false;
    };

  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('rate limit', Math.max(maxWaitSec, maxWriteWaitSec)),
    onSecondaryRateLimit: onLimit('secondary rate limit', maxWaitSec),
    fallbackSecondaryRateRetryAfter: 60,
    // The plugin only calls schedule(options, noop) on these groups; a pass-through removes the
    // spacing. GitHub's guidance (a second between writes, more after writes that notify people)
    // is kept as the long-run pace, but a short burst goes at once: the handful of writes that end
    // a run (status, PR, check run, label, the transition comment) need not add seconds to the job.
    ...((opts.spaceWrites === false
      ? { write: passThroughGroup(), notifications: passThroughGroup() }
      : {
          write: burstGroup(WRITE_BURST, 1000),
          notifications: burstGroup(NOTIFY_BURST, 3000),
        }) as Partial<ThrottlingOptions>),
  };

  return new ThrottledOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
    userAgent: 'goal-action',
    // Octokit logs every failed request as an error ("GET /user - 403 …"); the caller wraps the
    // failure in a GitHubError with a next step, or expects it (a 404 that means "not there"), so
    // these lines are debug output, with the path decoded for reading.
    log: { debug: noop, info: noop, warn, error: (m: string) => opts.log?.debug?.(decodePath(m)) },
    throttle,
    // 429 is the throttling plugin's to handle (it honours retry-after); the retry plugin takes 5xx.
    // 409 is a conflict or "Git Repository is empty": an answer, never transient.
    retry: { retries: maxRetries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    request: { fetch: fetchWithTimeout(timeoutMs, meter) },
  });
}

function noop(): void {}

function decodePath(line: string): string {
  try {
    return decodeURIComponent(line);
  } catch {
    return line;
  }
}

function passThroughGroup(): unknown {
  return { key: () => ({ schedule: (_options: unknown, fn: () => Promise<unknown>) => fn() }) };
}

/** Writes that may go back to back before the spacing applies, and notifying ones. */
const WRITE_BURST = 8;
const NOTIFY_BURST = 3;

/**
 * A token bucket in the shape of the plugin's Bottleneck group: `burst` calls at once, then one per
 * `intervalMs`, refilling while idle; calls are released in order. Bounded: a call waits at most
 * its place in the queue times the interval.
 */
export function burstGroup(burst: number, intervalMs: number, now = () => Date.now()): unknown {
  let tokens = burst;
  let refilledAt = now();
  let chain: Promise<unknown> = Promise.resolve();
  const take = async (): Promise<void> => {
    const t = now();
    tokens = Math.min(burst, tokens + (t - refilledAt) / intervalMs);
    refilledAt = t;
    if (tokens < 1) {
      await new Promise((resolve) => setTimeout(resolve, (1 - tokens) * intervalMs));
      tokens = 1;
      refilledAt = now();
    }
    tokens -= 1;
  };
  const limiter = {
    schedule: (_options: unknown, fn: () => Promise<unknown>) => {
      const turn = chain.then(take);
      chain = turn.catch(() => undefined);
      return turn.then(fn);
    },
  };
  return { key: () => limiter };
}

/** Global fetch with a per-request deadline, combined with any signal the caller passed. */
function fetchWithTimeout(timeoutMs: number, meter: RequestMeter): typeof fetch {
  return (input, init) => {
    meter.record(init?.method ?? (input instanceof Request ? input.method : 'GET'));
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}
