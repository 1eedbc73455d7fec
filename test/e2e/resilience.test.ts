// What goes wrong on real runners: GitHub answering 502 or rate-limiting us, and a human pushing to
// the goal's branch while the loop works.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../src/state/codec.js';
import { commitAs, cloneRemote, runGit } from '../support/git-fixtures.js';
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

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const BRANCH = 'goal/1-make-total-honour-quantities';

describe('resilience', () => {
  it('survives GitHub 502s and a secondary rate limit during a goal', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    world.issue();
    world.github.injectFailures({
      method: 'PATCH',
      path: /\/issues\/comments\/\d+$/,
      status: 502,
      count: 1,
    });
    world.github.injectFailures({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      count: 1,
      secondaryRateLimit: true,
    });
    world.github.injectFailures({
      method: 'POST',
      path: /\/issues\/1\/comments$/,
      status: 502,
      count: 1,
    });
    const run = await world.comment(1, MAINTAINER, '/goal Make total() honour quantities');
    expect(run.failed, run.stdout).toBe(false);
    expect(run.outputs.status).toBe('achieved');
    const injected = world.github.requests.filter(
      (r) => r.status === 502 || (r.status === 403 && r.path.endsWith('/pulls')),
    );
    expect(injected.length).toBe(3);
    expect(world.github.pulls).toHaveLength(1);
    expect(world.statusComments(1)).toHaveLength(1);
  });

  it('stops and reports when a human pushes to the goal branch during a run, keeping their commit', async () => {
    let humanSha = '';
    const script = goalScript(async (n) => {
      if (n === 0) return FIX;
      // Ending the turn: the harness checkpoints iteration 1 and pushes the goal branch.
      if (n === 1) return { text: 'Fixed; please verify.' };
      if (n === 2) {
        // A maintainer pushes to the goal branch while the loop works.
        const clone = await cloneRemote(world!.remote);
        await runGit(clone, ['fetch', 'origin', BRANCH]);
        await runGit(clone, ['checkout', '-b', BRANCH, `origin/${BRANCH}`]);
        humanSha = await commitAs(clone, { 'NOTES.md': 'human notes\n' }, 'Human note');
        await runGit(clone, ['push', 'origin', BRANCH]);
        return {
          toolCalls: [
            {
              name: 'apply_patch',
              arguments: {
                input:
                  '*** Begin Patch\n*** Add File: src/extra.js\n+export const extra = 1;\n*** End Patch',
              },
            },
          ],
        };
      }
      return COMPLETE;
    });
    world = await GoalWorld.create(script);
    world.issue();
    const run = await world.comment(1, MAINTAINER, '/goal Make total() honour quantities');
    expect(run.outputs.status).toBe('failed');
    expect(run.failed).toBe(true);
    const record = decodeRecord(world.statusComments(1)[0]!.body);
    expect(record?.stopReason?.kind).toBe('failed');
    expect(record?.stopReason?.kind === 'failed' && record.stopReason.error).toMatch(
      /human|pushed|diverged/i,
    );
    // The human's commit is still the tip of the branch on the remote.
    expect((await runGit(world.remote, ['rev-parse', BRANCH])).trim()).toBe(humanSha);
  });

  it('a pursue job with a bad input fails the goal its route job queued, and says what to fix', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const body = '/goal Make total() honour quantities';
    const comment = world.github.addComment(issue.number, MAINTAINER, body);
    // One workflow run, two jobs, the same event: route queues, pursue cannot read its inputs.
    const event = issueCommentEvent({
      repo: { owner: OWNER, repo: REPO },
      issue: {
        number: issue.number,
        title: issue.title,
        body: issue.body,
        author: { login: MAINTAINER },
      },
      comment: { id: comment.id, body, author: { login: MAINTAINER } },
    });
    const routed = await world.run('issue_comment', event, {
      runId: '77',
      inputs: { mode: 'route' },
    });
    expect(routed.outputs['run-loop']).toBe('true');
    expect(decodeRecord(world.statusComments(issue.number)[0]!.body)?.state).toBe('queued');

    const pursued = await world.run('issue_comment', event, {
      runId: '77',
      inputs: { mode: 'pursue', 'max-run-minutes': 'soon' },
    });
    expect(pursued.failed).toBe(true);
    expect(world.openai.requests).toHaveLength(0);
    const status = world.statusComments(issue.number);
    expect(status).toHaveLength(1);
    const record = decodeRecord(status[0]!.body);
    expect(record?.state).toBe('failed');
    expect(record?.stopReason).toMatchObject({ kind: 'failed', cause: 'config' });
    expect(status[0]!.body).toContain('max-run-minutes');
    const told = world.replies(issue.number).at(-1)!.body;
    expect(told).toContain('could not start this run');
    expect(told).toContain('max-run-minutes');
    expect(told).toContain('/goal resume');
  });
});
