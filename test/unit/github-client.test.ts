// The throttled, retrying Octokit and GitHubRepo's error messages, against the GitHub fake.

import { afterEach, describe, expect, it } from 'vitest';
import { createOctokit, type CreateOctokitOptions } from '../../src/github/client.js';
import { GitHubError, GitHubRepo, truncateForGitHub } from '../../src/github/repo.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';

/** A posted body without the mark the Action appends to everything it writes. */
const unmarked = (body: string): string => body.replace(/\n\n<!-- goal-action:own -->$/, '');

const TOKEN = 'ghs_test_token';
let fake: GitHubFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(client: Partial<CreateOctokitOptions> = {}) {
  fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN });
  const warnings: string[] = [];
  const log = { warn: (m: string) => warnings.push(m) };
  const octokit = createOctokit({
    token: TOKEN,
    baseUrl: fake.url,
    spaceWrites: false,
    log,
    ...client,
  });
  const gh = new GitHubRepo(octokit, { owner: 'octo', repo: 'demo' }, { log });
  const issue = fake.createIssue({ title: 't', body: 'b', user: 'alice' });
  return { fake, gh, issue, warnings };
}

const commentPosts = (f: GitHubFake) =>
  f.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))
    .map((r) => r.status);

describe('retries and rate limits', () => {
  it('retries a write that got a 502 and posts the comment once', async () => {
    const { fake, gh, issue } = await setup();
    fake.injectFailures({ method: 'POST', path: /\/comments$/, status: 502, count: 1 });
    const posted = await gh.comment(issue.number, 'hello');
    expect(commentPosts(fake)).toEqual([502, 201]);
    expect(fake.comments.map((c) => [c.id, unmarked(c.body)])).toEqual([[posted.id, 'hello']]);
  });

  it('waits out a secondary rate limit (retry-after: 1) and then succeeds', async () => {
    const { fake, gh, issue, warnings } = await setup();
    fake.injectFailures({ path: /\/comments$/, status: 403, count: 1, secondaryRateLimit: true });
    await gh.comment(issue.number, 'after the wait');
    expect(commentPosts(fake)).toEqual([403, 201]);
    expect(fake.comments.map((c) => unmarked(c.body))).toEqual(['after the wait']);
    expect(warnings.join('\n')).toMatch(/secondary rate limit .*retrying in 1s/);
  });

  it('gives up on a secondary rate limit past its retry bound, with a clear error', async () => {
    const { fake, gh, issue } = await setup({ maxRetries: 0 });
    fake.injectFailures({ path: /\/comments$/, status: 403, count: 1, secondaryRateLimit: true });
    const error = await gh.comment(issue.number, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(
      /secondary rate limit.*wait a few minutes and re-run/s,
    );
    expect(fake.comments).toHaveLength(0);
  });
});

describe('error messages', () => {
  it('says which permission the workflow lacks when GitHub refuses a comment', async () => {
    const { fake, gh, issue } = await setup();
    fake.injectFailures({ path: /\/comments$/, status: 403, count: 1 });
    const error = (await gh.comment(issue.number, 'x').catch((e: unknown) => e)) as GitHubError;
    expect(error).toMatchObject({
      method: 'POST',
      status: 403,
      path: `/repos/octo/demo/issues/${issue.number}/comments`,
    });
    expect(error.message).toContain('`permissions: issues: write`');
  });

  it('says the token is wrong on 401', async () => {
    fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN });
    const gh = new GitHubRepo(createOctokit({ token: 'wrong', baseUrl: fake.url }), {
      owner: 'octo',
      repo: 'demo',
    });
    await expect(gh.defaultBranch()).rejects.toThrow(
      /401 \(Bad credentials\).*`github-token` input/,
    );
  });
});

describe('body size limit', () => {
  it('cuts an over-long comment before sending it, with a visible note', async () => {
    const { fake, gh, issue } = await setup();
    await gh.comment(issue.number, `<!-- marker -->\n${'line of log output\n'.repeat(5000)}`);
    const stored = fake.comments[0]!.body;
    expect(stored.length).toBeLessThanOrEqual(65_536);
    expect(stored.startsWith('<!-- marker -->\n')).toBe(true);
    expect(unmarked(stored)).toMatch(/characters cut to fit GitHub's 65,536-character limit\)$/);
    expect(commentPosts(fake)).toEqual([201]);
  });

  it('edits in place with the same limit', async () => {
    const { fake, gh, issue } = await setup();
    const { id } = await gh.comment(issue.number, 'short');
    await gh.updateComment(id, 'x'.repeat(100_000));
    expect(fake.comments[0]!.body.length).toBeLessThanOrEqual(65_000);
  });
});

describe('truncateForGitHub', () => {
  it('leaves a body within the limit unchanged', () => {
    expect(truncateForGitHub('short body', 100)).toBe('short body');
  });

  it('closes a code fence it cut through and never exceeds the limit', () => {
    const body = `intro\n\`\`\`\n${'output line\n'.repeat(200)}\`\`\`\nafter`;
    const cut = truncateForGitHub(body, 500);
    expect(cut.length).toBeLessThanOrEqual(500);
    expect(cut.match(/```/g)).toHaveLength(2);
    expect(cut).toMatch(/characters cut/);
  });

  it('does not split a surrogate pair', () => {
    const cut = truncateForGitHub('😀'.repeat(400), 300);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
