// Start-up's reads asked at once (src/action/warm-reads.ts), with the real Octokit against the
// GitHub fake: routing's questions are each answered from the early read once, later calls ask
// GitHub again, nothing is asked for an event routing ignores, and an early read's failure reaches
// the caller that asks, never the process as an unhandled rejection.
import { afterEach, describe, expect, it } from 'vitest';
import { WarmRepo } from '../../src/action/warm-reads.js';
import { GOAL_YML_PATH } from '../../src/config/goal-yml.js';
import { createOctokit } from '../../src/github/client.js';
import { STATUS_MARKER } from '../../src/state/codec.js';
import { recordRef } from '../../src/store/record-store.js';
import { classifyEvent, type Intent } from '../../src/trigger/event.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { issueCommentEvent } from '../support/webhook-events.js';

const OWNER = 'acme';
const REPO = 'cart';
const TOKEN = 'ghs_unit_test_token_0123456789';

let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(): Promise<{ gh: WarmRepo; fake: GitHubFake }> {
  fake = await startGitHubFake({
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    users: [{ login: 'maintainer', permission: 'write' }],
  });
  const octokit = createOctokit({ token: TOKEN, baseUrl: fake.url, spaceWrites: false });
  return { gh: new WarmRepo(octokit, { owner: OWNER, repo: REPO }), fake };
}

function commentIntent(f: GitHubFake, body: string): Intent {
  const issue = f.createIssue({ title: 'Cart', body: 'total()', user: 'maintainer' });
  const comment = f.addComment(issue.number, 'maintainer', body);
  const event = issueCommentEvent({
    repo: { owner: OWNER, repo: REPO },
    issue: {
      number: issue.number,
      title: 'Cart',
      body: 'total()',
      author: { login: 'maintainer' },
    },
    comment: { id: comment.id, body, author: { login: 'maintainer' } },
  });
  return classifyEvent('issue_comment', event, { triggerLabel: 'goal-ready' });
}

/** Waits until the fake has answered `n` requests (bounded: a minute, for a loaded machine). */
async function answered(f: GitHubFake, n: number): Promise<void> {
  for (let i = 0; i < 6000 && f.requests.length < n; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('WarmRepo', () => {
  it("answers routing's questions for a new goal from one burst, once each", async () => {
    const { gh, fake: f } = await setUp();
    const intent = commentIntent(f, '/goal Make total() honour quantities');
    if (intent.kind !== 'comment') throw new Error('expected a comment intent');
    gh.warm(intent, true);
    // permission, status comment, record ref, goal.yml, issue, default branch.
    await answered(f, 6);
    const burst = f.requests.length;
    expect(burst).toBe(6);

    expect(await gh.permission('maintainer')).toBe('write');
    expect(await gh.findComment(intent.number, STATUS_MARKER)).toBeNull();
    expect(await gh.refSha(recordRef(intent.number))).toBeNull();
    expect(await gh.readFile(GOAL_YML_PATH)).toBeNull();
    expect((await gh.issue(intent.number)).title).toBe('Cart');
    expect(await gh.defaultBranch()).toBe('main');
    expect(f.requests.length).toBe(burst);

    // A second question is asked again: an early answer is handed out only once.
    await gh.readFile(GOAL_YML_PATH);
    await gh.issue(intent.number);
    expect(f.requests.length).toBe(burst + 2);
  });

  it('asks nothing for a comment without a command, and no goal-building reads for the pursue job', async () => {
    const { gh, fake: f } = await setUp();
    expect(gh.warm(commentIntent(f, 'Thanks, looks good.'), true)).toEqual([]);
    expect(gh.warm(classifyEvent('push', {}, { triggerLabel: 'goal-ready' }), true)).toEqual([]);
    const asked = gh.warm(commentIntent(f, '/goal Make total() honour quantities'), false);
    expect(asked.some((key) => key.startsWith('permission:'))).toBe(true);
    expect(asked.some((key) => key.startsWith('find:'))).toBe(true);
    expect(asked.some((key) => key.startsWith('issue:') || key === 'default-branch')).toBe(false);
  });

  it('hands an early read’s failure to the caller that asks', async () => {
    const { gh, fake: f } = await setUp();
    const intent = commentIntent(f, '/goal status');
    f.injectFailures({ method: 'GET', path: /\/collaborators\//, status: 403, count: 1 });
    gh.warm(intent, true);
    await expect(gh.permission('maintainer')).rejects.toThrow();
    // The next question goes to GitHub again, which now answers.
    expect(await gh.permission('maintainer')).toBe('write');
  });
});
