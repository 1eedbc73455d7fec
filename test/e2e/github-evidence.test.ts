// What GitHub shows for a goal besides its comment: a `goal-action` check run on every checkpoint
// commit (commit statuses where checks are refused), a refused pull request said on the issue, and
// a re-run of an achieved goal that spends nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { runGit } from '../support/git-fixtures.js';
import {
  COMPLETE,
  FIX,
  GoalWorld,
  MAINTAINER,
  goalScript,
  OWNER,
  REPO,
} from '../support/goal-world.js';
import type { ScriptedTurn } from '../support/openai-server.js';
import { issueCommentEvent } from '../support/webhook-events.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const BRANCH = 'goal/1-make-total-honour-quantities';
// An edit that checkpoints without fixing anything: its checkpoint fails verification.
const NOTE: ScriptedTurn = {
  toolCalls: [
    {
      name: 'apply_patch',
      arguments: {
        input: '*** Begin Patch\n*** Add File: notes/plan.md\n+multiply\n*** End Patch',
      },
    },
  ],
};
const END_TURN: ScriptedTurn = { text: 'Next: the fix.' };

async function checkpointShas(w: GoalWorld): Promise<string[]> {
  const out = await runGit(w.remote, ['rev-list', BRANCH, '--not', 'main']);
  return out.split('\n').filter(Boolean).reverse();
}

describe('evidence on every checkpoint', () => {
  it('puts a goal-action check run on each checkpoint commit, failing then succeeding', async () => {
    world = await GoalWorld.create(goalScript([NOTE, END_TURN, FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status).toBe('achieved');
    const shas = await checkpointShas(world);
    expect(shas.length).toBeGreaterThanOrEqual(2);
    const checks = world.github.checkRuns;
    for (const sha of shas)
      expect(checks.filter((c) => c.headSha === sha).map((c) => c.name)).toEqual(['goal-action']);
    const first = checks.find((c) => c.headSha === shas[0])!;
    const last = checks.find((c) => c.headSha === shas.at(-1))!;
    expect(first).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(first.output.summary, JSON.stringify(first)).toMatch(/\| test \| ❌ fail \|/);
    expect(first.output.summary).toMatch(/iteration 1 · [\d,]+ tokens so far/);
    // node --test names the failing test's file (in the sandbox's copy of the tree).
    expect(first.annotations).toContainEqual(
      expect.objectContaining({ path: 'test/cart.test.js', annotation_level: 'failure' }),
    );
    expect(last).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(last.output.summary).toMatch(/\| test \| ✅ pass \|/);
  }, 120_000);

  it('falls back to a goal-action commit status on each checkpoint when check runs are refused', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]), { settings: { checks: false } });
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status).toBe('achieved');
    const shas = await checkpointShas(world);
    expect(world.github.checkRuns).toHaveLength(0);
    expect(world.github.statuses.map((s) => [s.sha, s.context, s.state])).toEqual(
      shas.map((sha) => [sha, 'goal-action', 'success']),
    );
    // A refused check run is expected: no warning annotation for it.
    expect(
      run.annotations.filter((a) => a.level !== 'debug' && /check run/i.test(a.message)),
    ).toHaveLength(0);
  }, 120_000);
});

describe('a repository that does not let Actions open pull requests', () => {
  it('says so on the issue, naming the setting and the App-token alternative; pr-number stays empty', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]), {
      settings: { actionsMayCreatePulls: false },
    });
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status).toBe('achieved');
    expect(run.outputs['pr-number']).toBe('');
    expect(run.outputs['pr-url']).toBe('');
    expect(world.github.pulls).toHaveLength(0);
    const said = world.replies(issue.number).filter((c) => c.body.includes('pull request'));
    expect(said).toHaveLength(1);
    expect(said[0]!.body).toContain(
      'Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests"',
    );
    expect(said[0]!.body).toContain('GitHub App token');
    expect(said[0]!.body).toContain(BRANCH);
    // Only one attempt: the refusal is remembered for the rest of the run.
    expect(
      world.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls')),
    ).toHaveLength(1);
  }, 120_000);
});

describe('re-runs', () => {
  it('a re-run of the run that achieved the goal spends nothing and refreshes the status', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const first = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
      {
        runId: '555',
      },
    );
    expect(first.outputs.status).toBe('achieved');
    const requests = world.openai.requests.length;
    const comment = world.github.comments.find((c) => c.body.startsWith('/goal Make'))!;
    const before = world.statusComments(issue.number)[0]!.updatedAt;
    const rerun = await world.run(
      'issue_comment',
      issueCommentEvent({
        repo: { owner: OWNER, repo: REPO },
        issue: {
          number: issue.number,
          title: issue.title,
          body: issue.body,
          author: { login: MAINTAINER },
        },
        comment: { id: comment.id, body: comment.body, author: { login: MAINTAINER } },
      }),
      { runId: '555', runAttempt: 2 },
    );
    expect(rerun.outputs.status).toBe('achieved');
    expect(world.openai.requests).toHaveLength(requests);
    expect(world.statusComments(issue.number)).toHaveLength(1);
    expect(world.statusComments(issue.number)[0]!.updatedAt >= before).toBe(true);
    expect(rerun.stdout).toContain('already achieved');
  }, 120_000);
});
