// Who may command a goal and how: every refusal is visible and costs no model call.
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMPLETE,
  FIX,
  GoalWorld,
  MAINTAINER,
  goalScript,
  lastUserText,
} from '../support/goal-world.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('refusals', () => {
  it('refuses a user without write access, visibly and without calling the model', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      'outsider',
      '/goal Make total() honour quantities',
    );
    expect(run.failed).toBe(false);
    expect(world.openai.requests).toHaveLength(0);
    expect(world.statusComments(issue.number)).toHaveLength(0);
    const reply = world.replies(issue.number).at(-1);
    expect(reply?.body).toContain('@outsider');
    expect(reply?.body).toMatch(/write/i);
    expect(world.github.reactions.map((r) => r.content)).toContain('confused');
  });

  it('ignores bots that are not allowed by name, with a visible refusal', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, 'renovate[bot]', '/goal Make total() honour quantities');
    expect(world.openai.requests).toHaveLength(0);
    expect(world.statusComments(issue.number)).toHaveLength(0);
    expect(world.github.reactions.map((r) => r.content)).toContain('confused');
  });

  it('refuses /goal on a pull request from a fork', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const pr = world.github.createIssue({
      title: 'Fork PR',
      body: '',
      user: 'outsider',
      pull: { headRef: 'feature', baseRef: 'main', fromFork: true },
    });
    await world.comment(pr.number, MAINTAINER, '/goal Make total() honour quantities');
    expect(world.openai.requests).toHaveLength(0);
    expect(world.replies(pr.number).at(-1)?.body).toMatch(/fork/i);
  });

  it('answers a malformed command with what was wrong and the correct form', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal budget lots');
    expect(world.openai.requests).toHaveLength(0);
    const reply = world.replies(issue.number).at(-1)?.body ?? '';
    expect(reply).toMatch(/budget/i);
    expect(reply).toContain('/goal');
  });

  it('never reacts to its own comments (they carry its mark, whoever the token is)', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      'github-actions[bot]',
      '/goal pause\n\n<!-- goal-action:own -->',
    );
    expect(run.failed).toBe(false);
    expect(world.github.comments.filter((c) => c.user === 'github-actions[bot]')).toHaveLength(1);
    expect(world.github.reactions).toHaveLength(0);
    // Another workflow's bot comment is not ours: refused with a reaction only, no reply.
    await world.comment(issue.number, 'github-actions[bot]', '/goal pause');
    expect(world.github.reactions.map((r) => r.content)).toEqual(['confused']);
    expect(world.github.comments.filter((c) => c.user === 'github-actions[bot]')).toHaveLength(2);
  });
});

describe('triggers', () => {
  it('starts a goal from the goal-ready label, with the issue body as its contract', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue(
      'Cart ignores quantities',
      '### Outcome\ntotal() multiplies each price by its quantity.\n\n### Constraints\nDo not change the tests.',
    );
    const run = await world.label(issue.number, MAINTAINER);
    expect(run.outputs.status).toBe('achieved');
    const firstRequest = JSON.stringify(world.openai.requests[0]!.body);
    expect(firstRequest).toContain('multiplies each price by its quantity');
    expect(firstRequest).toContain('Do not change the tests');
    expect(world.github.pulls).toHaveLength(1);
  });

  it('refuses a second goal on an issue that has one, and /goal alone refreshes the status', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal Make total() honour quantities');
    const requests = world.openai.requests.length;
    await world.comment(issue.number, MAINTAINER, '/goal Something else entirely');
    expect(world.openai.requests).toHaveLength(requests);
    expect(world.replies(issue.number).at(-1)?.body).toContain('already active');
    await world.comment(issue.number, MAINTAINER, '/goal');
    expect(world.statusComments(issue.number)).toHaveLength(1);
  });
});

describe('side commands', () => {
  it('answers /goal ask from the record without touching the goal, and redacts secrets it would post', async () => {
    const script = goalScript((n, req) =>
      lastUserText(req).includes('Question (untrusted')
        ? { text: 'Iteration 1 fixed total(); the token is ghs_test_token_0123456789.' }
        : ([FIX, COMPLETE][n] ?? { text: 'done' }),
    );
    world = await GoalWorld.create(script);
    const issue = world.issue();
    await world.comment(issue.number, MAINTAINER, '/goal Make total() honour quantities');
    const statusBefore = world.statusComments(issue.number)[0]!.body;
    await world.comment(issue.number, MAINTAINER, '/goal ask What did you change?');
    const answer = world.replies(issue.number).at(-1)!.body;
    expect(answer).toContain('Iteration 1 fixed total()');
    expect(answer).not.toContain('ghs_test_token_0123456789');
    expect(world.statusComments(issue.number)[0]!.body).toBe(statusBefore);
  });

  it('edits the objective of a paused goal; the resumed loop works on the new one', async () => {
    let paused = false;
    const script = goalScript((n) => {
      if (!paused) {
        world!.github.addComment(1, MAINTAINER, '/goal pause');
        paused = true;
        return { toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls'] } }] };
      }
      return n % 2 === 1 ? FIX : COMPLETE;
    });
    world = await GoalWorld.create(script);
    world.issue();
    expect(
      (await world.comment(1, MAINTAINER, '/goal Make total() honour quantities')).outputs.status,
    ).toBe('paused');
    await world.comment(
      1,
      MAINTAINER,
      '/goal edit Make total() honour quantities and keep prices exact',
    );
    expect(world.replies(1).at(-1)?.body).toContain('Objective updated');
    const resumed = await world.comment(1, MAINTAINER, '/goal resume');
    expect(resumed.outputs.status).toBe('achieved');
    const last = JSON.stringify(world.openai.requests.at(-1)!.body);
    expect(last).toContain('keep prices exact');
  });
});
