// GitHubRepo through the real Octokit against the stateful GitHub fake on 127.0.0.1.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/client.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { startGitHubFake, type FakeUser, type GitHubFake } from '../support/github-fake.js';

const TOKEN = 'ghs_test_token';
const MARKER = '<!-- goal-action:status -->';
let fake: GitHubFake | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function setup(opts: { users?: FakeUser[]; gitDir?: string; botLogin?: string } = {}) {
  fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN, ...opts });
  const octokit = createOctokit({ token: TOKEN, baseUrl: fake.url, spaceWrites: false });
  return { fake, gh: new GitHubRepo(octokit, { owner: 'octo', repo: 'demo' }) };
}

describe('sticky comment and polling', () => {
  it('finds the bot-authored marker comment on the third page and ignores a human copy', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    for (let i = 0; i < 250; i++) {
      const bot = i === 230 || i === 240 || i === 10;
      const body = i === 5 || i === 230 || i === 240 ? `${MARKER}\nstatus ${i}` : `comment ${i}`;
      fake.addComment(issue.number, bot ? 'github-actions[bot]' : 'alice', body);
    }
    const found = await gh.findComment(issue.number, MARKER);
    expect(found?.body).toBe(`${MARKER}\nstatus 230`);
    expect(found?.url).toContain(`#issuecomment-${found?.id}`);
    expect(fake.requests.filter((r) => r.path.endsWith('/comments'))).toHaveLength(3);
  });

  it('returns null when only a human wrote the marker', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    fake.addComment(issue.number, 'alice', `${MARKER} pretending to be the status`);
    expect(await gh.findComment(issue.number, MARKER)).toBeNull();
  });

  it('lists every comment after an id, oldest first, across pages, then only newer ones', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    const seeded = Array.from({ length: 150 }, (_, i) =>
      fake.addComment(issue.number, 'alice', `c${i}`),
    );
    const after = await gh.commentsAfter(issue.number, seeded[19]!.id);
    expect(after.map((c) => c.body)).toEqual(seeded.slice(20).map((c) => c.body));
    expect(after[0]).toMatchObject({ user: 'alice', userType: 'User' });

    fake.addComment(issue.number, 'bob', '/goal pause');
    const next = await gh.commentsAfter(issue.number, after.at(-1)!.id);
    expect(next.map((c) => [c.user, c.body])).toEqual([['bob', '/goal pause']]);
    // The second poll narrowed the request with `since` instead of re-reading every page.
    expect(fake.requests.at(-1)?.query).toContain('since=');
  });
});

describe('permissions and identity', () => {
  it('reports each role, maintain and triage included, and none for unknown users', async () => {
    const roles = ['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const;
    const { gh } = await setup({
      users: roles.map((permission) => ({ login: `u-${permission}`, permission })),
    });
    for (const role of roles) expect(await gh.permission(`u-${role}`)).toBe(role);
    expect(await gh.permission('stranger')).toBe('none');
  });

  it('throws when GitHub refuses, so the caller can fail closed', async () => {
    const { fake, gh } = await setup({ users: [{ login: 'alice', permission: 'admin' }] });
    fake.injectFailures({ path: /permission$/, status: 403, count: 1 });
    await expect(gh.permission('alice')).rejects.toMatchObject({
      name: 'GitHubError',
      status: 403,
    });
  });

  it('never asks GitHub who the token is (GET /user is 403 for installation tokens)', async () => {
    const { fake, gh } = await setup({ botLogin: 'goal-app[bot]' });
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    await gh.comment(issue.number, `${MARKER}\nstatus`);
    expect(await gh.findComment(issue.number, MARKER)).toMatchObject({
      body: expect.stringContaining('status'),
    });
    expect(fake.requests.some((r) => r.path === '/user')).toBe(false);
  });
});

describe('comments the Action writes, whoever the token is', () => {
  it('marks every comment it posts, so they are recognised as its own', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    await gh.comment(issue.number, 'Paused. `/goal resume` continues.');
    expect(fake.comments.at(-1)?.body).toContain('<!-- goal-action:own -->');
  });

  it('finds a status comment written with a personal token (a writer), not one copied by a reader', async () => {
    const { fake, gh } = await setup({
      botLogin: 'wendy',
      users: [
        { login: 'wendy', permission: 'write' },
        { login: 'rita', permission: 'read' },
      ],
    });
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    fake.addComment(issue.number, 'rita', `${MARKER}\nforged`);
    await gh.comment(issue.number, `${MARKER}\nreal`);
    expect((await gh.findComment(issue.number, MARKER))?.body).toContain('real');
  });
});

