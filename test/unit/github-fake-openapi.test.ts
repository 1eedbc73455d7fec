// The GitHub fake cannot drift from GitHub: a request GitHub would not accept, or an answer GitHub
// would not send, is a violation that fails the test using the fake (close() rejects).
import { afterEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/client.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { githubOpenApi } from '../support/github-openapi.js';
import {
  issueCommentEvent,
  issueLabeledEvent,
  workflowDispatchEvent,
} from '../support/webhook-events.js';
import { classifyEvent } from '../../src/trigger/event.js';

const TOKEN = 'ghs_fake_token';
let fake: GitHubFake | undefined;

afterEach(async () => {
  // Tests that provoke violations clear them; any other violation fails the test here.
  await fake?.close();
  fake = undefined;
});

async function setup() {
  fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN });
  const octokit = createOctokit({ token: TOKEN, baseUrl: fake.url, spaceWrites: false });
  return { fake, octokit };
}

describe('the GitHub fake against GitHub REST description', () => {
  it('answers valid requests with bodies that fit the documented schemas', async () => {
    const { fake, octokit } = await setup();
    const issue = fake.createIssue({ title: 't', body: 'b', user: 'octo' });
    const created = await octokit.rest.issues.createComment({
      owner: 'octo',
      repo: 'demo',
      issue_number: issue.number,
      body: 'hello',
    });
    expect(created.data.node_id).toBeTruthy();
    expect(created.data.user?.login).toBe('github-actions[bot]');
    await octokit.rest.issues.listComments({ owner: 'octo', repo: 'demo', issue_number: 1 });
    await octokit.rest.checks.create({
      owner: 'octo',
      repo: 'demo',
      name: 'goal-action',
      head_sha: 'a'.repeat(40),
      status: 'completed',
      conclusion: 'success',
      output: { title: 't', summary: 's' },
    });
    expect(fake.violations).toEqual([]);
  });

  it('refuses a request with an undocumented parameter or a body of the wrong shape, and close() fails', async () => {
    const { fake: f, octokit } = await setup();
    f.createIssue({ title: 't', body: 'b', user: 'octo' });
    // A body GitHub's schema does not allow (body must be a string).
    const bad = await octokit
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'octo',
        repo: 'demo',
        issue_number: 1,
        body: 42,
      } as never)
      .catch((e: { status: number }) => e);
    expect((bad as { status: number }).status).toBe(422);
    // An operation GitHub does not have.
    await octokit
      .request('GET /repos/{owner}/{repo}/goal-records', { owner: 'octo', repo: 'demo' })
      .catch(() => {});
    // A check-run conclusion GitHub does not know.
    await octokit
      .request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'octo',
        repo: 'demo',
        name: 'x',
        head_sha: 'b'.repeat(40),
        conclusion: 'passed' as never,
      })
      .catch(() => {});
    expect(f.violations.join('\n')).toMatch(/issues\/create-comment: body \/body must be string/);
    expect(f.violations.join('\n')).toMatch(/goal-records is not an operation/);
    expect(f.violations.join('\n')).toMatch(/checks\/create: body \/conclusion/);
    const closing = f.close();
    fake = undefined;
    await expect(closing).rejects.toThrow(/do not fit GitHub's REST description/);
  });

  it('catches a double-encoded path parameter', () => {
    const check = githubOpenApi().checkRequest(
      'DELETE',
      '/repos/o/r/issues/1/labels/goal%253A%2520achieved',
      new URLSearchParams(),
      undefined,
    );
    expect(check.problems.join()).toMatch(/encoded twice/);
  });

  it('catches an answer GitHub would not send', () => {
    const api = githubOpenApi();
    const comment = api.example('issue-comment');
    delete comment.node_id;
    const check = api.checkResponse('GET', '/repos/o/r/issues/comments/1', 200, comment);
    expect(check.problems.join()).toMatch(/must have required property 'node_id'/);
    expect(
      api.checkResponse('GET', '/repos/o/r/issues/comments/1', 201, {}).problems.join(),
    ).toMatch(/documents no 201 answer/);
  });
});

describe('event payloads from GitHub examples', () => {
  const repo = { owner: 'octo', repo: 'demo' };
  it('classifies a /goal comment, a label and a dispatch as GitHub delivers them', () => {
    const comment = issueCommentEvent({
      repo,
      issue: { number: 3, title: 't', body: '', author: { login: 'alice' } },
      comment: { id: 77, body: '/goal fix it', author: { login: 'alice' } },
    });
    expect(classifyEvent('issue_comment', comment, { triggerLabel: 'goal-ready' })).toMatchObject({
      kind: 'comment',
      number: 3,
      commentId: 77,
      actor: 'alice',
      actorType: 'User',
      isPullRequest: false,
    });
    const label = issueLabeledEvent({
      repo,
      issue: { number: 4, title: 't', body: 'b', author: { login: 'alice' } },
      label: 'goal-ready',
      sender: { login: 'bob' },
    });
    expect(classifyEvent('issues', label, { triggerLabel: 'goal-ready' })).toMatchObject({
      kind: 'label',
      number: 4,
      actor: 'bob',
    });
    const dispatch = workflowDispatchEvent({
      repo,
      inputs: { issue: '5', command: 'resume' },
      sender: { login: 'github-actions[bot]' },
    });
    expect(
      classifyEvent('workflow_dispatch', dispatch, { triggerLabel: 'goal-ready' }),
    ).toMatchObject({ kind: 'dispatch', number: 5, actor: 'github-actions[bot]' });
  });
});
