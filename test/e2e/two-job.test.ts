// The workflow the example recommends (examples/workflows/goal.yml), run as the runner runs it: the
// `route` job (no checkout, the example's `with:`) for every event, then — only when its `run-loop`
// output is 'true', as the `pursue` job's `if:` says — the `pursue` job (a checkout, the example's
// `with:`) in the same workflow run. Route acknowledges and queues without calling the model;
// pursue picks the goal up and reaches the verified outcome; route-only commands never start a
// loop; and pursue, on its own, still refuses a sender route would refuse (fail closed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { issueCommentEvent } from '../support/webhook-events.js';

let world: GoalWorld;
let example: ExampleRunner;
let runs = 7000;

beforeAll(async () => {
  world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
  example = new ExampleRunner(await readExampleWorkflow(), world);
});
afterAll(async () => {
  await example?.close();
  await world?.close();
});

/** A new comment and the workflow run it starts (route, then pursue when route says so). */
async function workflowRun(issue: number, user: string, body: string) {
  const run = {
    eventName: 'issue_comment',
    event: commentEvent(issue, user, body),
    actor: user,
    runId: String(runs++),
  };
  return { ...run, ...(await example.both(run)) };
}

function commentEvent(issue: number, user: string, body: string): unknown {
  const comment = world.github.addComment(issue, user, body);
  const i = world.github.issues.get(issue)!;
  return issueCommentEvent({
    repo: { owner: OWNER, repo: REPO },
    issue: { number: issue, title: i.title, body: i.body, author: { login: i.user } },
    comment: { id: comment.id, body, author: { login: user } },
  });
}

const stored = (issue: number) => storedGoal(world, issue);
const modelCalls = () => world.openai.requests.length;

describe('the example workflow: route, then pursue', () => {
  it('wires route’s run-loop output into the pursue job’s condition', () => {
    const { jobs } = example.workflow;
    expect(jobs.route.outputs?.['run-loop']).toBe('${{ steps.goal.outputs.run-loop }}');
    expect(jobs.pursue.needs).toBe('route');
    expect(jobs.pursue.if).toBe("needs.route.outputs.run-loop == 'true'");
    expect(jobs.route.steps.find((s) => s.uses?.includes('goal-action'))?.id).toBe('goal');
    const route = example.stepInputs('route');
    const pursue = example.stepInputs('pursue');
    expect(route.mode).toBe('route');
    expect(pursue.mode).toBe('pursue');
    // Route builds each new goal's contract and budget; pursue applies edits and budget changes:
    // both must be given the same settings.
    for (const name of ['verify', 'budget', 'max-budget', 'trigger-label', 'allowed-bots'])
      expect(route[name], name).toBe(pursue[name]);
    expect(route.verify).toMatch(/\S/);
  });

  it('route acknowledges and queues without the model; pursue reaches the verified outcome', async () => {
    const issue = world.issue();
    const run = await workflowRun(issue.number, MAINTAINER, '/goal Make total() honour quantities');
    expect(run.route.failed, run.route.stdout).toBe(false);
    expect(run.route.outputs).toMatchObject({ 'run-loop': 'true', status: 'queued' });
    expect(world.github.reactions.map((r) => r.content)).toContain('eyes');
    expect(run.pursue, 'the pursue job ran').toBeDefined();
    const pursue = run.pursue!;
    expect(pursue.failed, pursue.stdout).toBe(false);
    expect(pursue.outputs.status).toBe('achieved');
    expect(pursue.outputs['goal-id']).toBe(run.route.outputs['goal-id']);
    expect(modelCalls()).toBeGreaterThan(0);
    expect(world.statusComments(issue.number)).toHaveLength(1);
    expect(world.github.pulls).toHaveLength(1);
    expect(await world.branchLog(pursue.outputs.branch!)).not.toHaveLength(0);
    expect((await stored(issue.number))?.state).toBe('achieved');

    // A route-only command: answered by route, no loop; a pursue job run anyway starts nothing.
    const calls = modelCalls();
    const status = await workflowRun(issue.number, MAINTAINER, '/goal status');
    expect(status.route.outputs['run-loop']).toBe('false');
    expect(status.pursue).toBeUndefined();
    const anyway = await example.pursue(status);
    expect(anyway.failed).toBe(false);
    expect(anyway.outputs.status).toBe('achieved');
    expect(modelCalls()).toBe(calls);
    expect(world.statusComments(issue.number)).toHaveLength(1);
  }, 180_000);

  it('pause is route’s alone; pursue refuses a sender route refuses, even for a queued goal', async () => {
    const issue = world.issue('Cart rounding', 'total() should round to cents.');
    const calls = modelCalls();
    // Queued by route; its pursue job is still waiting for the concurrency group (not run here).
    const event = commentEvent(issue.number, MAINTAINER, '/goal Make total() round to cents');
    const queued = await example.route({
      eventName: 'issue_comment',
      event,
      actor: MAINTAINER,
      runId: String(runs++),
    });
    expect(queued.outputs['run-loop']).toBe('true');

    // A reader's command: route refuses visibly and asks for no loop ...
    const outsider = await workflowRun(issue.number, 'outsider', '/goal resume');
    expect(outsider.route.outputs['run-loop']).toBe('false');
    const replies = world.replies(issue.number);
    expect(replies.at(-1)?.body).toContain('@outsider has read access');
    // ... and a pursue job for that event (a workflow without the `if:`) runs nothing, silently.
    const forced = await example.pursue(outsider);
    expect(forced.failed).toBe(false);
    expect(modelCalls()).toBe(calls);
    expect(world.replies(issue.number)).toHaveLength(replies.length);
    expect((await stored(issue.number))?.state).toBe('queued');

    // The maintainer pauses it: route does it all, no loop.
    const pause = await workflowRun(issue.number, MAINTAINER, '/goal pause');
    expect(pause.route.outputs).toMatchObject({ 'run-loop': 'false', status: 'paused' });
    expect(pause.pursue).toBeUndefined();
    expect((await stored(issue.number))?.state).toBe('paused');
    expect(world.replies(issue.number).at(-1)?.body).toContain('Paused');
    expect(modelCalls()).toBe(calls);
  }, 120_000);
});
