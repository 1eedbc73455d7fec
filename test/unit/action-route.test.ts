// The route job and the pursue job's pick-up, in process with the real Octokit against the GitHub
// fake: each command's reply and what it does to the stored goal, the refusals (visible, and
// nothing changes), a malformed command, an unreadable .github/goal.yml, and which goals the
// pursue job runs. Only what a user sees is asserted: replies, reactions, labels, the stored goal
// and whether a loop must run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoalChannel } from '../../src/action/goal-channel.js';
import { pickUpQueued } from '../../src/action/pick-up.js';
import { route, type RouteResult } from '../../src/action/route.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { runGit } from '../support/git-fixtures.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { actionWorld, MAINTAINER, type ActionWorld } from './action-fixtures.js';

let w: ActionWorld;
let openai: OpenAIServer;
beforeAll(async () => {
  w = await actionWorld();
  openai = await startOpenAIServer(() => ({
    text: 'The goal is queued; nothing was changed yet. ghs_unit_token_0123456789',
  }));
});
afterAll(async () => {
  await w?.close();
  await openai?.close();
});

/** Runs the route job for one comment, as the `route` job of the example workflow does. */
async function say(issue: number, body: string, user = MAINTAINER): Promise<RouteResult> {
  return route(w.env(w.comment(issue, user, body), { inputs: { mode: 'route' } }));
}

/** An issue with a goal in `state`, stored by the route job itself (start, then what leads there). */
async function goalIn(state: 'queued' | 'paused'): Promise<number> {
  const n = w.issue();
  expect((await say(n, '/goal Make total() honour quantities')).kind).toBe('pursue');
  if (state === 'paused') await say(n, '/goal pause');
  expect((await w.stored(n))?.state).toBe(state);
  return n;
}

const lastReply = (n: number) => w.replies(n).at(-1) ?? '';
const labelsOf = (n: number) => w.fake.issues.get(n)!.labels;

describe('route: starting a goal', () => {
  it('acknowledges with 👀, stores a queued goal and asks for a loop', async () => {
    const n = w.issue();
    const result = await say(n, '/goal Make total() honour quantities');
    expect(result.kind).toBe('pursue');
    const goal = await w.stored(n);
    expect(goal).toMatchObject({ state: 'queued', title: 'Make total() honour quantities' });
    expect(goal?.contract.outcome).toContain('honour quantities');
    expect(w.fake.reactions.some((r) => r.content === 'eyes')).toBe(true);
    // Exactly one status comment, and no reply beyond it.
    expect(w.fake.comments.filter((c) => c.issueNumber === n)).toHaveLength(2);
  });

  it('starts from the goal-ready label with the issue itself as the contract', async () => {
    const n = w.issue('Cart ignores quantities', '### Outcome\ntotal() multiplies by quantity.');
    const result = await route(w.env(w.label(n, MAINTAINER), { inputs: { mode: 'route' } }));
    expect(result.kind).toBe('pursue');
    const goal = await w.stored(n);
    expect(goal?.title).toBe('Cart ignores quantities');
    expect(JSON.stringify(goal?.contract)).toContain('multiplies by quantity');
  });

  it('caps a requested budget at the maximum and says so', async () => {
    const n = w.issue();
    await route(
      w.env(w.comment(n, MAINTAINER, '/goal Make total() honour quantities --budget 50M'), {
        inputs: { mode: 'route', 'max-budget': '10M tokens, $100, 48h, 500 iterations' },
      }),
    );
    expect((await w.stored(n))?.budget.tokens).toBe(10_000_000);
    expect(lastReply(n)).toMatch(/cap|maximum|limit/i);
  });

  it('in a job that runs the loop itself, hands the goal over unstored: it waits for no write', async () => {
    const n = w.issue();
    const writes = w.fake.writeCount();
    const result = await route(
      w.env(w.comment(n, MAINTAINER, '/goal Make total() honour quantities --budget 50M'), {
        inputs: { 'max-budget': '10M tokens, $100, 48h, 500 iterations' },
      }),
    );
    expect(result).toMatchObject({ kind: 'pursue', unsaved: true });
    // The 👀 and the reply saying the budget was capped; the record is the loop's first save.
    expect(w.fake.writeCount() - writes).toBe(2);
    expect(lastReply(n)).toMatch(/cap|maximum|limit/i);
    expect(await w.stored(n)).toBeNull();
    if (result.kind !== 'pursue') return;
    expect(result.record).toMatchObject({ state: 'queued', budget: { tokens: 10_000_000 } });
    // Stored by the channel routing hands over, against the version it read (none: a create).
    await result.channel.save(result.record);
    expect((await w.stored(n))?.budget.tokens).toBe(10_000_000);
  });

  it('refuses a second goal while one is active, changing nothing', async () => {
    const n = await goalIn('queued');
    const before = await w.stored(n);
    const result = await say(n, '/goal Something else entirely');
    expect(result.kind).toBe('done');
    expect(lastReply(n)).toContain('already active');
    expect((await w.stored(n))?.contract).toEqual(before?.contract);
  });
});

