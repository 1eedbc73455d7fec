// Everything goal-action does to one GitHub repository, through a throttled, retrying Octokit.
// Each method is one bounded piece of work; failures come back as GitHubError with a next step.

import type { GoalState } from '../engine/index.js';
import type { GitHubClient } from './client.js';
import { publishEvidence, type Evidence, type EvidencePublished } from './checks.js';
import {
  findMarkedComment,
  listCommentsAfter,
  truncateForGitHub,
  type RepoContext,
} from './comments.js';
import { GitHubError, callGitHub, statusOf } from './errors.js';
import { applyStateLabel } from './labels.js';
import { commitFile, createRef, getRef, readFileAt, updateRef, type RefWrite } from './git-data.js';
import { withOwnMark } from './own-mark.js';
import {
  PullRequestsRefusedError,
  openOrUpdateDraftPr,
  updatePull,
  type DraftPrRequest,
} from './pulls.js';

export { truncateForGitHub } from './comments.js';
export { GitHubError } from './errors.js';
export { RefRefusedError, type RefWrite } from './git-data.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type Reaction = 'eyes' | '+1' | '-1' | 'rocket' | 'confused' | 'hooray';

const PERMISSIONS: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
const WRITERS: readonly Permission[] = ['admin', 'maintain', 'write'];
/** Room kept for the Action's mark when a body is cut to GitHub's limit. */
const MARK_ROOM = 64;

export interface GitHubRepoOptions {
  log?: { warn(m: string): void; debug?(m: string): void };
}

export class GitHubRepo {
  private readonly ctx: RepoContext;
  private branch?: string;
  private readonly roles = new Map<string, Promise<Permission>>();
  /** Set once GitHub refused to let this token open pull requests: we do not ask again. */
  pullRequestsRefused?: PullRequestsRefusedError;
  /** Checks, then statuses, once refused, are not tried again in this run. */
  private readonly evidenceRefused = { checks: false, statuses: false };
  private readonly knownLabels = new Set<string>();
  /** created_at of comments we have seen, so polls can ask GitHub only for newer ones. */
  private readonly createdAt = new Map<number, string>();

  constructor(
    octokit: GitHubClient,
    private readonly repo: { owner: string; repo: string },
    private readonly opts: GitHubRepoOptions = {},
  ) {
    this.ctx = {
      octokit,
      ...repo,
      warn: (m) => opts.log?.warn(m),
      debug: (m) => opts.log?.debug?.(m),
    };
  }

  private get api() {
    return this.ctx.octokit.rest;
  }

  private route(method: string, tail: string): string {
    return `${method} /repos/${this.repo.owner}/${this.repo.repo}${tail}`;
  }

  /** The user's role on the repository; 'none' for unknown users. Throws on any other failure. */
  async permission(username: string): Promise<Permission> {
    const { data } = await callGitHub(
      `check the permission of @${username}`,
      this.route('GET', `/collaborators/${username}/permission`),
      () =>
        this.api.repos
          .getCollaboratorPermissionLevel({ ...this.repo, username })
          .catch((e: unknown) => {
            if (statusOf(e) === 404) return { data: { permission: 'none', role_name: 'none' } };
            throw e;
          }),
    );
    // `permission` folds maintain into write and triage into read; role_name keeps them apart
    // (custom roles have their own names: then the folded value is the safe one).
    const role = PERMISSIONS.find((p) => p === data.role_name);
    return role ?? PERMISSIONS.find((p) => p === data.permission) ?? 'none';
  }

  /** Write access or more, looked up once per user per run; false when the lookup fails. */
  private async isWriter(username: string): Promise<boolean> {
    const key = username.toLowerCase();
    let role = this.roles.get(key);
    if (!role) {
      role = this.permission(username).catch(() => 'none' as const);
      this.roles.set(key, role);
    }
    return WRITERS.includes(await role);
  }

  async react(
    target: { commentId: number } | { issueNumber: number },
    content: Reaction,
  ): Promise<void> {
    if ('commentId' in target) {
      await callGitHub(
        `react to comment ${target.commentId}`,
        this.route('POST', `/issues/comments/${target.commentId}/reactions`),
        () =>
          this.api.reactions.createForIssueComment({
            ...this.repo,
            comment_id: target.commentId,
            content,
          }),
      );
    } else {
      await callGitHub(
        `react to #${target.issueNumber}`,
        this.route('POST', `/issues/${target.issueNumber}/reactions`),
        () =>
          this.api.reactions.createForIssue({
            ...this.repo,
            issue_number: target.issueNumber,
            content,
          }),
      );
    }
  }

