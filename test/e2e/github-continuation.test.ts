// Past the job time limit, through the example workflow's two jobs: the run that stops at its
// deadline starts the next run itself, the dispatch arrives as GitHub delivers it — sender
// github-actions[bot] — and continues the same goal, ledger and branch included; the nonce works once.
import { afterEach, describe, expect, it } from 'vitest';
import { ExampleRunner, readExampleWorkflow, storedGoal } from '../support/example-workflow.js';
import {
  COMPLETE,
  FIX,
  GoalWorld,
  MAINTAINER,
  OWNER,
  REPO,
  goalScript,
} from '../support/goal-world.js';
import type { ScriptedTurn } from '../support/openai-server.js';
import { issueCommentEvent, workflowDispatchEvent } from '../support/webhook-events.js';

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
  it('through the example workflow: the run at its deadline dispatches the next, which continues the goal to achieved with its ledger; the nonce works once', async () => {
    let phase: 'first' | 'second' = 'first';
    // The first run checkpoints the fix, then its next turn outlasts the run's one minute; the
    // second run (whose verifier passes only with the first run's checkpoint) completes.
    const script = goalScript((n) => (phase === 'second' ? COMPLETE : n === 0 ? FIX : SLOW_LOOK));
    world = await GoalWorld.create(script);
    const example = new ExampleRunner(await readExampleWorkflow(), world);
    const gh = world.github;
    const billed = () =>
      world!.openai.requests.reduce(
        (sum, r) => sum + Math.max(0, r.inputTokens - r.cachedTokens) + r.outputTokens,
        0,
      );
    try {
      const issue = world.issue();
      const body = '/goal Make total() honour quantities';
      const comment = gh.addComment(issue.number, MAINTAINER, body);
      const first = await example.both({
        eventName: 'issue_comment',
        event: issueCommentEvent({
          repo: { owner: OWNER, repo: REPO },
          issue: {
            number: issue.number,
            title: issue.title,
            body: issue.body,
            author: { login: MAINTAINER },
          },
          comment: { id: comment.id, body, author: { login: MAINTAINER } },
        }),
        actor: MAINTAINER,
        runId: '900',
        inputs: { 'max-run-minutes': '1' },
      });
      expect(first.pursue?.failed, first.pursue?.stdout).toBe(false);
      expect(first.pursue!.outputs.status).toBe('paused');
      const firstTokens = Number(first.pursue!.outputs.tokens);
      const firstIterations = Number(first.pursue!.outputs.iterations);
      expect(firstTokens).toBeGreaterThanOrEqual(billed());
      const checkpoints = await world.branchLog(first.pursue!.outputs.branch!);
      expect(checkpoints).not.toHaveLength(0);

      expect(gh.dispatches).toHaveLength(1);
      const dispatched = gh.dispatches[0]!;
      expect(dispatched).toMatchObject({
        workflow: 'goal.yml',
        ref: 'refs/heads/main',
        sender: 'github-actions[bot]',
        inputs: { issue: String(issue.number), command: '/goal resume' },
      });
      // GitHub refuses a dispatch with inputs the workflow does not declare (422).
      const declared = Object.keys(example.workflow.on.workflow_dispatch?.inputs ?? {});
      for (const name of Object.keys(dispatched.inputs)) expect(declared).toContain(name);
      const nonce = dispatched.inputs.continuation ?? '';
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      // Only the nonce's hash is stored, where anyone who reads the issue can see the record.
      const stored = await storedGoal(world, issue.number);
      expect(stored?.continuation?.nonceHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(nonce);
      expect(
        world
          .statusComments(issue.number)
          .map((c) => c.body)
          .join(''),
      ).not.toContain(nonce);

      // The run that dispatch starts, as GitHub delivers it: route, then pursue.
      phase = 'second';
      const billedBefore = billed();
      const dispatch = (runId: string) => ({
        eventName: 'workflow_dispatch',
        event: workflowDispatchEvent({
          repo: { owner: OWNER, repo: REPO },
          inputs: dispatched.inputs,
          sender: { login: 'github-actions[bot]' },
        }),
        actor: 'github-actions[bot]',
        runId,
      });
      const next = await example.both(dispatch('901'));
      expect(next.route.outputs['run-loop']).toBe('true');
      expect(next.pursue?.failed, next.pursue?.stdout).toBe(false);
      expect(next.pursue!.outputs.status).toBe('achieved');
      expect(next.pursue!.outputs['goal-id']).toBe(first.pursue!.outputs['goal-id']);
      // The ledger carries over: what the first run spent plus what this one was billed.
      const tokens = Number(next.pursue!.outputs.tokens);
      expect(tokens).toBeGreaterThanOrEqual(firstTokens + (billed() - billedBefore));
      expect(tokens).toBeGreaterThanOrEqual(billed());
      expect(Number(next.pursue!.outputs.iterations)).toBeGreaterThan(firstIterations);
      if (process.env.H6_FIGURES)
        console.log(
          `ledger after run 1: ${firstTokens} (billed ${billedBefore}); after run 2: ${tokens} (billed ${billed()} over both)`,
        );
      // The same branch, grown from the first run's checkpoints; one status comment, one PR.
      const log = await world.branchLog(next.pursue!.outputs.branch!);
      expect(log.slice(-checkpoints.length)).toEqual(checkpoints);
      expect(world.statusComments(issue.number)).toHaveLength(1);
      expect(gh.pulls).toHaveLength(1);
      expect(gh.dispatches).toHaveLength(1);

      // The same dispatch delivered again (another run): the nonce is spent, the bot is refused,
      // and neither job spends anything.
      const requests = world.openai.requests.length;
      const replay = await example.both(dispatch('902'));
      expect(replay.route.outputs['run-loop']).toBe('false');
      expect(world.replies(issue.number).at(-1)?.body).toContain('is a bot');
      const forced = await example.pursue(dispatch('902'));
      expect(forced.failed).toBe(false);
      expect(world.openai.requests).toHaveLength(requests);
      expect((await storedGoal(world, issue.number))?.state).toBe('achieved');
    } finally {
      await example.close();
    }
  }, 300_000);

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