describe('route: commands that need no loop', () => {
  it('status: says there is no goal yet, or shows the goal without a reply or a loop', async () => {
    const n = w.issue();
    expect((await say(n, '/goal status')).kind).toBe('done');
    expect(lastReply(n)).toContain('No goal on this issue yet');
    expect(await w.stored(n)).toBeNull();
    const m = await goalIn('queued');
    const replies = w.replies(m).length;
    expect((await say(m, '/goal')).kind).toBe('done');
    expect(w.replies(m)).toHaveLength(replies);
    expect((await w.stored(m))?.state).toBe('queued');
  });

  it('pause: a queued goal is paused (state, label, reply); pausing it again is refused', async () => {
    const n = await goalIn('queued');
    const result = await say(n, '/goal pause');
    expect(result.kind).toBe('done');
    expect((await w.stored(n))?.state).toBe('paused');
    expect(labelsOf(n).some((l) => /paused/.test(l))).toBe(true);
    expect(lastReply(n)).toContain('/goal resume');
    await say(n, '/goal pause');
    expect(lastReply(n)).toContain('not running');
    expect((await w.stored(n))?.state).toBe('paused');
  });

  it('pause while another run drives the goal: left to that loop, no loop started here', async () => {
    const n = await goalIn('queued');
    // A live loop: the goal is pursuing under the lock of a run that is in progress.
    await takeLock(n, '777');
    w.fake.workflowRuns.set(777, { status: 'in_progress' });
    const result = await say(n, '/goal pause');
    expect(result.kind).toBe('done');
    expect(lastReply(n)).toMatch(/paus/i);
  });

  it('edit and budget while another run drives the goal: stored at once, for that loop to take up', async () => {
    const n = await goalIn('queued');
    await takeLock(n, '781');
    w.fake.workflowRuns.set(781, { status: 'in_progress' });
    const before = (await w.stored(n))!;
    expect((await say(n, '/goal edit Make total() honour quantities and discounts')).kind).toBe(
      'done',
    );
    expect(lastReply(n)).toContain('Objective updated');
    expect((await say(n, '/goal budget 4M')).kind).toBe('done');
    expect(lastReply(n)).toContain('Budget is now');
    const after = (await w.stored(n))!;
    expect(after.contract.outcome).toContain('and discounts');
    expect(after.contractRevision).toBe(before.contractRevision + 1);
    expect(after.budget.tokens).toBe(4_000_000);
    // Still the running loop's goal: route neither stops it nor starts another loop.
    expect(after.state).toBe('pursuing');
    expect(after.lock?.runId).toBe('781');
  });

  it('clear: the goal is cleared, its PR told, and a new goal may start', async () => {
    const n = await goalIn('paused');
    const pr = w.fake.createIssue({
      title: 'Goal PR',
      body: '',
      user: 'github-actions[bot]',
      pull: { headRef: 'goal/cart', baseRef: 'main' },
    }).number;
    await rewrite(
      n,
      (r) => (r.pr = { number: pr, url: `https://github.com/acme/cart/pull/${pr}` }),
    );
    await say(n, '/goal clear');
    expect((await w.stored(n))?.state).toBe('cleared');
    expect(lastReply(n)).toContain('Cleared');
    expect(w.replies(pr).at(-1)).toMatch(/cleared by @maintainer.*kept/s);
    expect((await say(n, '/goal Another objective')).kind).toBe('pursue');
    expect((await w.stored(n))?.state).toBe('queued');
  });

  it('budget: sets the budget, caps it, and hints at resume for a budget-limited goal', async () => {
    const n = await goalIn('paused');
    await say(n, '/goal budget 3M');
    expect((await w.stored(n))?.budget.tokens).toBe(3_000_000);
    expect(lastReply(n)).toContain('Budget is now');
    const over = w.env(w.comment(n, MAINTAINER, '/goal budget 90M'), {
      inputs: { 'max-budget': '10M tokens, $100, 48h, 500 iterations' },
    });
    await route(over);
    expect((await w.stored(n))?.budget.tokens).toBe(10_000_000);
    await rewrite(n, (r) => {
      r.state = 'budget-limited';
      r.stopReason = {
        kind: 'budget-limited',
        dimension: 'tokens',
        detail: 'The token budget is used up.',
        limit: r.budget.tokens,
      };
      r.ledger.tokens = r.budget.tokens;
    });
    await say(n, '/goal budget 6M');
    expect(lastReply(n)).toContain('/goal resume');
  });

  it('edit: the objective changes, and the reply says how to go on', async () => {
    const n = await goalIn('paused');
    const before = (await w.stored(n))!;
    expect((await say(n, '/goal edit Make total() honour quantities and discounts')).kind).toBe(
      'done',
    );
    const after = (await w.stored(n))!;
    expect(after.contract.outcome).toContain('and discounts');
    expect(after.contractRevision).toBe(before.contractRevision + 1);
    expect(after.state).toBe('paused');
    expect(lastReply(n)).toContain('Objective updated');
  });

  it('ask: answers from the model, redacted and marked as the model’s, the goal untouched', async () => {
    const n = await goalIn('paused');
    const before = await w.stored(n);
    const result = await route(
      w.env(w.comment(n, MAINTAINER, '/goal ask What happened so far?'), {
        inputs: { 'base-url': openai.baseURL, api: 'chat', model: 'gpt-5' },
      }),
    );
    expect(result.kind).toBe('done');
    const answer = lastReply(n);
    expect(answer).toContain('nothing was changed yet');
    expect(answer).toContain('written by the model');
    expect(answer).not.toContain('ghs_unit_token_0123456789');
    expect(await w.stored(n)).toEqual(before);
  });

  it('commands on an issue without a goal say so and store nothing', async () => {
    const n = w.issue();
    for (const c of [
      '/goal pause',
      '/goal clear',
      '/goal budget 3M',
      '/goal edit x',
      '/goal ask y',
    ]) {
      expect((await say(n, c)).kind).toBe('done');
      expect(lastReply(n)).toContain('No goal on this issue');
    }
    await say(n, '/goal resume');
    expect(lastReply(n)).toContain('no goal to resume');
    expect(await w.stored(n)).toBeNull();
  });
});