  async comment(issueNumber: number, body: string): Promise<{ id: number; url: string }> {
    const { data } = await callGitHub(
      `post a comment on #${issueNumber}`,
      this.route('POST', `/issues/${issueNumber}/comments`),
      () =>
        this.api.issues.createComment({
          ...this.repo,
          issue_number: issueNumber,
          body: withOwnMark(truncateForGitHub(body, 65_000 - MARK_ROOM)),
        }),
    );
    this.createdAt.set(data.id, data.created_at);
    return { id: data.id, url: data.html_url };
  }

  async updateComment(id: number, body: string): Promise<void> {
    await callGitHub(`edit comment ${id}`, this.route('PATCH', `/issues/comments/${id}`), () =>
      this.api.issues.updateComment({
        ...this.repo,
        comment_id: id,
        body: withOwnMark(truncateForGitHub(body, 65_000 - MARK_ROOM)),
      }),
    );
  }

  /** One comment by id, with its author (to re-check the goal record's lock before a write). */
  async getComment(id: number): Promise<{ id: number; body: string; user: string }> {
    const { data } = await callGitHub(
      `read comment ${id}`,
      this.route('GET', `/issues/comments/${id}`),
      () => this.api.issues.getComment({ ...this.repo, comment_id: id }),
    );
    return { id: data.id, body: data.body ?? '', user: data.user?.login ?? '' };
  }

  /** Starts a workflow_dispatch run (auto-continuation past the job time limit). */
  async dispatchWorkflow(
    workflow: string,
    ref: string,
    inputs: Record<string, string>,
  ): Promise<void> {
    await callGitHub(
      `start workflow ${workflow}`,
      this.route('POST', `/actions/workflows/${workflow}/dispatches`),
      () =>
        this.api.actions.createWorkflowDispatch({
          ...this.repo,
          workflow_id: workflow,
          ref,
          inputs,
        }),
    );
  }

  /**
   * The sticky comment: the oldest one that carries `marker` and whose author could be this
   * Action, over every page. Which account the token is, is unknown (GET /user is 403 for App
   * installation tokens and GITHUB_TOKEN), so the author must be a bot (GITHUB_TOKEN or an App: only
   * installed apps write as bots) or a person with write access (a personal token); anyone else
   * who copies the marker is passed over.
   */
  async findComment(
    issueNumber: number,
    marker: string,
  ): Promise<{ id: number; body: string; url: string } | null> {
    const found = await findMarkedComment(this.ctx, issueNumber, marker, (c) =>
      c.userType === 'Bot' ? Promise.resolve(true) : this.isWriter(c.user),
    );
    if (!found) return null;
    this.createdAt.set(found.id, found.createdAt);
    return { id: found.id, body: found.body, url: found.url };
  }

  /** Comments created after `sinceId` (exclusive), oldest first, all pages: for control commands. */
  async commentsAfter(
    issueNumber: number,
    sinceId: number,
  ): Promise<{ id: number; body: string; user: string; userType: string; createdAt: string }[]> {
    const after = await listCommentsAfter(
      this.ctx,
      issueNumber,
      sinceId,
      this.createdAt.get(sinceId),
    );
    const last = after.at(-1);
    if (last) this.createdAt.set(last.id, last.createdAt);
    return after.map(({ id, body, user, userType, createdAt }) => ({
      id,
      body,
      user,
      userType,
      createdAt,
    }));
  }

  async issue(n: number): Promise<{
    number: number;
    title: string;
    body: string;
    user: string;
    isPullRequest: boolean;
    labels: string[];
    url: string;
  }> {
    const { data } = await callGitHub(`read #${n}`, this.route('GET', `/issues/${n}`), () =>
      this.api.issues.get({ ...this.repo, issue_number: n }),
    );
    return {
      number: data.number,
      title: data.title,
      body: data.body ?? '',
      user: data.user?.login ?? 'ghost',
      isPullRequest: data.pull_request != null,
      labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      url: data.html_url,
    };
  }

  async pull(n: number): Promise<{
    number: number;
    headRef: string;
    headSha: string;
    baseRef: string;
    fromFork: boolean;
    url: string;
  }> {
    const { data } = await callGitHub(
      `read pull request #${n}`,
      this.route('GET', `/pulls/${n}`),
      () => this.api.pulls.get({ ...this.repo, pull_number: n }),
    );
    const ours = `${this.repo.owner}/${this.repo.repo}`.toLowerCase();
    return {
      number: data.number,
      headRef: data.head.ref,
      headSha: data.head.sha,
      baseRef: data.base.ref,
      // A deleted fork has no head repository: still not ours.
      fromFork: data.head.repo?.full_name.toLowerCase() !== ours,
      url: data.html_url,
    };
  }

