// Steering a goal across runs: pause, budget, resume, re-run and cancellation lose nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../src/state/codec.js';
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

const LOOK: ScriptedTurn = {
  toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls src'] } }],
};
const BRANCH = 'goal/1-make-total-honour-quantities';

function storedRecord(w: GoalWorld, issueNumber: number) {
  const body = w.statusComments(issueNumber)[0]?.body ?? '';
  return decodeRecord(body);
}

describe('control across runs', () => {
  it('pauses within one iteration when a maintainer comments /goal pause, checkpointing first', async () => {
    const issueNumber = 1;
    let paused = false;
    const script = goalScript((n) => {
      if (n === 0) return FIX;
      if (!paused) {
        // A maintainer pauses while the loop is working; the loop polls comments between steps.
        world!.github.addComment(issueNumber, MAINTAINER, '/goal pause');
        paused = true;
      }
      return LOOK;
    });
    world = await GoalWorld.create(script);
    world.issue();
    const run = await world.comment(
      issueNumber,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status).toBe('paused');
    expect(script.mainCalls()).toBeLessThanOrEqual(3);
    const log = await world.branchLog(BRANCH);
    expect(log.length).toBeGreaterThanOrEqual(1);
    expect(storedRecord(world, issueNumber)?.state).toBe('paused');
    expect(world.replies(issueNumber).some((c) => c.body.includes('Goal paused'))).toBe(true);
  });

  it('stops budget-limited, then continues after /goal budget and /goal resume with the cumulative ledger', async () => {
    // The model only looks around until the budget is raised; then it fixes and completes.
    const fix: { at?: number } = {};
    const script = goalScript((n) => (fix.at === undefined ? LOOK : n === fix.at ? FIX : COMPLETE));
    world = await GoalWorld.create(script);
    const issue = world.issue();
    const first = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --budget 20k',
    );
    expect(first.outputs.status).toBe('budget-limited');
    const firstTokens = Number(first.outputs.tokens);
    expect(firstTokens).toBeGreaterThan(0);
    expect(world.replies(issue.number).at(-1)?.body).toContain('/goal budget');

    const early = await world.comment(issue.number, MAINTAINER, '/goal resume');
    expect(early.outputs.status).toBe('budget-limited');
    expect(world.replies(issue.number).at(-1)?.body).toMatch(/budget is still used up/i);

    await world.comment(issue.number, MAINTAINER, '/goal budget 400k');
    expect(world.replies(issue.number).at(-1)?.body).toContain('Budget is now');
    fix.at = script.mainCalls();
    const second = await world.comment(issue.number, MAINTAINER, '/goal resume');
    expect(second.outputs.status).toBe('achieved');
    expect(Number(second.outputs.tokens)).toBeGreaterThan(firstTokens);
    expect(second.outputs['goal-id']).toBe(first.outputs['goal-id']);
    expect(world.statusComments(issue.number)).toHaveLength(1);
    expect(storedRecord(world, issue.number)?.runs).toHaveLength(2);
  });

  it('continues the same goal on a re-run instead of starting another', async () => {
    let paused = false;
    const script = goalScript((n) => {
      if (n === 0) return FIX;
      if (!paused) {
        world!.github.addComment(1, MAINTAINER, '/goal pause');
        paused = true;
        return LOOK;
      }
      return COMPLETE;
    });
    world = await GoalWorld.create(script);
    world.issue();
    const first = await world.comment(1, MAINTAINER, '/goal Make total() honour quantities', {
      runId: '777',
    });
    expect(first.outputs.status).toBe('paused');
    // The same event, run again from the Actions UI: same run id, attempt 2.
    const comment = world.github.comments.find((c) => c.body.startsWith('/goal Make'))!;
    const rerun = await world.run(
      'issue_comment',
      issueCommentEvent({
        repo: { owner: OWNER, repo: REPO },
        issue: {
          number: 1,
          title: 'Cart ignores quantities',
          body: '',
          author: { login: MAINTAINER },
        },
        comment: { id: comment.id, body: comment.body, author: { login: MAINTAINER } },
      }),
      { runId: '777', runAttempt: 2 },
    );
    expect(rerun.outputs.status).toBe('achieved');
    expect(rerun.outputs['goal-id']).toBe(first.outputs['goal-id']);
    expect(world.statusComments(1)).toHaveLength(1);
    expect(world.replies(1).some((c) => c.body.includes('already active'))).toBe(false);
  });

  it('checkpoints and records the state when cancelled mid-iteration, and resumes with nothing lost', async () => {
    let phase: 'first' | 'second' = 'first';
    const script = goalScript((n) => {
      if (phase === 'first')
        return n === 0
          ? FIX
          : { toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'sleep 60'] } }] };
      return COMPLETE;
    });
    world = await GoalWorld.create(script);
    world.issue();
    const cancelled = await world.comment(1, MAINTAINER, '/goal Make total() honour quantities', {
      cancelWhen: (out) => out.includes('apply_patch'),
    });
    expect(cancelled.cancelled).toBe(true);
    const record = storedRecord(world, 1);
    expect(record?.state).toBe('paused');
    expect(record?.stopReason?.kind === 'paused' && record.stopReason.detail).toMatch(/cancel/i);
    const log = await world.branchLog(BRANCH);
    expect(log.length).toBeGreaterThanOrEqual(1);

    phase = 'second';
    const resumed = await world.comment(1, MAINTAINER, '/goal resume');
    expect(resumed.outputs.status).toBe('achieved');
    // The fix made before the cancel is what the resumed goal verified: nothing was redone or lost.
    const { runGit } = await import('../support/git-fixtures.js');
    expect(await runGit(world.remote, ['show', `${BRANCH}:src/cart.js`])).toContain(
      'item.quantity ?? 1',
    );
    const after = await world.branchLog(BRANCH);
    expect(after.slice(after.length - log.length)).toEqual(log);
  });
});
