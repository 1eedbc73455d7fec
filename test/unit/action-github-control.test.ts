// The running loop's ear on GitHub, with the real Octokit against the GitHub fake: it polls the
// goal's issue for new comments and turns authorised pause/clear/edit/budget commands into control
// signals; the Action's own comments, readers, unlisted bots, non-commands and commands answered
// by their own runs are ignored; a failed poll loses nothing; polls are paced. And who may steer
// (permissionCheck): write access or a bot listed by name, asked of GitHub once per user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubControl } from '../../src/action/github-control.js';
import { permissionCheck } from '../../src/action/permissions.js';
import type { ActionEnv } from '../../src/action/route.js';
import { withOwnMark } from '../../src/github/own-mark.js';
import { testContract } from '../support/engine-fakes.js';
import { actionWorld, MAINTAINER, type ActionWorld } from './action-fixtures.js';

let w: ActionWorld;
beforeAll(async () => {
  w = await actionWorld();
});
afterAll(async () => {
  await w?.close();
});

const BUDGET = { tokens: 1_000_000, usd: 10, timeSec: 3600, iterations: 20 };

function control(
  env: ActionEnv,
  issue: number,
  o: { afterCommentId?: number; minIntervalMs?: number; now?: () => number } = {},
) {
  const warnings: string[] = [];
  const c = new GitHubControl(env.gh, {
    issueNumber: issue,
    afterCommentId: o.afterCommentId ?? 0,
    mayControl: permissionCheck(env),
    editContract: (objective) => ({ ...testContract(), outcome: objective }),
    budgetFor: (requested) => ({ ...BUDGET, ...requested }),
    minIntervalMs: o.minIntervalMs ?? 0,
    now: o.now ?? (() => Date.now()),
    warn: (m) => warnings.push(m),
  });
  return { c, warnings };
}

/** What each polled command asks for, whatever shape the poll's events take. */
const kinds = (events: unknown[]) =>
  events.map((e) => {
    const event = e as { kind?: string; command?: { kind: string } };
    return event.command?.kind ?? event.kind;
  });

const envFor = (inputs: Record<string, string> = {}) =>
  w.env(w.dispatch({ issue: '1' }, MAINTAINER), { inputs });

describe('the loop’s control poll', () => {
  it('turns authorised pause, clear, edit and budget comments into signals, in order', async () => {
    const n = w.issue();
    const { c } = control(envFor(), n);
    w.fake.addComment(n, MAINTAINER, '/goal edit Make total() round to cents');
    w.fake.addComment(n, MAINTAINER, '/goal budget 3M');
    w.fake.addComment(n, MAINTAINER, '/goal pause');
    w.fake.addComment(n, MAINTAINER, '/goal clear');
    const events = await c.poll();
    expect(kinds(events)).toEqual(['edit', 'budget', 'pause', 'clear']);
    expect(JSON.stringify(events[0])).toContain('"outcome":"Make total() round to cents"');
    expect(JSON.stringify(events[1])).toContain('"tokens":3000000');
    // Who asked, for the record and the reply.
    expect(JSON.stringify(events[2])).toContain('maintainer');
    // Each comment is seen once.
    expect(await c.poll()).toEqual([]);
  });

  it('ignores its own comments, readers, unlisted bots, plain talk and run-answered commands', async () => {
    const n = w.issue();
    const { c } = control(envFor(), n);
    w.fake.addComment(n, 'github-actions[bot]', withOwnMark('/goal pause'));
    w.fake.addComment(n, MAINTAINER, withOwnMark('/goal clear'));
    w.fake.addComment(n, 'outsider', '/goal pause');
    w.fake.addComment(n, 'renovate[bot]', '/goal clear');
    w.fake.addComment(n, 'stranger', '/goal pause');
    w.fake.addComment(n, MAINTAINER, 'please pause this when you can');
    w.fake.addComment(n, MAINTAINER, '/goal status');
    w.fake.addComment(n, MAINTAINER, '/goal ask how is it going?');
    w.fake.addComment(n, MAINTAINER, '/goal resume');
    expect(await c.poll()).toEqual([]);
  });

  it('obeys a bot listed in allowed-bots', async () => {
    const n = w.issue();
    const { c } = control(envFor({ 'allowed-bots': 'renovate[bot]' }), n);
    w.fake.addComment(n, 'renovate[bot]', '/goal pause');
    expect(kinds(await c.poll())).toEqual(['pause']);
  });

  it('skips comments up to the one it was started after', async () => {
    const n = w.issue();
    const old = w.fake.addComment(n, MAINTAINER, '/goal pause');
    const { c } = control(envFor(), n, { afterCommentId: old.id });
    expect(await c.poll()).toEqual([]);
    w.fake.addComment(n, MAINTAINER, '/goal clear');
    expect(kinds(await c.poll())).toEqual(['clear']);
  });

  it('keeps going when a poll fails, and sees the same comments on the next one', async () => {
    const n = w.issue();
    const { c, warnings } = control(envFor(), n);
    w.fake.addComment(n, MAINTAINER, '/goal pause');
    w.fake.injectFailures({
      method: 'GET',
      path: /\/issues\/\d+\/comments/,
      status: 404,
      count: 1,
    });
    expect(await c.poll()).toEqual([]);
    expect(warnings.join('\n')).toContain('Could not read new comments');
    expect(kinds(await c.poll())).toEqual(['pause']);
  });

  it('asks GitHub no more often than its interval', async () => {
    const n = w.issue();
    let t = 1_000_000;
    const { c } = control(envFor(), n, { minIntervalMs: 15_000, now: () => t });
    const reads = () =>
      w.fake.requests.filter((r) => r.method === 'GET' && r.path.includes(`/issues/${n}/comments`))
        .length;
    w.fake.addComment(n, MAINTAINER, '/goal pause');
    expect(await c.poll()).toEqual([]);
    expect(reads()).toBe(0);
    t += 15_000;
    expect(kinds(await c.poll())).toEqual(['pause']);
    expect(reads()).toBe(1);
    t += 1_000;
    expect(await c.poll()).toEqual([]);
    expect(reads()).toBe(1);
  });
});

describe('who may steer a running goal', () => {
  it('writers yes, readers and unknown users no, bots only by name; GitHub asked once per user', async () => {
    const may = permissionCheck(envFor());
    const asked = () =>
      w.fake.requests.filter((r) => r.path.includes('/collaborators/maintainer/permission')).length;
    const before = asked();
    expect(await may(MAINTAINER, 'User')).toBe(true);
    expect(await may(MAINTAINER, 'User')).toBe(true);
    expect(asked()).toBe(before + 1);
    expect(await may('outsider', 'User')).toBe(false);
    expect(await may('stranger', 'User')).toBe(false);
    expect(await may('renovate[bot]', 'Bot')).toBe(false);
    expect(
      await permissionCheck(envFor({ 'allowed-bots': 'renovate[bot]' }))('renovate[bot]', 'Bot'),
    ).toBe(true);
  });
});
