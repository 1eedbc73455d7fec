// GitHub writes off the loop's path: the background writer (coalescing, order, bounded drain,
// fatal errors), the request budget (pace, stretch, idle polls), and the goal's channel with the
// real Octokit against the GitHub fake: while the engine runs, nothing it calls waits on GitHub;
// superseded status views are never sent; the final state is written, in order, before `stopped`
// returns; a run that lost the goal to another run stops at its next save.
import { afterEach, describe, expect, it } from 'vitest';
import { GoalChannel, LockLostError } from '../../src/action/goal-channel.js';
import {
  PR_SHARE,
  PollPacer,
  RequestBudget,
  STATUS_SHARE,
} from '../../src/action/request-budget.js';
import { WriteQueue } from '../../src/action/write-queue.js';
import type { EngineEvent } from '../../src/engine/ports.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { RequestMeter, burstGroup, createOctokit } from '../../src/github/client.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { encodeRecord, STATUS_MARKER } from '../../src/state/codec.js';
import { testRecord } from '../support/engine-fakes.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';

/** A promise and its resolver: a gate a test opens when it chooses. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('the background writer', () => {
  const queue = (warnings: string[] = []) =>
    new WriteQueue({
      now: () => Date.now(),
      warn: (m) => warnings.push(m),
      isFatal: (e) => e instanceof LockLostError,
    });

  it('sends only the newest view of a target that is still waiting', async () => {
    const q = queue();
    const busy = gate();
    const sent: string[] = [];
    q.put('status', async () => {
      await busy.opened;
      sent.push('v1');
    });
    // v1 is in flight; v2 and v3 wait behind it, and v3 replaces v2.
    q.put('status', async () => void sent.push('v2'));
    q.put('status', async () => void sent.push('v3'));
    busy.open();
    await q.drain();
    expect(sent).toEqual(['v1', 'v3']);
    expect(q.coalesced).toBe(1);
  });

  it('writes targets in order of arrival, one at a time', async () => {
    const q = queue();
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const write = (name: string) => async () => {
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      log.push(name);
      inFlight -= 1;
    };
    q.put('status', write('status'));
    q.put('pr', write('pr'));
    q.put('label', write('label'));
    await q.drain();
    expect(log).toEqual(['status', 'pr', 'label']);
    expect(most).toBe(1);
  });

  it('holds a debounced write until it is due or drained', async () => {
    const q = queue();
    const sent: string[] = [];
    q.put('pr', async () => void sent.push('pr'), Date.now() + 3_600_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([]);
    expect(q.size).toBe(1);
    await q.drain();
    expect(sent).toEqual(['pr']);
  });

  it('logs a failed write and carries on with the others', async () => {
    const warnings: string[] = [];
    const q = queue(warnings);
    const sent: string[] = [];
    q.put('label', () => Promise.reject(new Error('502 Bad Gateway')));
    q.put('status', async () => void sent.push('status'));
    await q.drain();
    expect(sent).toEqual(['status']);
    expect(warnings).toEqual(['Could not update GitHub (label): 502 Bad Gateway']);
  });

  it('keeps an error that must stop the goal and throws it on the next check', async () => {
    const q = queue();
    q.put('status', () => Promise.reject(new LockLostError('run-2')));
    q.put('pr', async () => undefined);
    await expect(q.drain()).rejects.toBeInstanceOf(LockLostError);
    expect(() => q.check()).toThrow(/Another workflow run \(run-2\) took over/);
  });

  it('gives up waiting after its bound when GitHub never answers, and says so', async () => {
    const warnings: string[] = [];
    const q = queue(warnings);
    q.put('status', () => new Promise<void>(() => undefined));
    await q.drain(50);
    expect(warnings.join('\n')).toMatch(/still pending after 0 s/);
  });
});

describe('the request budget', () => {
  const budgetWith = (requestsInTenMinutes: number, now = 10_000_000) => {
    const meter = new RequestMeter();
    // Spread evenly over the ten minutes before `now`, oldest first, as a run sends them.
    for (let i = requestsInTenMinutes; i > 0; i--)
      meter.record('PATCH', now - Math.floor((i * 599_000) / requestsInTenMinutes));
    return { meter, budget: new RequestBudget(() => now, meter, 300) };
  };

  it('counts what was sent and projects the recent pace to an hour', () => {
    const { meter, budget } = budgetWith(30);
    expect(meter.total).toBe(30);
    expect(meter.writes).toBe(30);
    expect(budget.pace()).toBe(180);
    expect(budget.stretch()).toBe(1);
    expect(budget.interval(10_000)).toBe(10_000);
  });

  it('stretches deferrable intervals when the goal spends faster than its share', () => {
    // 84 in ten minutes is 504/h: 2.4× the 210/h aimed at (70 % of 300).
    const { budget } = budgetWith(84);
    expect(budget.stretch()).toBeCloseTo(2.4, 5);
    expect(budget.interval(10_000)).toBe(24_000);
    expect(budgetWith(10_000).budget.stretch()).toBe(8);
  });

  it('gives the status and the PR body their share of the budget as a floor, 0 meaning none', () => {
    const { budget } = budgetWith(0);
    // 300/h: the status may edit 60 times an hour, the PR body 30.
    expect(budget.writeInterval(10_000, STATUS_SHARE)).toBe(60_000);
    expect(budget.writeInterval(10_000, PR_SHARE)).toBe(120_000);
    expect(budget.writeInterval(90_000, STATUS_SHARE)).toBe(90_000);
    expect(budget.writeInterval(0, STATUS_SHARE)).toBe(0);
  });

  it('lets writes through in a short burst, then at the spacing GitHub asks for', async () => {
    const group = burstGroup(3, 1_000, () => 0) as {
      key: () => { schedule: (o: unknown, fn: () => Promise<unknown>) => Promise<unknown> };
    };
    const limiter = group.key();
    const ran: number[] = [];
    const calls = [1, 2, 3, 4].map((n) => limiter.schedule({}, async () => void ran.push(n)));
    await Promise.all(calls.slice(0, 3));
    await new Promise((resolve) => setImmediate(resolve));
    // Three at once; the fourth waits for a token (a second away on this frozen clock).
    expect(ran).toEqual([1, 2, 3]);
    await calls[3];
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('lets polls stretch while nobody writes, and snap back when someone does', () => {
    const { budget } = budgetWith(0);
    const pacer = new PollPacer(15_000, budget);
    expect(pacer.intervalMs()).toBe(15_000);
    pacer.observed(0);
    pacer.observed(0);
    pacer.observed(0);
    expect(pacer.intervalMs()).toBe(60_000);
    pacer.observed(1);
    expect(pacer.intervalMs()).toBe(15_000);
  });
});

describe('the goal channel while the engine runs', () => {
  let fake: GitHubFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const TOKEN = 'ghs_channel_token';

  async function setup(opts: { gate?: Promise<void> } = {}) {
    fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN });
    const warnings: string[] = [];
    const meter = new RequestMeter();
    const octokit = createOctokit({
      token: TOKEN,
      baseUrl: fake.url,
      spaceWrites: false,
      meter,
      log: { warn: (m) => warnings.push(m) },
    });
    const real = new GitHubRepo(octokit, { owner: 'octo', repo: 'demo' });
    // Every GitHub call first waits for the gate: a slow GitHub, opened by the test.
    const gh = opts.gate
      ? (new Proxy(real, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver) as unknown;
            if (typeof value !== 'function') return value;
            return async (...args: unknown[]) => {
              await opts.gate;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        }) as GitHubRepo)
      : real;
    const issue = fake.createIssue({ title: 'Fix add', body: 'b', user: 'alice' });
    const channel = new GoalChannel(gh, issue.number, undefined, {
      runId: 'run-1',
      links: { runUrl: 'https://example.test/run/1', commitUrl: (sha) => `c/${sha}` },
      debounceMs: 60_000,
      now: () => Date.now(),
      warn: (m) => warnings.push(m),
      redact: (t) => t,
      meter,
    });
    return { fake, channel, issue, warnings, meter };
  }

  const record = (extra: Partial<GoalRecord> = {}): GoalRecord =>
    testRecord({ state: 'pursuing', lock: { runId: 'run-1', heartbeatAt: 'x' }, ...extra });
  const event = (type: EngineEvent['type'], r: GoalRecord) => ({ type, record: r }) as EngineEvent;
  const statusEdits = (f: GitHubFake) =>
    f.requests.filter((q) => q.method === 'PATCH' && q.path.includes('/issues/comments/'));

  it('returns from every event and save before GitHub has answered anything', async () => {
    const slow = gate();
    const { fake, channel } = await setup({ gate: slow.opened });
    const r = record();
    await channel.onEvent(event('started', r));
    await channel.save(r);
    r.iteration = 1;
    await channel.onEvent(event('iteration-start', r));
    await channel.save(r);
    await channel.onEvent(event('iteration-end', r));
    // The loop went on; GitHub has not been asked yet, the writes wait in the background.
    expect(fake.requests).toHaveLength(0);
    expect(channel.writes.pending).toBeGreaterThan(0);
    slow.open();
    await channel.flush();
    expect(fake.comments.some((c) => c.body.includes(STATUS_MARKER))).toBe(true);
  });

  it('coalesces a fast loop’s saves into one status edit per debounce', async () => {
    const { fake, channel, meter } = await setup();
    const r = record();
    await channel.onEvent(event('started', r));
    await channel.save(r); // the state changed: sent at once (it creates the status comment)
    await channel.flush();
    const before = meter.total;
    for (let i = 1; i <= 20; i++) {
      r.iteration = i;
      await channel.save(r);
    }
    await channel.flush();
    // Twenty saves within the debounce: one edit of the latest view (with its lock check).
    expect(statusEdits(fake)).toHaveLength(1);
    expect(meter.total - before).toBe(2);
    expect(channel.writes.coalesced).toBe(19);
    const status = fake.comments.find((c) => c.body.includes(STATUS_MARKER))!;
    expect(status.body).toContain(encodeRecord(r).slice(0, 40));
  });

  it('writes the final state in order before `stopped` returns: status, label, transition', async () => {
    const { fake, channel, issue } = await setup();
    const r = record();
    await channel.onEvent(event('started', r));
    await channel.save(r);
    r.state = 'blocked';
    r.stopReason = { kind: 'blocked', blocker: 'needs a DATABASE_URL', needs: 'a secret' };
    delete r.lock;
    await channel.save(r);
    await channel.onEvent(event('stopped', r));
    expect(channel.writes.pending).toBe(0);
    const comments = fake.comments.filter((c) => c.issueNumber === issue.number);
    expect(comments).toHaveLength(2);
    expect(comments[0]!.body).toContain(STATUS_MARKER);
    expect(comments[1]!.body).toContain('Goal blocked');
    expect(fake.issues.get(issue.number)!.labels).toContain('goal: blocked');
    const order = fake.requests
      .filter((q) => q.method !== 'GET')
      .map((q) => `${q.method} ${q.path.replace(/\d+/g, 'N')}`);
    expect(order.at(-1)).toBe('POST /repos/octo/demo/issues/N/comments');
  });

  it('stops a run that lost the goal to another run at its next save', async () => {
    const { fake, channel, issue } = await setup();
    const r = record();
    await channel.onEvent(event('started', r));
    await channel.save(r);
    await channel.flush();
    // Another run takes the goal over: its lock is what the comment now stores.
    const status = fake.comments.find((c) => c.issueNumber === issue.number)!;
    const theirs = { ...r, lock: { runId: 'run-2', heartbeatAt: 'y' } };
    const planted = `${STATUS_MARKER}\n${encodeRecord(theirs)}`;
    status.body = planted;
    r.state = 'paused';
    await channel.save(r); // a state change: sent at once, after a lock check that fails
    await expect(channel.flush()).rejects.toBeInstanceOf(LockLostError);
    await expect(channel.save(r)).rejects.toBeInstanceOf(LockLostError);
    expect(status.body).toBe(planted);
  });
});