describe('route: resume', () => {
  it('queues a paused goal again and asks for a loop; guidance is kept for the loop', async () => {
    const n = await goalIn('paused');
    const result = await say(n, '/goal resume try the quantity field first');
    expect(result.kind).toBe('pursue');
    const goal = (await w.stored(n))!;
    expect(goal.state).toBe('queued');
    expect(goal.contract.steering.join('\n')).toContain('try the quantity field first');
  });

  it('stores the queued goal before handing it over even when this job runs the loop', async () => {
    const n = await goalIn('paused');
    const result = await route(w.env(w.comment(n, MAINTAINER, '/goal resume')));
    expect(result).toMatchObject({ kind: 'pursue' });
    expect(result).not.toHaveProperty('unsaved');
    // A run that fails before its loop finds it queued, and marks it failed with the reason.
    expect((await w.stored(n))?.state).toBe('queued');
  });

  it('refuses to resume a goal whose budget is used up, and says how to raise it', async () => {
    const n = await goalIn('paused');
    await rewrite(n, (r) => {
      r.state = 'budget-limited';
      r.stopReason = {
        kind: 'budget-limited',
        dimension: 'tokens',
        detail: 'The token budget is used up.',
        limit: r.budget.tokens,
      };
      r.ledger.tokens = r.budget.tokens;
    });
    expect((await say(n, '/goal resume')).kind).toBe('done');
    expect(lastReply(n)).toMatch(/budget is still used up.*\/goal budget/s);
    expect((await w.stored(n))?.state).toBe('budget-limited');
  });

  it('refuses to resume a goal a live run is driving', async () => {
    const n = await goalIn('queued');
    await takeLock(n, '778');
    w.fake.workflowRuns.set(778, { status: 'in_progress' });
    expect((await say(n, '/goal resume')).kind).toBe('done');
    expect(lastReply(n)).toContain('already running');
  });
});

