// What goal-channel.test.ts does not already show of the background writer and the request
// budget: a newer view never postpones a write that was due, writes queued while draining are
// sent before drain returns, a fatal error drops what waits; polls stretch both while nobody
// writes and while the goal spends too fast, within their bounds, and recover once the pace drops.
import { describe, expect, it } from 'vitest';
import { PollPacer, RequestBudget } from '../../src/action/request-budget.js';
import { WriteQueue } from '../../src/action/write-queue.js';
import { RequestMeter } from '../../src/github/client.js';

describe('the background writer', () => {
  it('keeps the earlier due time when a newer view of the same target arrives', async () => {
    let now = 0;
    const q = new WriteQueue({ now: () => now, warn: () => {} });
    const sent: string[] = [];
    q.put('pr', async () => void sent.push('v1'), 3_600_000);
    // A later debounce for the newer view: it replaces v1 but is due when v1 was.
    q.put('pr', async () => void sent.push('v2'), 7_200_000);
    now = 3_600_000;
    q.put('other', async () => void sent.push('other'));
    await q.drain();
    expect(sent).toEqual(['v2', 'other']);
    expect(q.coalesced).toBe(1);
    expect(q.sent).toBe(2);
  });

  it('sends a debounced write when it falls due on the queue’s own clock, not on real time', async () => {
    let now = 0;
    const timers: { at: number; fire: () => void }[] = [];
    const q = new WriteQueue({
      now: () => now,
      warn: () => {},
      timer: (fire, ms) => {
        const entry = { at: now + ms, fire };
        timers.push(entry);
        return () => timers.splice(timers.indexOf(entry), 1);
      },
    });
    const sent: string[] = [];
    q.put('pr', async () => void sent.push('pr'), 10_000);
    expect(timers.map((t) => t.at)).toEqual([10_000]);
    now = 10_000; // ten seconds on the goal's clock, none in real time
    timers.shift()!.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['pr']);
    expect(timers).toEqual([]);
  });

  it('sends what a write queues while draining before drain returns', async () => {
    const q = new WriteQueue({ now: () => Date.now(), warn: () => {} });
    const sent: string[] = [];
    q.put('status', async () => {
      sent.push('status');
      q.put('label', async () => void sent.push('label'));
    });
    await q.drain();
    expect(sent).toEqual(['status', 'label']);
    expect(q.size).toBe(0);
  });

  it('drops what waits after a fatal error, and accepts nothing more', async () => {
    const fatal = new Error('taken over');
    const q = new WriteQueue({
      now: () => Date.now(),
      warn: () => {},
      isFatal: (e) => e === fatal,
    });
    const sent: string[] = [];
    q.put('status', () => Promise.reject(fatal));
    q.put('pr', async () => void sent.push('pr'));
    await expect(q.drain()).rejects.toBe(fatal);
    q.put('label', async () => void sent.push('label'));
    await expect(q.drain()).rejects.toBe(fatal);
    expect(sent).toEqual([]);
  });
});

describe('the poll pace', () => {
  it('doubles while nobody writes up to four times the base, and stretches further when spending fast', () => {
    let now = 10_000_000;
    const meter = new RequestMeter(() => now);
    const pacer = new PollPacer(15_000, new RequestBudget(() => now, meter, 300));
    for (let i = 0; i < 10; i++) pacer.observed(0);
    expect(pacer.intervalMs()).toBe(60_000);
    // 420 requests in ten minutes: 2,520/h, twelve times the 210/h aimed at, capped at 8.
    for (let i = 0; i < 420; i++) meter.record('GET', now - i * 1_000);
    expect(pacer.intervalMs()).toBe(480_000);
    // Ten quiet minutes later the pace is back and so is the interval.
    now += 10 * 60_000;
    pacer.observed(1);
    expect(pacer.intervalMs()).toBe(15_000);
  });
});
