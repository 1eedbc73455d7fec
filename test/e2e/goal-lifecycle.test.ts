// The product as users meet it: the built dist/index.js, run as the Actions runner runs it, against
// the GitHub fake, a real git remote and the scripted OpenAI-compatible server.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../src/state/codec.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a /goal comment on an issue', () => {
  it('acknowledges, checkpoints, opens a draft PR and reaches achieved on verifier evidence', async () => {
    const script = goalScript([FIX, COMPLETE]);
    world = await GoalWorld.create(script);
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
      {
        firstMatch: () => world!.github.reactions.some((r) => r.content === 'eyes'),
      },
    );
    expect(run.failed, run.stderr + run.stdout).toBe(false);
    expect(run.outputs.status).toBe('achieved');
    expect(run.outputs['goal-id']).toMatch(/^g1-/);
    expect(run.outputs.branch).toBe('goal/1-make-total-honour-quantities');
    expect(Number(run.outputs.iterations)).toBe(1);
    expect(Number(run.outputs.tokens)).toBeGreaterThan(0);

    const gh = world.github;
    expect(gh.reactions.find((r) => r.content === 'eyes')).toBeTruthy();
    const status = world.statusComments(issue.number);
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain('achieved');
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0]).toMatchObject({
      draft: true,
      headRef: 'goal/1-make-total-honour-quantities',
      baseRef: 'main',
    });
    expect(run.outputs['pr-number']).toBe(String(gh.pulls[0]!.number));
    expect([...gh.issues.get(issue.number)!.labels]).toContain('goal: achieved');

    const log = await world.branchLog('goal/1-make-total-honour-quantities');
    expect(log.length).toBeGreaterThanOrEqual(1);
    expect(log.at(-1)).toContain('Goal-Iteration: 1');
    expect(log.at(-1)).toContain('Goal-Verifiers: 1/1 passed');
    expect(run.summary).toContain('achieved');
    // The job log folds each iteration into a group.
    expect(run.stdout).toContain('::group::Iteration 1\n');
    expect(run.stdout.split('::group::').length).toBe(run.stdout.split('::endgroup::').length);
    console.log(`e2e: time to 👀 ${run.elapsedMs} ms; GitHub writes ${gh.writeCount()}`);
  });
});

describe('a run that fails before its loop', () => {
  it('leaves the goal failed with the reason and the fix, and `/goal resume` with the key continues it', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const keyless = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
      { inputs: { 'openai-api-key': '' } },
    );
    expect(keyless.failed).toBe(true);
    expect(keyless.annotations.some((a) => a.level === 'error' && /API key/.test(a.message))).toBe(
      true,
    );
    expect(world.openai.requests).toHaveLength(0);
    const [status] = world.statusComments(issue.number);
    const failed = decodeRecord(status!.body);
    expect(failed?.state).toBe('failed');
    expect(failed?.stopReason).toMatchObject({ kind: 'failed', cause: 'config' });
    // The view says what went wrong and what to do; nothing says it waits for a runner.
    expect(status!.body).toContain('No API key for the model');
    expect(status!.body).toContain('secrets.OPENAI_API_KEY');
    expect(status!.body).toContain('/goal resume');
    expect(status!.body).not.toMatch(/waiting for a runner|waits for a runner/i);
    expect([...world.github.issues.get(issue.number)!.labels]).toContain('goal: failed');
    expect(keyless.outputs.status).toBe('failed');

    const resumed = await world.comment(issue.number, MAINTAINER, '/goal resume');
    expect(resumed.failed, resumed.stdout).toBe(false);
    expect(resumed.outputs.status).toBe('achieved');
    expect(resumed.outputs['goal-id']).toBe(failed!.id);
    expect(world.statusComments(issue.number)).toHaveLength(1);
    expect(world.openai.requests.length).toBeGreaterThan(0);
  });
});

describe('GitHub traffic', () => {
  it('writes at most a few times per iteration, even with debounce off', async () => {
    const NOTE = (i: number) => ({
      toolCalls: [
        {
          name: 'apply_patch',
          arguments: {
            input: `*** Begin Patch\n*** Add File: notes/${i}.md\n+step ${i}\n*** End Patch`,
          },
        },
      ],
    });
    // Five iterations that each checkpoint a note, then the fix and completion in the sixth.
    const script = goalScript((n) =>
      n < 10 ? (n % 2 === 0 ? NOTE(n) : { text: 'next' }) : n === 10 ? FIX : COMPLETE,
    );
    world = await GoalWorld.create(script);
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 10',
    );
    expect(run.outputs.status).toBe('achieved');
    const iterations = Number(run.outputs.iterations);
    expect(iterations).toBe(6);
    const writes = world.github.requests.filter((r) => r.method !== 'GET');
    // Per-run writes (👀, status comment, labels, PR, transition comment) plus per-iteration edits.
    const perIteration =
      writes.filter(
        (r) => /\/issues\/comments\/\d+$|\/pulls\/\d+$/.test(r.path) && r.method === 'PATCH',
      ).length / iterations;
    console.log(
      `e2e: ${writes.length} GitHub writes for ${iterations} iterations; ${perIteration.toFixed(2)} status/PR edits per iteration`,
    );
    expect(perIteration).toBeLessThanOrEqual(3);
    // The goal record's ref through the API, three requests a write (tree, commit, ref): per run
    // the route job's create, the loop's start with its lock and its final state; in between only
    // the writes the spending guarantee asks for (saved(), about one per four model calls, at most
    // one per iteration here) — the checkpoints carry the record in their git push.
    const recordWrites = writes.filter((r) => /\/git\/(trees|commits|refs)/.test(r.path)).length;
    expect(recordWrites).toBeLessThanOrEqual(3 * (3 + iterations));
    expect(writes.length - recordWrites).toBeLessThanOrEqual(12 + 3 * iterations);
  });
});