describe('issues, pull requests and reactions', () => {
  it('reads an issue and a fork pull request sharing one number space', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({
      title: 'Speed up',
      body: 'goal',
      user: 'alice',
      labels: ['bug'],
    });
    const pr = fake.createIssue({
      title: 'Fork PR',
      body: '',
      user: 'mallory',
      pull: { headRef: 'feature', baseRef: 'main', fromFork: true },
    });
    expect(await gh.issue(issue.number)).toMatchObject({
      isPullRequest: false,
      labels: ['bug'],
      user: 'alice',
    });
    expect(await gh.issue(pr.number)).toMatchObject({
      isPullRequest: true,
      number: issue.number + 1,
    });
    expect(await gh.pull(pr.number)).toMatchObject({
      headRef: 'feature',
      baseRef: 'main',
      fromFork: true,
    });
  });

  it('reacts once: a repeated reaction adds nothing', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    const c = fake.addComment(issue.number, 'alice', '/goal fix it');
    await gh.react({ commentId: c.id }, 'eyes');
    await gh.react({ commentId: c.id }, 'eyes');
    await gh.react({ issueNumber: issue.number }, 'rocket');
    expect(fake.reactions.map((r) => [r.subject, r.content])).toEqual([
      [{ commentId: c.id }, 'eyes'],
      [{ issueNumber: issue.number }, 'rocket'],
    ]);
  });

  it('opens one draft PR linking the issue, then updates it in place', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
    const p = {
      head: 'goal/1-speed',
      base: 'main',
      title: 'Goal: speed',
      issueNumber: issue.number,
    };
    const first = await gh.openOrUpdateDraftPr({ ...p, body: 'checkpoint 1' });
    const second = await gh.openOrUpdateDraftPr({ ...p, body: 'checkpoint 2' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]!.draft).toBe(true);
    expect(fake.issues.get(first.number)!.body).toBe(`checkpoint 2\n\nRefs #${issue.number}`);

    const writes = fake.writeCount();
    await gh.openOrUpdateDraftPr({ ...p, body: 'checkpoint 2' });
    expect(fake.writeCount()).toBe(writes);
    await gh.updatePrBody(first.number, 'final report');
    expect(fake.issues.get(first.number)!.body).toBe('final report');
  });

  it('reports workflow run status, unknown for a run that does not exist', async () => {
    const { fake, gh } = await setup();
    fake.workflowRuns.set(77, { status: 'in_progress' });
    expect(await gh.runStatus('77')).toBe('in_progress');
    expect(await gh.runStatus('78')).toBe('unknown');
  });
});

describe('state labels', () => {
  it('swaps the state label with the fewest writes and leaves other labels alone', async () => {
    const { fake, gh } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice', labels: ['bug'] });

    let writes = fake.writeCount();
    await gh.setStateLabel(issue.number, 'pursuing');
    expect(fake.writeCount() - writes).toBe(2); // create the label, add it
    expect(fake.labelDetails.get('goal: pursuing')?.color).toBe('1d76db');

    writes = fake.writeCount();
    await gh.setStateLabel(issue.number, 'pursuing');
    expect(fake.writeCount()).toBe(writes);

    writes = fake.writeCount();
    await gh.setStateLabel(issue.number, 'achieved');
    expect(fake.writeCount() - writes).toBe(3); // create, add, remove the old one
    expect(fake.issues.get(issue.number)!.labels).toEqual(['bug', 'goal: achieved']);

    writes = fake.writeCount();
    await gh.setStateLabel(issue.number, 'pursuing');
    expect(fake.writeCount() - writes).toBe(2); // the label exists: add, remove
    expect(fake.issues.get(issue.number)!.labels).toEqual(['bug', 'goal: pursuing']);
  });
});

describe('files on the default branch', () => {
  it('reads a file from the real repository and gives null for a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-fake-repo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
      });
    git('init', '-q', '-b', 'main');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/goal.yml'), 'budget: 2M\nverify: npm test # ünïcode\n');
    git('add', '.');
    git('commit', '-q', '-m', 'config');
    const { gh } = await setup({ gitDir: join(dir, '.git') });
    expect(await gh.readFile('.github/goal.yml')).toBe('budget: 2M\nverify: npm test # ünïcode\n');
    expect(await gh.readFile('.github/missing.yml')).toBeNull();
    expect(await gh.readFile('.github/goal.yml', 'no-such-branch')).toBeNull();
  });
});
