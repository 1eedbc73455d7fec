// The goal's draft pull request: one per goal branch, found before creating, updated in place.

import type { RepoContext } from './comments.js';
import { truncateForGitHub } from './comments.js';
import { GitHubError, callGitHub, statusOf } from './errors.js';

/**
 * GitHub refuses pull requests to Actions tokens unless the repository allows it (off by default
 * for new repositories and organisations): "GitHub Actions is not permitted to create or approve
 * pull requests". Its own error type, so the Action can say so on the issue instead of a log line.
 */
export class PullRequestsRefusedError extends GitHubError {
  constructor(path: string, head: string) {
    super(
      'POST',
      path,
      403,
      `GitHub did not let this token open the draft pull request from \`${head}\` ("GitHub Actions is not permitted to create or approve pull requests"). Turn on Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests" (for an organisation, first in the organisation's settings), or run goal-action with a GitHub App token (actions/create-github-app-token; see docs/SETUP.md). The work is on the branch \`${head}\`.`,
    );
    this.name = 'PullRequestsRefusedError';
  }
}

function isPullRequestRefusal(e: unknown): boolean {
  return (
    statusOf(e) === 403 &&
    /not permitted to create or approve pull requests/i.test(e instanceof Error ? e.message : '')
  );
}

export interface DraftPrRequest {
  head: string;
  base: string;
  title: string;
  body: string;
  issueNumber: number;
}

/** The body, with a "Refs #n" line unless it already links the issue. */
export function linkIssue(body: string, issueNumber: number): string {
  const linked = new RegExp(`\\b(?:refs|closes|fixes|resolves)\\s+#${issueNumber}\\b`, 'i');
  return linked.test(body) ? body : `${body.trimEnd()}\n\nRefs #${issueNumber}`;
}

interface OpenPr {
  number: number;
  url: string;
  title: string;
  body: string;
}

async function findOpenPr(ctx: RepoContext, head: string): Promise<OpenPr | null> {
  const { octokit, owner, repo } = ctx;
  const { data } = await callGitHub(
    `look for an open pull request from ${head}`,
    `GET /repos/${owner}/${repo}/pulls`,
    () =>
      octokit.rest.pulls.list({
        owner,
        repo,
        head: `${owner}:${head}`,
        state: 'open',
        per_page: 5,
      }),
  );
  const pr = data[0];
  return pr ? { number: pr.number, url: pr.html_url, title: pr.title, body: pr.body ?? '' } : null;
}

export async function updatePull(
  ctx: RepoContext,
  n: number,
  fields: { title?: string; body?: string },
): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const body = fields.body === undefined ? {} : { body: truncateForGitHub(fields.body) };
  await callGitHub(`update pull request #${n}`, `PATCH /repos/${owner}/${repo}/pulls/${n}`, () =>
    octokit.rest.pulls.update({ owner, repo, pull_number: n, ...fields, ...body }),
  );
}

async function updateIfChanged(ctx: RepoContext, pr: OpenPr, title: string, body: string) {
  if (pr.title !== title || pr.body !== body) await updatePull(ctx, pr.number, { title, body });
  return { number: pr.number, url: pr.url, created: false };
}

export async function openOrUpdateDraftPr(
  ctx: RepoContext,
  p: DraftPrRequest,
): Promise<{ number: number; url: string; created: boolean }> {
  const { octokit, owner, repo } = ctx;
  const body = truncateForGitHub(linkIssue(p.body, p.issueNumber));
  const existing = await findOpenPr(ctx, p.head);
  if (existing) return updateIfChanged(ctx, existing, p.title, body);

  const create = (draft: boolean) =>
    octokit.rest.pulls.create({
      owner,
      repo,
      head: p.head,
      base: p.base,
      title: p.title,
      body,
      draft,
    });
  const route = `POST /repos/${owner}/${repo}/pulls`;
  const what = `open a draft pull request from ${p.head} into ${p.base}`;
  try {
    const { data } = await create(true);
    return { number: data.number, url: data.html_url, created: true };
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (isPullRequestRefusal(e))
      throw new PullRequestsRefusedError(`/repos/${owner}/${repo}/pulls`, p.head);
    if (statusOf(e) === 422 && /already exists/i.test(message)) {
      // Another run opened it between our look-up and our create.
      const raced = await findOpenPr(ctx, p.head);
      if (raced) return updateIfChanged(ctx, raced, p.title, body);
    }
    if (statusOf(e) === 422 && /draft/i.test(message)) {
      ctx.warn(
        `This repository does not allow draft pull requests; opening a regular one from ${p.head}.`,
      );
      const { data } = await callGitHub(what, route, () => create(false));
      return { number: data.number, url: data.html_url, created: true };
    }
    return callGitHub(what, route, () => Promise.reject(e));
  }
}
