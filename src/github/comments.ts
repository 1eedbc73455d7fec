// Issue comments: the sticky status comment (found by marker AND an author who could be us, across
// every page), polling for new control commands, and keeping bodies under GitHub's size limit.

import type { GitHubClient } from './client.js';
import { callGitHub } from './errors.js';

export interface RepoContext {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  warn(message: string): void;
  /** For what is expected and needs no annotation (a 404 that means "not there"). */
  debug(message: string): void;
}

/** GitHub rejects comment and PR bodies longer than this (422). */
export const GITHUB_BODY_LIMIT = 65_536;
/** 100 comments a page: an issue with up to 10,000 comments is read whole; beyond that we stop. */
export const MAX_COMMENT_PAGES = 100;

export interface IssueComment {
  id: number;
  body: string;
  user: string;
  userType: string;
  createdAt: string;
  url: string;
}

/**
 * Cuts `body` to at most `limit` UTF-16 units (never more characters than GitHub counts), at a line
 * break when one is near, closes a code fence left open, and says visibly that it was cut.
 */
export function truncateForGitHub(body: string, limit = 65_000): string {
  if (body.length <= limit) return body;
  const note = (omitted: number): string =>
    `\n\n… (${omitted.toLocaleString('en-US')} characters cut to fit GitHub's ${GITHUB_BODY_LIMIT.toLocaleString('en-US')}-character limit)`;
  const room = Math.max(0, limit - note(body.length).length - 4);
  let cut = room;
  const lineBreak = body.lastIndexOf('\n', room);
  if (lineBreak > room * 0.9) cut = lineBreak;
  // Never split a surrogate pair.
  const code = body.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let head = body.slice(0, cut);
  if ((head.match(/^\s*(```|~~~)/gm) ?? []).length % 2 === 1) head += '\n```';
  return (head + note(body.length - cut)).slice(0, limit);
}

/** Walks all comments of an issue, oldest first, page by page (bounded); stops when `visit` says so. */
async function eachComment(
  ctx: RepoContext,
  issueNumber: number,
  params: { since?: string },
  visit: (c: IssueComment) => boolean | void | Promise<boolean | void>,
): Promise<void> {
  const { octokit, owner, repo } = ctx;
  await callGitHub(
    `read the comments of #${issueNumber}`,
    `GET /repos/${owner}/${repo}/issues/${issueNumber}/comments`,
    async () => {
      let pages = 0;
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
        ...params,
      });
      for await (const { data } of iterator) {
        for (const c of data) {
          const comment: IssueComment = {
            id: c.id,
            body: c.body ?? '',
            user: c.user?.login ?? 'ghost',
            userType: c.user?.type ?? 'User',
            createdAt: c.created_at,
            url: c.html_url,
          };
          if ((await visit(comment)) === true) return;
        }
        if (++pages >= MAX_COMMENT_PAGES) {
          ctx.warn(
            `#${issueNumber} has more than ${pages * 100} comments; only the first were read.`,
          );
          return;
        }
      }
    },
  );
}

/** The oldest comment that carries `marker` and whose author `trusted` accepts; null when none. */
export async function findMarkedComment(
  ctx: RepoContext,
  issueNumber: number,
  marker: string,
  trusted: (c: IssueComment) => Promise<boolean>,
): Promise<IssueComment | null> {
  let found: IssueComment | null = null;
  await eachComment(ctx, issueNumber, {}, async (c) => {
    if (c.body.includes(marker) && (await trusted(c))) found = c;
    return found !== null;
  });
  return found;
}

/**
 * Comments with an id above `sinceId`, oldest first. `sinceCreatedAt` (when known) narrows the
 * request with GitHub's `since` filter, less a margin for clock skew; the id filter stays exact.
 */
export async function listCommentsAfter(
  ctx: RepoContext,
  issueNumber: number,
  sinceId: number,
  sinceCreatedAt?: string,
): Promise<IssueComment[]> {
  const params: { since?: string } = {};
  const at = sinceCreatedAt ? Date.parse(sinceCreatedAt) : NaN;
  if (Number.isFinite(at))
    params.since = new Date(at - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const after: IssueComment[] = [];
  await eachComment(ctx, issueNumber, params, (c) => {
    if (c.id > sinceId) after.push(c);
  });
  return after.sort((a, b) => a.id - b.id);
}
