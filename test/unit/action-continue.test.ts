// Auto-continuation, in process with the real Octokit against the GitHub fake: a goal paused at
// its run deadline dispatches the next run with a one-time nonce (stored as a hash first); that
// dispatch, whoever GitHub says sent it, continues the goal exactly once; any other pause starts
// nothing; a workflow without the input or a token without `actions: write` gets a hint that says
// what to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continueLater } from '../../src/action/continue.js';
import { GoalChannel } from '../../src/action/goal-channel.js';
import { route } from '../../src/action/route.js';
import { stops } from '../../src/domain/stop.js';
import type { GoalRecord, StopReason } from '../../src/engine/types.js';
import { actionWorld, MAINTAINER, type ActionWorld } from './action-fixtures.js';

let w: ActionWorld;
beforeAll(async () => {
  w = await actionWorld();
});
afterAll(async () => {
  await w?.close();
});

/** What the loop leaves when its run reaches the deadline, and when a person paused it. */
const AT_DEADLINE = stops.deadline();
const BY_USER = stops.pausedBy(MAINTAINER);

/** A goal started by the route job, then stopped as `stop` says, as the loop's run saw it. */
async function stoppedGoal(
  stop: StopReason,
  runId: string,
): Promise<{ n: number; record: GoalRecord }> {
  const n = w.issue();
  await route(
    w.env(w.comment(n, MAINTAINER, '/goal Make total() honour quantities'), {
      inputs: { mode: 'route' },
    }),
  );
  const env = w.env(w.dispatch({ issue: String(n) }, MAINTAINER), { runId });
  const found = await GoalChannel.find(env.gh, n);
  const record = found.record!;
  record.state = 'paused';
  record.stopReason = stop;
  const channel = new GoalChannel(env.gh, n, found.commentId, env.channelOptions);
  await channel.save(record);
  return { n, record };
}

describe('continuation past the run deadline', () => {
  it('dispatches the next run with a nonce; that dispatch continues the goal once', async () => {
    const { n, record } = await stoppedGoal(AT_DEADLINE, '6001');
    const dispatches = w.fake.dispatches.length;
    const warnings: string[] = [];
    const env = w.env(w.dispatch({ issue: String(n) }, MAINTAINER), { runId: '6001' });
    await continueLater(env, n, record, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(w.fake.dispatches).toHaveLength(dispatches + 1);
    const sent = w.fake.dispatches.at(-1)!;
    expect(sent).toMatchObject({
      workflow: 'goal.yml',
      ref: 'refs/heads/main',
      sender: 'github-actions[bot]',
      inputs: { issue: String(n), command: '/goal resume' },
    });
    const nonce = sent.inputs.continuation!;
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    // Only a hash is stored, where anyone who reads the issue can see it.
    expect(JSON.stringify(await w.stored(n))).not.toContain(nonce);

    // The dispatch GitHub delivers: sender github-actions[bot], which is otherwise refused.
    const next = await route(
      w.env(w.dispatch(sent.inputs, 'github-actions[bot]'), { runId: '6002' }),
    );
    expect(next.kind).toBe('pursue');
    expect((await w.stored(n))?.state).toBe('queued');

    // Delivered again, to another run: the nonce is spent, the bot is refused, nothing starts.
    const replay = await route(
      w.env(w.dispatch(sent.inputs, 'github-actions[bot]'), { runId: '6003' }),
    );
    expect(replay.kind).toBe('done');
    expect(w.replies(n).at(-1)).toContain('is a bot');
  });

  it('starts nothing for a goal paused by a user, or one that is not paused', async () => {
    const dispatches = w.fake.dispatches.length;
    const paused = await stoppedGoal(BY_USER, '6010');
    await continueLater(
      w.env(w.dispatch({ issue: String(paused.n) }, MAINTAINER)),
      paused.n,
      paused.record,
      () => {},
    );
    const achieved = await stoppedGoal({ kind: 'achieved', evidence: 'npm test passes' }, '6011');
    achieved.record.state = 'achieved';
    await continueLater(
      w.env(w.dispatch({ issue: String(achieved.n) }, MAINTAINER)),
      achieved.n,
      achieved.record,
      () => {},
    );
    expect(w.fake.dispatches).toHaveLength(dispatches);
  });

  it('does not continue a goal a person changed after the run stopped (cleared it meanwhile)', async () => {
    const { n, record } = await stoppedGoal(AT_DEADLINE, '6015');
    await route(w.env(w.comment(n, MAINTAINER, '/goal clear')));
    expect((await w.stored(n))?.state).toBe('cleared');
    const dispatches = w.fake.dispatches.length;
    const warnings: string[] = [];
    // The run still holds the record as it stopped: paused at its deadline.
    await continueLater(w.env(w.dispatch({ issue: String(n) }, MAINTAINER)), n, record, (m) =>
      warnings.push(m),
    );
    expect(w.fake.dispatches).toHaveLength(dispatches);
    expect(warnings.join('\n')).toContain('/goal resume');
    expect((await w.stored(n))?.state).toBe('cleared');
  });

  it('says to grant `actions: write` when the token may not dispatch, and how to go on', async () => {
    const { n, record } = await stoppedGoal(AT_DEADLINE, '6020');
    w.fake.settings.dispatch = false;
    const warnings: string[] = [];
    try {
      await continueLater(w.env(w.dispatch({ issue: String(n) }, MAINTAINER)), n, record, (m) =>
        warnings.push(m),
      );
    } finally {
      w.fake.settings.dispatch = true;
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`actions: write`');
    expect(warnings[0]).toContain('/goal resume');
  });

  it('says to add the `continuation` input when the workflow refuses it (422)', async () => {
    const { n, record } = await stoppedGoal(AT_DEADLINE, '6030');
    w.fake.injectFailures({ method: 'POST', path: /\/dispatches$/, status: 422, count: 1 });
    const warnings: string[] = [];
    await continueLater(w.env(w.dispatch({ issue: String(n) }, MAINTAINER)), n, record, (m) =>
      warnings.push(m),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/`continuation` input.*workflow_dispatch/);
    expect(warnings[0]).toContain('/goal resume');
  });
});
