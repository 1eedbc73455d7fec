// Any token works: GITHUB_TOKEN, a GitHub App installation token (`<app>[bot]`, GET /user 403) and a
// maintainer's personal token. The Action never asks who it is; it knows its own comments by its
// mark, and a maintainer whose token it runs with can still command it.
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

const APP = 'goal-app[bot]';
const LOOK: ScriptedTurn = {
  toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls src'] } }],
};

/** The Action's own comments, as the issue_comment runs they trigger (App tokens and PATs do). */
async function deliverOwnComments(w: GoalWorld, issueNumber: number, author: string) {
  const own = w.github.comments.filter(
    (c) =>
      c.issueNumber === issueNumber && c.user === author && c.body.includes('<!-- goal-action:'),
  );
  const before = { requests: w.openai.requests.length, reactions: w.github.reactions.length };
  for (const c of own) {
    const issue = w.github.issues.get(issueNumber)!;
    await w.run(
      'issue_comment',
      issueCommentEvent({
        repo: { owner: OWNER, repo: REPO },
        issue: {
          number: issueNumber,
          title: issue.title,
          body: issue.body,
          author: { login: issue.user },
        },
        comment: { id: c.id, body: c.body, author: { login: author } },
      }),
      { actor: author },
    );
  }
  return { count: own.length, ...before };
}

describe('a GitHub App installation token', () => {
  it('runs a whole goal life as <app>[bot]: start, pause, resume, achieved — one goal, one status comment', async () => {
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
    world = await GoalWorld.create(script, { botLogin: APP });
    const issue = world.issue();
    const first = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(first.outputs.status).toBe('paused');
    const second = await world.comment(issue.number, MAINTAINER, '/goal resume');
    expect(second.outputs.status).toBe('achieved');
    expect(second.outputs['goal-id']).toBe(first.outputs['goal-id']);
    // Expected 403/404 answers (a label not there yet, no .github/goal.yml) are no warnings.
    for (const run of [first, second])
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);

    const gh = world.github;
    // Never asked who it is (403 for installation tokens); every write is the App's.
    expect(gh.requests.filter((r) => r.path === '/user')).toHaveLength(0);
    const status = world.statusComments(issue.number);
    expect(status).toHaveLength(1);
    expect(status[0]!.user).toBe(APP);
    expect(decodeRecord(status[0]!.body)?.runs).toHaveLength(2);
    expect(gh.pulls).toHaveLength(1);
    expect(world.replies(issue.number).some((c) => c.body.includes('No goal on this issue'))).toBe(
      false,
    );
    expect(world.replies(issue.number).every((c) => c.user === APP)).toBe(true);
  }, 120_000);
});

describe("a maintainer's personal token", () => {
  it('still takes the maintainer’s commands, and ignores the comments it wrote itself', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]), { botLogin: MAINTAINER });
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status).toBe('achieved');
    expect(world.statusComments(issue.number)[0]!.user).toBe(MAINTAINER);

    // The maintainer's /goal (same account as the token) is a command, not "our own".
    const status = await world.comment(issue.number, MAINTAINER, '/goal');
    expect(status.outputs.status).toBe('achieved');
    expect(world.github.reactions.filter((r) => r.content === 'eyes')).toHaveLength(2);

    // The Action's own comments trigger runs with a PAT: each is ignored, free and silent.
    const delivered = await deliverOwnComments(world, issue.number, MAINTAINER);
    expect(delivered.count).toBeGreaterThanOrEqual(2); // the status and the transition comment
    expect(world.openai.requests).toHaveLength(delivered.requests);
    expect(world.github.reactions).toHaveLength(delivered.reactions);
  }, 120_000);
});