describe('route: refusals and bad input', () => {
  it('refuses a reader visibly (confused, a reply naming the access needed), storing nothing', async () => {
    const n = w.issue();
    const result = await say(n, '/goal Make total() honour quantities', 'outsider');
    expect(result.kind).toBe('done');
    expect(lastReply(n)).toMatch(/@outsider has read access.*write/s);
    expect(reactionsOn(n)).toContain('confused');
    expect(await w.stored(n)).toBeNull();
  });

  it('refuses a reader’s label and a reader’s dispatch the same way, storing nothing', async () => {
    const n = w.issue();
    expect((await route(w.env(w.label(n, 'outsider')))).kind).toBe('done');
    expect(lastReply(n)).toContain('@outsider has read access');
    const replies = w.replies(n).length;
    const dispatch = w.dispatch(
      { issue: String(n), command: 'Make total() honour quantities' },
      'outsider',
    );
    expect((await route(w.env(dispatch))).kind).toBe('done');
    expect(w.replies(n)).toHaveLength(replies + 1);
    expect(lastReply(n)).toContain('@outsider has read access');
    expect(await w.stored(n)).toBeNull();
  });

  it('refuses a bot not listed in allowed-bots with a reaction only', async () => {
    const n = w.issue();
    const replies = w.replies(n).length;
    expect((await say(n, '/goal pause', 'renovate[bot]')).kind).toBe('done');
    expect(reactionsOn(n)).toContain('confused');
    expect(w.replies(n)).toHaveLength(replies);
  });

  it('refuses /goal on a pull request from a fork', async () => {
    const pr = w.fake.createIssue({
      title: 'Fork PR',
      body: '',
      user: 'outsider',
      pull: { headRef: 'feature', baseRef: 'main', fromFork: true },
    }).number;
    expect((await say(pr, '/goal Make total() honour quantities')).kind).toBe('done');
    expect(lastReply(pr)).toMatch(/fork/i);
    expect(await w.stored(pr)).toBeNull();
  });

  it('answers a malformed command with the error and the usage, storing nothing', async () => {
    const n = w.issue();
    expect((await say(n, '/goal budget lots')).kind).toBe('done');
    const reply = lastReply(n);
    expect(reply).toMatch(/budget/i);
    expect(reply).toContain('/goal resume');
    expect(await w.stored(n)).toBeNull();
  });

  it('ignores a comment that holds no command, silently', async () => {
    const n = w.issue();
    expect((await say(n, 'thanks, looks good')).kind).toBe('done');
    expect(w.replies(n)).toHaveLength(0);
    expect(reactionsOn(n)).toHaveLength(0);
  });
});

describe('route: an unreadable .github/goal.yml', () => {
  it('says what is wrong and how to fix it, and starts nothing', async () => {
    const bad = await actionWorld({ files: { '.github/goal.yml': 'budget: [not, a, budget\n' } });
    try {
      const n = bad.issue();
      const result = await route(bad.env(bad.comment(n, MAINTAINER, '/goal Fix the cart')));
      expect(result.kind).toBe('done');
      const reply = bad.replies(n).at(-1) ?? '';
      expect(reply).toContain('.github/goal.yml');
      expect(reply).toMatch(/fix/i);
      expect(reply).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(await bad.stored(n)).toBeNull();
    } finally {
      await bad.close();
    }
  });
});

