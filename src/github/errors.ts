// Errors from the GitHub API, turned into messages a maintainer can act on: which call failed, what
// GitHub said, and what to change (usually a `permissions:` block in the workflow).

export class GitHubError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** HTTP status; 0 when GitHub was not reached at all. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

/** The parts of an Octokit RequestError we read (duck-typed: the class is not a direct dependency). */
interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

export function isRequestError(e: unknown): e is RequestErrorLike {
  return (
    typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number'
  );
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(e: unknown): number | undefined {
  return isRequestError(e) ? e.status : undefined;
}

/**
 * Runs one API call and wraps any failure into a GitHubError.
 * `what` says what we were doing ("post a comment on #12"); `route` is the fallback method and path.
 */
export async function callGitHub<T>(what: string, route: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toGitHubError(e, what, route);
  }
}

export function toGitHubError(e: unknown, what: string, route: string): GitHubError {
  if (e instanceof GitHubError) return e;
  const [fallbackMethod = 'GET', fallbackPath = route] = route.split(' ', 2);
  if (!isRequestError(e)) {
    const text = e instanceof Error ? e.message : String(e);
    return new GitHubError(fallbackMethod, fallbackPath, 0, `Could not ${what}: ${text}`);
  }
  const method = e.request?.method ?? fallbackMethod;
  const path = pathOf(e.request?.url) ?? fallbackPath;
  const timedOut = causeName(e.cause) === 'TimeoutError';
  const said = timedOut ? 'no answer before the request timed out' : apiMessage(e);
  const hint = hintFor(e, method, path, timedOut);
  return new GitHubError(
    method,
    path,
    e.status,
    `Could not ${what}: GitHub answered ${e.status} (${said}) to ${method} ${path}. ${hint}`,
  );
}

/** GitHub's own words: its message and any validation errors, without the documentation link. */
function apiMessage(e: RequestErrorLike): string {
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  if (typeof data?.message !== 'string') return e.message.split('\n')[0] ?? '';
  const details = Array.isArray(data.errors)
    ? data.errors.map(
        (x: { message?: string; code?: string; field?: string }) =>
          x.message ?? [x.field, x.code].filter(Boolean).join(' '),
      )
    : [];
  return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function causeName(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.name : undefined;
}

function hintFor(e: RequestErrorLike, method: string, path: string, timedOut: boolean): string {
  const message = e.message;
  const headers = e.response?.headers ?? {};
  if (timedOut || e.status >= 500) {
    return 'GitHub did not answer properly after bounded retries; re-run the workflow later (https://www.githubstatus.com).';
  }
  if (e.status === 401) {
    return 'The token is invalid or expired: check the `github-token` input (default `${{ github.token }}`).';
  }
  if (/secondary rate limit/i.test(message)) {
    return 'GitHub kept answering with its secondary rate limit after the bounded retries; wait a few minutes and re-run.';
  }
  if (e.status === 429 || headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const at =
      Number.isFinite(reset) && reset > 0
        ? ` (it resets at ${new Date(reset * 1000).toISOString()})`
        : '';
    return `The API rate limit for this token is used up${at}; re-run after the reset.`;
  }
  if (e.status === 403) return permissionHint(method, path, message);
  if (e.status === 404) {
    return 'The repository or resource does not exist, or the token cannot see it (check the repository and the token).';
  }
  if (e.status === 422) return 'GitHub rejected the request as invalid (see its message above).';
  return 'See the message from GitHub above.';
}

function permissionHint(method: string, path: string, message: string): string {
  const write = method !== 'GET' && method !== 'HEAD';
  if (/create or approve pull requests/i.test(message)) {
    return "Turn on Settings → Actions → General → 'Allow GitHub Actions to create and approve pull requests', or pass a `github-token` that may open pull requests.";
  }
  if (/\/pulls(\/|$)/.test(path)) {
    return write
      ? "The workflow needs `permissions: pull-requests: write`, and Settings → Actions → General → 'Allow GitHub Actions to create and approve pull requests' must be on."
      : 'The workflow needs `permissions: pull-requests: read`.';
  }
  if (/\/(issues|labels)(\/|$)/.test(path)) {
    return write
      ? 'The workflow needs `permissions: issues: write` (and `pull-requests: write` to write on pull requests).'
      : 'The workflow needs `permissions: issues: read`.';
  }
  if (/\/contents(\/|$)/.test(path)) return 'The workflow needs `permissions: contents: read`.';
  if (/\/check-runs(\/|$)/.test(path)) return 'The workflow needs `permissions: checks: write`.';
  if (/\/statuses\//.test(path)) return 'The workflow needs `permissions: statuses: write`.';
  if (/\/actions\//.test(path))
    return write
      ? 'The workflow needs `permissions: actions: write` (to start the next run of the goal).'
      : 'The workflow needs `permissions: actions: read`.';
  return 'The token lacks a permission this call needs: check the workflow `permissions:` block.';
}
