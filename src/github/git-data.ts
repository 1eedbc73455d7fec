// The Git Data API calls the goal record's ref needs: read a ref, read one file at a commit, write a
// blob, a one-file tree and a commit, and move a ref only forward. GitHub's semantics, as its REST
// reference states them: `PATCH /git/refs/{ref}` with `force: false` makes sure the update is a
// fast-forward and answers 422 ("Update is not a fast forward") when it is not, so a writer that
// builds each commit on the one it read gets compare-and-swap; `POST /git/refs` answers 422
// ("Reference already exists") when someone created the ref first; a ref needs a fully qualified
// name with at least two slashes (refs/goal-action/12), not only refs/heads or refs/tags.
import type { RepoContext } from './comments.js';
import { type GitHubError, callGitHub, statusOf, toGitHubError } from './errors.js';

/** What moving a ref did: moved, or someone else moved (or created) it first. */
export type RefWrite = 'written' | 'conflict';

/** GitHub would not let this token keep a ref outside refs/heads and refs/tags. */
export class RefRefusedError extends Error {
  constructor(
    readonly ref: string,
    readonly status: number,
    said: string,
  ) {
    super(`GitHub refused the ref ${ref} (${status}: ${said})`);
    this.name = 'RefRefusedError';
  }
}

const route = (ctx: RepoContext, method: string, tail: string): string =>
  `${method} /repos/${ctx.owner}/${ctx.repo}${tail}`;

/** GitHub's own message of a failed request (its `message` and validation errors). */
function said(e: unknown): string {
  const data = (e as { response?: { data?: { message?: unknown; errors?: unknown } } }).response
    ?.data;
  const errors = Array.isArray(data?.errors)
    ? data.errors.map((x: { message?: string; code?: string }) => x.message ?? x.code ?? '')
    : [];
  return [typeof data?.message === 'string' ? data.message : '', ...errors]
    .filter(Boolean)
    .join(': ');
}

/** `refs/goal-action/12` → `goal-action/12`, the form the ref endpoints take in their path. */
const short = (ref: string): string => ref.replace(/^refs\//, '');

/** The commit a ref points at; null when there is no such ref (or the repository is empty). */
export async function getRef(ctx: RepoContext, ref: string): Promise<string | null> {
  const res = await callGitHub(`read ${ref}`, route(ctx, 'GET', `/git/ref/${short(ref)}`), () =>
    ctx.octokit.rest.git
      .getRef({ owner: ctx.owner, repo: ctx.repo, ref: short(ref) })
      .catch((e: unknown) => {
        // 409: "Git Repository is empty." — no refs at all.
        if (statusOf(e) === 404 || statusOf(e) === 409) return null;
        throw e;
      }),
  );
  return res ? res.data.object.sha : null;
}

/** One file's bytes at a commit; null when the commit has no such file. Any size the API serves. */
export async function readFileAt(
  ctx: RepoContext,
  commit: string,
  path: string,
): Promise<Buffer | null> {
  const what = `read ${path} at ${commit.slice(0, 12)}`;
  const res = await callGitHub(what, route(ctx, 'GET', `/contents/${path}`), () =>
    ctx.octokit.rest.repos
      .getContent({ owner: ctx.owner, repo: ctx.repo, path, ref: commit })
      .catch((e: unknown) => {
        if (statusOf(e) === 404) return null;
        throw e;
      }),
  );
  if (!res) return null;
  const data = res.data;
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
  if (data.encoding === 'base64') return Buffer.from(data.content, 'base64');
  // Over 1 MB the contents API leaves the content out ("none"): the blob API serves up to 100 MB.
  const blob = await callGitHub(what, route(ctx, 'GET', `/git/blobs/${data.sha}`), () =>
    ctx.octokit.rest.git.getBlob({ owner: ctx.owner, repo: ctx.repo, file_sha: data.sha }),
  );
  return Buffer.from(blob.data.content, 'base64');
}

/**
 * A commit whose tree holds exactly one file, on `parents`. Two requests: the tree (with the
 * file's content inline, which GitHub stores as the blob), then the commit.
 * Refusals (403/404/422 on objects) come back as RefRefusedError so the caller can fall back.
 */
export async function commitFile(
  ctx: RepoContext,
  file: { path: string; text: string },
  message: string,
  parents: string[],
): Promise<string> {
  const base = { owner: ctx.owner, repo: ctx.repo };
  const tree = await objects(ctx, 'POST', '/git/trees', () =>
    ctx.octokit.rest.git.createTree({
      ...base,
      tree: [{ path: file.path, mode: '100644', type: 'blob', content: file.text }],
    }),
  );
  const commit = await objects(ctx, 'POST', '/git/commits', () =>
    ctx.octokit.rest.git.createCommit({ ...base, message, tree: tree.data.sha, parents }),
  );
  return commit.data.sha;
}

async function objects<T>(
  ctx: RepoContext,
  method: string,
  tail: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // A token without `contents: write`, or a repository without any branch yet.
    const status = statusOf(e);
    if (status === 403 || status === 404 || status === 409)
      throw new RefRefusedError(tail, status, said(e));
    throw callFailure(ctx, e, method, tail);
  }
}

function callFailure(ctx: RepoContext, e: unknown, method: string, tail: string): GitHubError {
  return toGitHubError(e, 'write the goal record', route(ctx, method, tail));
}

/**
 * Creates `ref` at `sha` when it does not exist yet. 'conflict' when someone created it first;
 * RefRefusedError when GitHub will not keep such a ref for this token (403, or 422 for the name).
 */
export async function createRef(ctx: RepoContext, ref: string, sha: string): Promise<RefWrite> {
  try {
    await ctx.octokit.rest.git.createRef({ owner: ctx.owner, repo: ctx.repo, ref, sha });
    return 'written';
  } catch (e) {
    const status = statusOf(e);
    const text = said(e);
    if (status === 422 && /already exists/i.test(text)) return 'conflict';
    if (status === 403 || status === 404 || status === 409 || status === 422)
      throw new RefRefusedError(ref, status, text);
    throw callFailure(ctx, e, 'POST', '/git/refs');
  }
}

/**
 * Moves `ref` to `sha` only as a fast-forward (`force: false`). 'conflict' when the ref moved
 * since the commit's parent was read (GitHub's 422) or is gone; RefRefusedError on 403.
 */
export async function updateRef(ctx: RepoContext, ref: string, sha: string): Promise<RefWrite> {
  try {
    await ctx.octokit.rest.git.updateRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: short(ref),
      sha,
      force: false,
    });
    return 'written';
  } catch (e) {
    const status = statusOf(e);
    if (status === 422) return 'conflict';
    if (status === 403) throw new RefRefusedError(ref, status, said(e));
    throw callFailure(ctx, e, 'PATCH', `/git/refs/${short(ref)}`);
  }
}