describe('route: an unreadable goal record', () => {
  it('is never taken for "no goal": every command says what happened and how to fix it, and nothing is overwritten', async () => {
    const n = await goalIn('queued');
    const ref = `refs/goal-action/${n}`;
    // The record on the goal's ref, damaged (a hand edit, a bad restore): not JSON any more.
    const blob = await runGit(w.remote, ['hash-object', '-w', '--stdin'], '{"state": "queu');
    const tree = await runGit(w.remote, ['mktree'], `100644 blob ${blob}\trecord.json\n`);
    const head = await runGit(w.remote, ['rev-parse', ref]);
    const broken = await runGit(w.remote, ['commit-tree', tree, '-p', head, '-m', 'damaged']);
    await runGit(w.remote, ['update-ref', ref, broken]);
    for (const command of ['/goal Start something new', '/goal pause', '/goal budget 5M']) {
      expect((await say(n, command)).kind).toBe('done');
      const reply = lastReply(n);
      expect(reply).toContain('cannot be read');
      expect(reply).toContain(ref);
      expect(reply).toMatch(/will not be overwritten/);
    }
    expect(await runGit(w.remote, ['rev-parse', ref])).toBe(broken);
    expect((await pickUpQueued(w.env(w.comment(n, MAINTAINER, '/goal resume')))).kind).toBe('done');
    expect(await runGit(w.remote, ['rev-parse', ref])).toBe(broken);
  });
});

describe('pick-up: what the pursue job runs', () => {
  const pick = (n: number, body = '/goal resume', user = MAINTAINER, runId?: string) =>
    pickUpQueued(
      w.env(w.comment(n, user, body), { inputs: { mode: 'pursue' }, ...(runId ? { runId } : {}) }),
    );

  it('runs a queued goal', async () => {
    const n = await goalIn('queued');
    const result = await pick(n, '/goal Make total() honour quantities');
    expect(result.kind).toBe('pursue');
    if (result.kind === 'pursue') expect(result.record.state).toBe('queued');
  });

  it('runs nothing for a paused goal, a missing one, or one a live run drives', async () => {
    const paused = await goalIn('paused');
    expect(await pick(paused)).toMatchObject({
      kind: 'done',
      reason: expect.stringContaining('paused'),
    });
    expect((await pick(w.issue())).kind).toBe('done');
    const live = await goalIn('queued');
    await takeLock(live, '779');
    w.fake.workflowRuns.set(779, { status: 'in_progress' });
    expect((await pick(live)).kind).toBe('done');
  });

  it('takes over a goal whose run died holding the lock', async () => {
    const n = await goalIn('queued');
    await takeLock(n, '780');
    w.fake.workflowRuns.set(780, { status: 'completed', conclusion: 'failure' });
    expect((await pick(n)).kind).toBe('pursue');
  });

  it('fails closed: a sender route would refuse runs nothing, and is not answered twice', async () => {
    const n = await goalIn('queued');
    const replies = w.replies(n).length;
    expect((await pick(n, '/goal resume', 'outsider')).kind).toBe('done');
    expect((await pick(n, '/goal resume', 'renovate[bot]')).kind).toBe('done');
    // The route job of the same run already answered; the pursue job stays quiet.
    expect(w.replies(n)).toHaveLength(replies);
  });
});

async function rewrite(n: number, change: (r: GoalRecord) => void): Promise<void> {
  const env = w.env(w.dispatch({ issue: String(n) }, MAINTAINER));
  const found = await GoalChannel.find(env.gh, n);
  const record = found.record!;
  change(record);
  const channel = new GoalChannel(env.gh, n, found.commentId, env.channelOptions);
  await channel.save(record);
  await channel.flush();
}

/** The goal as a loop in run `runId` holds it: pursuing, locked, heartbeat now. */
async function takeLock(n: number, runId: string): Promise<void> {
  await rewrite(n, (r) => {
    r.state = 'pursuing';
    r.lock = { runId, heartbeatAt: new Date().toISOString() };
  });
}

function reactionsOn(n: number): string[] {
  const ids = new Set(w.fake.comments.filter((c) => c.issueNumber === n).map((c) => c.id));
  return w.fake.reactions
    .filter((r) =>
      'commentId' in r.subject ? ids.has(r.subject.commentId) : r.subject.issueNumber === n,
    )
    .map((r) => r.content);
}
