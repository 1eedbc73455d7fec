// Past the job time limit: the run that stops at its deadline starts the next run itself, and the
// dispatch arrives as GitHub delivers it — sender github-actions[bot] — and continues the same goal.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord } from '../../src/state/codec.js';
import { issueContinuation } from '../../src/state/continuation.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';
import type { ScriptedTurn } from '../support/openai-server.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// The one slow turn: the model answers after the run's one-minute limit has passed.
const SLOW_LOOK: ScriptedTurn = {
  stallMs: 61_000,
  toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls src'] } }],
};

describe('auto-continuation', () => {
  it('continues the same goal to achieved when its own dispatch arrives from github-actions[bot]; the nonce works once', async () => {
    let phase: 'first' | 'second' = 'first';
    const script = goalScript((n) => (phase === 'first' ? SLOW_LOOK : n === 1 ? FIX : COMPLETE));
    world = await GoalWorld.create(script);
    const issue = world.issue();
    const first = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
      { inputs: { 'max-run-minutes': '1' } },
    );
    expect(first.outputs.status).toBe('paused');
    const gh = world.github;
    expect(gh.dispatches).toHaveLength(1);
    const dispatched = gh.dispatches[0]!;
    expect(dispatched).toMatchObject({
      workflow: 'goal.yml',
      ref: 'refs/heads/main',
      sender: 'github-actions[bot]',
      inputs: { issue: String(issue.number), command: '/goal resume' },
    });
    const nonce = dispatched.inputs.continuation ?? '';
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // Only the nonce's hash is stored, where anyone who reads the issue can see the record.
    const stored = decodeRecord(world.statusComments(issue.number)[0]!.body);
    expect(stored?.continuation?.nonceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(nonce);

    phase = 'second';
    const calls = script.mainCalls();
    const next = await world.dispatch(dispatched.inputs, 'github-actions[bot]');
    expect(next.failed, next.stdout).toBe(false);
    expect(next.outputs.status).toBe('achieved');
    expect(next.outputs['goal-id']).toBe(first.outputs['goal-id']);
    expect(script.mainCalls()).toBeGreaterThan(calls);
    expect(world.statusComments(issue.number)).toHaveLength(1);

    // The same dispatch delivered again (a new run) is an ordinary bot dispatch: refused, free.
    const requests = world.openai.requests.length;
    const replay = await world.dispatch(dispatched.inputs, 'github-actions[bot]');
    expect(replay.failed).toBe(false);
    expect(world.openai.requests).toHaveLength(requests);
    expect(world.replies(issue.number).at(-1)?.body).toContain('is a bot');
  }, 240_000);

  it('continues through the example workflow’s two jobs: route consumes the nonce, pursue (same run) runs the loop', async () => {
    let phase: 'first' | 'second' = 'first';
    const LOOK: ScriptedTurn = {
      toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls src'] } }],
    };
    const script = goalScript((n) => {
      if (phase === 'second') return n === 1 ? FIX : COMPLETE;
      // The maintainer pauses the first run while it works.
      world!.github.addComment(1, MAINTAINER, '/goal pause');
      return LOOK;
    });
    world = await GoalWorld.create(script);
    const issue = world.issue();
    const first = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(first.outputs.status).toBe('paused');
    // What continueLater leaves behind: the nonce's hash in the stored record.
    phase = 'second';
    const status = world.statusComments(issue.number)[0]!;
    const record = decodeRecord(status.body)!;
    const nonce = issueContinuation(record, '900', new Date().toISOString());
    status.body = status.body.replace(
      /<!-- goal-action:record v1 [A-Za-z0-9_-]* -->/,
      encodeRecord(record),
    );
    const inputs = { issue: String(issue.number), command: '/goal resume', continuation: nonce };
    const route = await world.dispatch(inputs, 'github-actions[bot]', {
      runId: '901',
      inputs: { mode: 'route' },
    });
    expect(route.outputs['run-loop']).toBe('true');
    const pursue = await world.dispatch(inputs, 'github-actions[bot]', {
      runId: '901',
      inputs: { mode: 'pursue' },
    });
    expect(pursue.outputs.status).toBe('achieved');
    expect(pursue.outputs['goal-id']).toBe(first.outputs['goal-id']);
    // Another run with the same nonce: spent, refused, no loop.
    const again = await world.dispatch(inputs, 'github-actions[bot]', {
      runId: '902',
      inputs: { mode: 'route' },
    });
    expect(again.outputs['run-loop']).toBe('false');
  }, 120_000);

  it('refuses a dispatch without the nonce from a bot, and one from a reader', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.dispatch({ issue: String(issue.number), command: 'resume' }, 'github-actions[bot]');
    await world.dispatch(
      { issue: String(issue.number), command: 'resume', continuation: 'x'.repeat(32) },
      'outsider',
    );
    expect(world.openai.requests).toHaveLength(0);
    const replies = world.replies(issue.number).map((c) => c.body);
    expect(replies[0]).toContain('is a bot');
    expect(replies[1]).toContain('@outsider has read access');
  });
});