  async defaultBranch(): Promise<string> {
    this.branch ??= await callGitHub('read the repository', this.route('GET', ''), () =>
      this.api.repos.get(this.repo).then(({ data }) => data.default_branch),
    );
    return this.branch;
  }

  /** File text on `ref` (default: the default branch); null when there is no such file. */
  async readFile(path: string, ref?: string): Promise<string | null> {
    const route = this.route('GET', `/contents/${path}`);
    const res = await callGitHub(`read ${path}`, route, () =>
      this.api.repos
        .getContent({ ...this.repo, path, ...(ref ? { ref } : {}) })
        .catch((e: unknown) => {
          if (statusOf(e) === 404) return null;
          throw e;
        }),
    );
    if (!res) return null;
    const data = res.data;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new GitHubError(
        'GET',
        route.slice(4),
        200,
        `${path} is not a file in the repository; it must be a file.`,
      );
    }
    if (data.encoding !== 'base64') {
      throw new GitHubError(
        'GET',
        route.slice(4),
        200,
        `${path} is too large to read through the API; keep it under 1 MB.`,
      );
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  }

  /** Label `goal: <state>` on the issue, other state labels off; no writes when already right. */
  async setStateLabel(issueNumber: number, state: GoalState): Promise<void> {
    await applyStateLabel(this.ctx, issueNumber, state, this.knownLabels);
  }

  /**
   * Finds the open PR for `head` or creates a draft; its body links the issue ("Refs #n"). When
   * GitHub refuses this token pull requests (the repository setting), that is remembered and
   * thrown again without asking, and the caller says so (PullRequestsRefusedError).
   */
  async openOrUpdateDraftPr(
    p: DraftPrRequest,
  ): Promise<{ number: number; url: string; created: boolean }> {
    if (this.pullRequestsRefused) throw this.pullRequestsRefused;
    try {
      return await openOrUpdateDraftPr(this.ctx, p);
    } catch (err) {
      if (err instanceof PullRequestsRefusedError) this.pullRequestsRefused = err;
      throw err;
    }
  }

  /**
   * The verifier results on a checkpoint commit: a check run, or a commit status where the token
   * may not write checks, or nothing (said once) where it may write neither.
   */
  async publishEvidence(evidence: Evidence): Promise<EvidencePublished> {
    return publishEvidence(this.ctx, evidence, this.evidenceRefused);
  }

  updatePrBody(n: number, body: string): Promise<void> {
    return updatePull(this.ctx, n, { body });
  }

  // ---------------------------------------------------------------- Git Data (the goal record's ref)

  /** The commit `ref` (fully qualified: refs/goal-action/12) points at; null when there is none. */
  refSha(ref: string): Promise<string | null> {
    return getRef(this.ctx, ref);
  }

  /** One file's bytes at a commit; null when there is no such file. */
  fileAt(commit: string, path: string): Promise<Buffer | null> {
    return readFileAt(this.ctx, commit, path);
  }

  /** A commit holding only `file`, on `parents` (tree and commit: two requests). */
  commitFile(
    file: { path: string; text: string },
    message: string,
    parents: string[],
  ): Promise<string> {
    return commitFile(this.ctx, file, message, parents);
  }

  /** Creates the ref; 'conflict' when it exists already. Throws RefRefusedError when refused. */
  createRef(ref: string, sha: string): Promise<RefWrite> {
    return createRef(this.ctx, ref, sha);
  }

  /** Fast-forwards the ref; 'conflict' when it moved (GitHub's 422). Throws RefRefusedError on 403. */
  updateRef(ref: string, sha: string): Promise<RefWrite> {
    return updateRef(this.ctx, ref, sha);
  }

  /** The run's status; 'unknown' when the run is gone or the token may not see Actions. */
  async runStatus(runId: string): Promise<'queued' | 'in_progress' | 'completed' | 'unknown'> {
    const id = Number(runId);
    if (!Number.isSafeInteger(id) || id <= 0) return 'unknown';
    const res = await callGitHub(
      `read workflow run ${runId}`,
      this.route('GET', `/actions/runs/${id}`),
      () =>
        this.api.actions.getWorkflowRun({ ...this.repo, run_id: id }).catch((e: unknown) => {
          if (statusOf(e) === 404) return null;
          if (statusOf(e) === 403) {
            // Expected without `actions: read`; the caller falls back to the lock's heartbeat.
            this.ctx.debug(
              `Cannot read workflow run ${runId} (the workflow needs \`permissions: actions: read\`).`,
            );
            return null;
          }
          throw e;
        }),
    );
    const status = res?.data.status;
    if (status === 'in_progress' || status === 'completed') return status;
    if (
      status === 'queued' ||
      status === 'requested' ||
      status === 'waiting' ||
      status === 'pending'
    )
      return 'queued';
    return 'unknown';
  }
}
