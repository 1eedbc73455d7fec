// A stateful fake of the GitHub REST endpoints goal-action uses, on 127.0.0.1, for the real Octokit
// (through baseUrl / GITHUB_API_URL). It keeps issues, pull requests, comments, reactions, labels,
// check runs, commit statuses and workflow dispatches in memory, pages like GitHub (per_page, page,
// Link), enforces GitHub's limits (65,536-character bodies, one open PR per head), reads files from a
// real git repository, and can inject failures (5xx, secondary rate limits) to exercise retries.
//
// It cannot drift from GitHub: every request is checked against GitHub's published REST description
// (operation, parameters, body) and every answer against the documented response schema
// (github-openapi.ts). A mismatch is recorded in `violations`, and `close()` then fails, so the test
// that made the request fails. Answers are GitHub's own examples overlaid with the fake's state.

/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are raw JSON from Octokit */

import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { jsonBuilders } from './github-fake-json.js';
import { githubOpenApi } from './github-openapi.js';

const run = promisify(execFile);

export type FakePermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export interface FakeUser {
  login: string;
  type?: 'User' | 'Bot';
  permission?: FakePermission;
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  user: string;
  labels: string[];
  state: 'open' | 'closed';
  isPull: boolean;
  createdAt: string;
}
export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}
export interface FakeReaction {
  id: number;
  subject: { commentId: number } | { issueNumber: number };
  content: string;
  user: string;
}
export interface FakePull {
  number: number;
  headRef: string;
  headSha: string;
  headOwner: string;
  headRepoFullName: string;
  baseRef: string;
  draft: boolean;
}
export interface FakeFailure {
  method?: string;
  path: RegExp;
  status: number;
  count: number;
  secondaryRateLimit?: boolean;
}
export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: any[];
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  app: string;
}
export interface FakeStatus {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  at: string;
}
export interface FakeDispatch {
  workflow: string;
  ref: string;
  inputs: Record<string, string>;
  /** Who the token that dispatched belongs to (the sender of the run it starts). */
  sender: string;
}
/** Repository settings and token scopes that change what GitHub allows. */
export interface FakeSettings {
  /** Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests". */
  actionsMayCreatePulls: boolean;
  /** The token may write check runs (`checks: write`). */
  checks: boolean;
  /** The token may write commit statuses (`statuses: write`). */
  statuses: boolean;
  /** The token may start workflows (`actions: write`). */
  dispatch: boolean;
  /**
   * Refs outside refs/heads and refs/tags (refs/goal-action/<n>) through the Git Data API: allowed,
   * or refused with 403 (a token or policy that may not) or 422 (a host that rejects the name).
   */
  customRefs: 'allow' | 403 | 422;
}
export interface GitHubFake {
  url: string;
  /** Stops the server; rejects when any exchange did not fit GitHub's REST description. */
  close(): Promise<void>;
  issues: Map<number, FakeIssue>;
  comments: FakeComment[];
  reactions: FakeReaction[];
  pulls: FakePull[];
  labels: Set<string>;
  /** Colour and description of each repository label. */
  labelDetails: Map<string, { color: string; description: string }>;
  users: Map<string, FakeUser>;
  requests: { method: string; path: string; query: string; status: number }[];
  checkRuns: FakeCheckRun[];
  statuses: FakeStatus[];
  dispatches: FakeDispatch[];
  settings: FakeSettings;
  /**
   * Whom the token belongs to: its writes are authored by this login. `github-actions[bot]` for
   * GITHUB_TOKEN, `<app>[bot]` for an App installation token (GET /user is 403 for both), a user
   * login for a personal token.
   */
  tokenUser: string;
  /** Requests and answers that do not fit GitHub's REST description. */
  violations: string[];
  /** POST/PATCH/PUT/DELETE requests answered (whatever the status). */
  writeCount(): number;
  /**
   * Every write is answered this much later (0 by default): a benchmark tells the writes a caller
   * waits for from those it sends in the background by how much later it gets on.
   */
  writeLatencyMs: number;
  createIssue(i: {
    title: string;
    body: string;
    user: string;
    labels?: string[];
    pull?: { headRef: string; headSha?: string; baseRef: string; fromFork?: boolean };
  }): FakeIssue;
  addComment(issueNumber: number, user: string, body: string): FakeComment;
  workflowRuns: Map<
    number,
    { status: 'queued' | 'in_progress' | 'completed'; conclusion?: string }
  >;
  injectFailures(f: FakeFailure): void;
  /** The commit a ref of the fake's repository points at (`refs/goal-action/1`), or null. */
  refSha(ref: string): Promise<string | null>;
  /** A file's text at a commit-ish of the fake's repository, or null. */
  showFile(commitish: string, path: string): Promise<string | null>;
}

interface Ctx {
  params: string[];
  query: URLSearchParams;
  body: any;
  login: string;
  url: URL;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Handler = (c: Ctx) => Reply | Promise<Reply>;

export const COMMENT_BODY_LIMIT = 65_536;
const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];
const LEGACY_PERMISSION: Record<FakePermission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222.';

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const ok = (body: unknown, status = 200): Reply => ({ status, body });
const fail = (status: number, message: string, errors?: unknown[]): Reply => ({
  status,
  body: {
    message,
    documentation_url: 'https://docs.github.com/rest',
    ...(errors ? { errors } : {}),
  },
});
const notFound = (): Reply => fail(404, 'Not Found');
const invalid = (resource: string, field: string, message: string): Reply =>
  fail(422, 'Validation Failed', [{ resource, field, code: 'custom', message }]);
const fakeSha = (s: string): string => Buffer.from(s).toString('hex').padEnd(40, '0').slice(0, 40);

/** Statuses GitHub may send for any operation, documented or not: their bodies are basic errors. */
const ANY_OPERATION = new Set([401, 403, 404, 422, 429, 500, 502, 503, 504]);

export async function startGitHubFake(opts: {
  owner: string;
  repo: string;
  token: string;
  /** Whom the token belongs to (see GitHubFake.tokenUser); default github-actions[bot]. */
  botLogin?: string;
  users?: FakeUser[];
  defaultBranch?: string;
  gitDir?: string;
  settings?: Partial<FakeSettings>;
}): Promise<GitHubFake> {
  const { owner, repo, gitDir } = opts;
  const fullName = `${owner}/${repo}`;
  const defaultBranch = opts.defaultBranch ?? 'main';
  const failures: FakeFailure[] = [];
  const spec = githubOpenApi();
  let nextIssue = 1;
  let nextId = 1000;

  const fake: GitHubFake = {
    url: '',
    close: async () => {},
    issues: new Map(),
    comments: [],
    reactions: [],
    pulls: [],
    labels: new Set(),
    labelDetails: new Map(),
    users: new Map((opts.users ?? []).map((u) => [u.login, u])),
    requests: [],
    checkRuns: [],
    statuses: [],
    dispatches: [],
    settings: {
      actionsMayCreatePulls: true,
      checks: true,
      statuses: true,
      dispatch: true,
      customRefs: 'allow',
      ...opts.settings,
    },
    tokenUser: opts.botLogin ?? 'github-actions[bot]',
    violations: [],
    workflowRuns: new Map(),
    writeLatencyMs: 0,
    writeCount: () => fake.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length,
    createIssue(i) {
      const issue: FakeIssue = {
        number: nextIssue++,
        title: i.title,
        body: i.body,
        user: i.user,
        labels: [...(i.labels ?? [])],
        state: 'open',
        isPull: i.pull !== undefined,
        createdAt: now(),
      };
      for (const l of issue.labels) ensureLabel(l);
      fake.issues.set(issue.number, issue);
      if (i.pull) {
        const headOwner = i.pull.fromFork ? i.user : owner;
        fake.pulls.push({
          number: issue.number,
          headRef: i.pull.headRef,
          headSha: i.pull.headSha ?? fakeSha(i.pull.headRef),
          headOwner,
          headRepoFullName: `${headOwner}/${repo}`,
          baseRef: i.pull.baseRef,
          draft: false,
        });
      }
      return issue;
    },
    addComment(issueNumber, user, body) {
      if (!fake.issues.has(issueNumber)) throw new Error(`github-fake: no issue #${issueNumber}`);
      const at = now();
      const c: FakeComment = {
        id: nextId++,
        issueNumber,
        body,
        user,
        createdAt: at,
        updatedAt: at,
      };
      fake.comments.push(c);
      return c;
    },
    injectFailures: (f) => void failures.push({ ...f }),
    refSha: async (ref) =>
      (await git(['rev-parse', '--verify', '-q', ref]))?.toString().trim() || null,
    showFile: async (commitish, path) =>
      (await git(['cat-file', 'blob', `${commitish}:${path}`]))?.toString('utf8') ?? null,
  };

  const ensureLabel = (name: string, color = 'ededed', description = ''): void => {
    if ([...fake.labels].some((l) => l.toLowerCase() === name.toLowerCase())) return;
    fake.labels.add(name);
    fake.labelDetails.set(name, { color, description });
  };
  const userType = (login: string): string =>
    fake.users.get(login)?.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
  const json = jsonBuilders({
    get api() {
      return fake.url;
    },
    web: 'https://github.com',
    owner,
    repo,
    userType,
  });
  const permissionOf = (login: string): FakePermission | undefined =>
    fake.users.get(login)?.permission ??
    (login === owner ? 'admin' : fake.users.has(login) ? 'read' : undefined);
  const association = (login: string): string => {
    if (login === owner) return 'OWNER';
    const p = permissionOf(login);
    return p && p !== 'read' && p !== 'none' ? 'COLLABORATOR' : 'NONE';
  };
  const labelJson = (name: string) => {
    const d = fake.labelDetails.get(name);
    return json.label(name, d?.color ?? 'ededed', d?.description ?? '');
  };
  const pullOf = (n: number) => fake.pulls.find((p) => p.number === n);
  const commentJson = (c: FakeComment) => json.comment({ ...c, association: association(c.user) });
  const issueFields = (i: FakeIssue) => ({
    ...i,
    labels: i.labels.map(labelJson),
    comments: fake.comments.filter((c) => c.issueNumber === i.number).length,
    association: association(i.user),
  });
  const issueJson = (i: FakeIssue) => json.issue(issueFields(i));
  const pullJson = async (p: FakePull) => {
    const i = fake.issues.get(p.number)!;
    if (p.headOwner === owner) p.headSha = (await revParse(p.headRef)) ?? p.headSha;
    const baseSha = (await revParse(p.baseRef)) ?? fakeSha(p.baseRef);
    return json.pull(issueFields(i), { ...p, baseSha });
  };
  const git = async (args: string[]): Promise<Buffer | null> => {
    if (!gitDir) return null;
    try {
      const { stdout } = await run('git', ['--git-dir', gitDir, ...args], {
        encoding: 'buffer',
        maxBuffer: 1 << 26,
      });
      return stdout;
    } catch {
      return null;
    }
  };
  /** A git command fed `input` on stdin, with extra environment; null when it fails. */
  const gitIn = (
    args: string[],
    input: Buffer | string,
    env: Record<string, string> = {},
  ): Promise<string | null> =>
    new Promise((resolve) => {
      if (!gitDir) return resolve(null);
      const child = spawn('git', ['--git-dir', gitDir, ...args], {
        env: { ...process.env, ...env },
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      const out: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.on('error', () => resolve(null));
      // Commands that never read stdin may exit before it is written: not an error.
      child.stdin.on('error', () => undefined);
      child.on('close', (code) =>
        resolve(code === 0 ? Buffer.concat(out).toString('utf8').trim() : null),
      );
      child.stdin.end(input);
    });
  const revParse = async (branch: string): Promise<string | null> =>
    (await git(['rev-parse', '--verify', '-q', `refs/heads/${branch}^{commit}`]))
      ?.toString()
      .trim() || null;
  const forbidden = (): Reply => fail(403, 'Resource not accessible by integration');

  const paginate = (c: Ctx, items: unknown[]): Reply => {
    const perPage = Math.min(100, Math.max(1, Number(c.query.get('per_page')) || 30));
    const page = Math.max(1, Number(c.query.get('page')) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string): string => {
      const u = new URL(c.url);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first')] : []),
    ];
    const body = items.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body, headers: links.length ? { link: links.join(', ') } : {} };
  };
  const withIssue = (c: Ctx, then: (i: FakeIssue) => Reply | Promise<Reply>) => {
    const i = fake.issues.get(Number(c.params[0]));
    return i ? then(i) : notFound();
  };
  const withComment = (c: Ctx, then: (cm: FakeComment) => Reply) => {
    const cm = fake.comments.find((x) => x.id === Number(c.params[0]));
    return cm ? then(cm) : notFound();
  };
  const bodyTooLong = (body: unknown): Reply | null =>
    typeof body === 'string' && [...body].length > COMMENT_BODY_LIMIT
      ? invalid(
          'IssueComment',
          'body',
          `body is too long (maximum is ${COMMENT_BODY_LIMIT} characters)`,
        )
      : null;
  const react = (c: Ctx, subject: FakeReaction['subject']): Reply => {
    const content = String(c.body?.content);
    if (!REACTIONS.includes(content))
      return invalid('Reaction', 'content', 'content is not included in the list');
    const key = JSON.stringify(subject);
    const same = fake.reactions.find(
      (r) => JSON.stringify(r.subject) === key && r.user === c.login && r.content === content,
    );
    if (same) return ok(json.reaction(same.id, content, same.user));
    const r: FakeReaction = { id: nextId++, subject, content, user: c.login };
    fake.reactions.push(r);
    return ok(json.reaction(r.id, content, r.user), 201);
  };
  const checkRunJson = (r: FakeCheckRun) =>
    json.checkRun({ ...r, annotations: r.annotations.length });
  const applyCheckRun = (r: FakeCheckRun, b: any): void => {
    if (typeof b.name === 'string') r.name = b.name;
    if (typeof b.status === 'string') r.status = b.status;
    if (typeof b.conclusion === 'string') {
      r.conclusion = b.conclusion;
      r.status = 'completed';
    }
    if (typeof b.started_at === 'string') r.startedAt = b.started_at;
    if (typeof b.completed_at === 'string') r.completedAt = b.completed_at;
    if (typeof b.details_url === 'string') r.detailsUrl = b.details_url;
    if (typeof b.external_id === 'string') r.externalId = b.external_id;
    if (b.output) {
      r.output = {
        title: b.output.title ?? r.output.title,
        summary: b.output.summary ?? r.output.summary,
        text: b.output.text ?? r.output.text,
      };
      r.annotations.push(...(b.output.annotations ?? []));
    }
    if (r.status === 'completed') r.completedAt ??= now();
  };

  const repoRoutes: [string, RegExp, Handler][] = [
    ['GET', /^$/, () => ok(json.repository(defaultBranch))],
    [
      'GET',
      /^\/collaborators\/([^/]+)\/permission$/,
      (c) => {
        const login = c.params[0]!;
        const p = permissionOf(login);
        if (!p) return fail(404, `${login} is not a user`);
        return ok(json.permission(login, LEGACY_PERMISSION[p], p));
      },
    ],
    ['GET', /^\/issues\/(\d+)$/, (c) => withIssue(c, (i) => ok(issueJson(i)))],
    [
      'GET',
      /^\/issues\/(\d+)\/comments$/,
      (c) =>
        withIssue(c, (i) => {
          const since = c.query.get('since');
          const list = fake.comments.filter(
            (x) => x.issueNumber === i.number && (!since || x.updatedAt >= since),
          );
          return paginate(c, list.map(commentJson));
        }),
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/comments$/,
      (c) =>
        withIssue(c, (i) => {
          if (typeof c.body?.body !== 'string')
            return invalid('IssueComment', 'body', 'body is missing');
          return (
            bodyTooLong(c.body.body) ??
            ok(commentJson(fake.addComment(i.number, c.login, c.body.body)), 201)
          );
        }),
    ],
    ['GET', /^\/issues\/comments\/(\d+)$/, (c) => withComment(c, (cm) => ok(commentJson(cm)))],
    [
      'PATCH',
      /^\/issues\/comments\/(\d+)$/,
      (c) =>
        withComment(c, (cm) => {
          if (typeof c.body?.body !== 'string')
            return invalid('IssueComment', 'body', 'body is missing');
          const tooLong = bodyTooLong(c.body.body);
          if (tooLong) return tooLong;
          Object.assign(cm, { body: c.body.body, updatedAt: now() });
          return ok(commentJson(cm));
        }),
    ],
    [
      'DELETE',
      /^\/issues\/comments\/(\d+)$/,
      (c) =>
        withComment(c, (cm) => {
          fake.comments.splice(fake.comments.indexOf(cm), 1);
          return { status: 204 };
        }),
    ],
    [
      'POST',
      /^\/issues\/comments\/(\d+)\/reactions$/,
      (c) => withComment(c, (cm) => react(c, { commentId: cm.id })),
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/reactions$/,
      (c) => withIssue(c, (i) => react(c, { issueNumber: i.number })),
    ],
    [
      'GET',
      /^\/labels\/([^/]+)$/,
      (c) => {
        const name = [...fake.labels].find((l) => l.toLowerCase() === c.params[0]!.toLowerCase());
        return name ? ok(labelJson(name)) : notFound();
      },
    ],
    [
      'POST',
      /^\/labels$/,
      (c) => {
        const name = String(c.body?.name ?? '');
        if ([...fake.labels].some((l) => l.toLowerCase() === name.toLowerCase())) {
          return fail(422, 'Validation Failed', [
            { resource: 'Label', code: 'already_exists', field: 'name' },
          ]);
        }
        ensureLabel(name, c.body?.color ?? 'ededed', c.body?.description ?? '');
        return ok(labelJson(name), 201);
      },
    ],
    [
      'GET',
      /^\/issues\/(\d+)\/labels$/,
      (c) => withIssue(c, (i) => paginate(c, i.labels.map(labelJson))),
    ],
    [
      'POST',
      /^\/issues\/(\d+)\/labels$/,
      (c) =>
        withIssue(c, (i) => {
          const names: unknown[] = Array.isArray(c.body) ? c.body : (c.body?.labels ?? []);
          for (const n of names.map(String)) {
            ensureLabel(n);
            if (!i.labels.includes(n)) i.labels.push(n);
          }
          return ok(i.labels.map(labelJson));
        }),
    ],
    [
      'DELETE',
      /^\/issues\/(\d+)\/labels\/([^/]+)$/,
      (c) =>
        withIssue(c, (i) => {
          const at = i.labels.indexOf(c.params[1]!);
          if (at < 0) return fail(404, 'Label does not exist');
          i.labels.splice(at, 1);
          return ok(i.labels.map(labelJson));
        }),
    ],
    [
      'GET',
      /^\/pulls$/,
      async (c) => {
        const head = c.query.get('head');
        const state = c.query.get('state') ?? 'open';
        const list = fake.pulls.filter((p) => {
          const i = fake.issues.get(p.number)!;
          const headOk =
            !head?.includes(':') ||
            `${p.headOwner}:${p.headRef}`.toLowerCase() === head.toLowerCase();
          return headOk && (state === 'all' || i.state === state);
        });
        return paginate(c, await Promise.all(list.map(pullJson)));
      },
    ],
    [
      'POST',
      /^\/pulls$/,
      async (c) => {
        // GitHub's default for new repositories and organisations.
        if (!fake.settings.actionsMayCreatePulls && userType(c.login) === 'Bot')
          return fail(403, 'GitHub Actions is not permitted to create or approve pull requests.');
        const { title, body = '', draft = false } = c.body ?? {};
        const head = String(c.body?.head ?? '').replace(new RegExp(`^${owner}:`, 'i'), '');
        const base = String(c.body?.base ?? '');
        if (!title) return invalid('PullRequest', 'title', 'title is missing');
        const tooLong = bodyTooLong(body);
        if (tooLong) return tooLong;
        const open = fake.pulls.find(
          (p) =>
            p.headOwner === owner &&
            p.headRef === head &&
            fake.issues.get(p.number)!.state === 'open',
        );
        if (open)
          return invalid(
            'PullRequest',
            'head',
            `A pull request already exists for ${owner}:${head}.`,
          );
        const headSha = gitDir ? await revParse(head) : fakeSha(head);
        if (!headSha)
          return fail(422, 'Validation Failed', [
            { resource: 'PullRequest', field: 'head', code: 'invalid' },
          ]);
        if (gitDir && !(await revParse(base)))
          return fail(422, 'Validation Failed', [
            { resource: 'PullRequest', field: 'base', code: 'invalid' },
          ]);
        const i = fake.createIssue({
          title,
          body,
          user: c.login,
          pull: { headRef: head, headSha, baseRef: base },
        });
        pullOf(i.number)!.draft = Boolean(draft);
        return ok(await pullJson(pullOf(i.number)!), 201);
      },
    ],
    [
      'GET',
      /^\/pulls\/(\d+)$/,
      async (c) => {
        const p = pullOf(Number(c.params[0]));
        return p ? ok(await pullJson(p)) : notFound();
      },
    ],
    [
      'PATCH',
      /^\/pulls\/(\d+)$/,
      async (c) => {
        const p = pullOf(Number(c.params[0]));
        if (!p) return notFound();
        const i = fake.issues.get(p.number)!;
        const tooLong = bodyTooLong(c.body?.body);
        if (tooLong) return tooLong;
        if (typeof c.body?.title === 'string') i.title = c.body.title;
        if (typeof c.body?.body === 'string') i.body = c.body.body;
        if (c.body?.state === 'open' || c.body?.state === 'closed') i.state = c.body.state;
        if (typeof c.body?.base === 'string') p.baseRef = c.body.base;
        return ok(await pullJson(p));
      },
    ],
    [
      'GET',
      /^\/contents\/(.+)$/,
      async (c) => {
        const path = c.params[0]!;
        const ref = c.query.get('ref') ?? defaultBranch;
        const spec = `${ref}:${path}`;
        const type = (await git(['cat-file', '-t', spec]))?.toString().trim();
        const sha = (await git(['rev-parse', spec]))?.toString().trim() ?? fakeSha(spec);
        if (type === 'tree') {
          const rows = (await git(['ls-tree', spec]))!.toString().split('\n').filter(Boolean);
          return ok(
            rows.map((row) => {
              const [meta = '', name = ''] = row.split('\t');
              const [, kind, entrySha = ''] = meta.split(' ');
              return json.directoryEntry(
                `${path}/${name}`,
                ref,
                kind === 'tree' ? 'dir' : 'file',
                entrySha,
              );
            }),
          );
        }
        const blob = type === 'blob' ? await git(['cat-file', 'blob', spec]) : null;
        if (!blob) return notFound();
        return ok(json.file(path, ref, blob, sha));
      },
    ],
    [
      'GET',
      /^\/actions\/runs\/(\d+)$/,
      (c) => {
        const id = Number(c.params[0]);
        const r = fake.workflowRuns.get(id);
        return r ? ok(json.workflowRun(id, r.status, r.conclusion ?? null)) : notFound();
      },
    ],
    [
      'POST',
      /^\/actions\/workflows\/([^/]+)\/dispatches$/,
      (c) => {
        if (!fake.settings.dispatch) return forbidden();
        const inputs: Record<string, string> = {};
        for (const [k, v] of Object.entries(c.body?.inputs ?? {})) inputs[k] = String(v);
        fake.dispatches.push({
          workflow: c.params[0]!,
          ref: String(c.body?.ref ?? ''),
          inputs,
          sender: c.login,
        });
        return { status: 204 };
      },
    ],
    [
      'POST',
      /^\/check-runs$/,
      (c) => {
        if (!fake.settings.checks) return forbidden();
        const r: FakeCheckRun = {
          id: nextId++,
          name: String(c.body?.name ?? ''),
          headSha: String(c.body?.head_sha ?? ''),
          status: 'queued',
          conclusion: null,
          output: { title: null, summary: null, text: null },
          annotations: [],
          detailsUrl: null,
          externalId: null,
          startedAt: now(),
          completedAt: null,
          app: c.login,
        };
        applyCheckRun(r, c.body ?? {});
        fake.checkRuns.push(r);
        return ok(checkRunJson(r), 201);
      },
    ],
    [
      'PATCH',
      /^\/check-runs\/(\d+)$/,
      (c) => {
        if (!fake.settings.checks) return forbidden();
        const r = fake.checkRuns.find((x) => x.id === Number(c.params[0]));
        if (!r) return notFound();
        applyCheckRun(r, c.body ?? {});
        return ok(checkRunJson(r));
      },
    ],
    [
      'POST',
      /^\/statuses\/([0-9a-f]{40})$/,
      (c) => {
        if (!fake.settings.statuses) return forbidden();
        const st: FakeStatus = {
          id: nextId++,
          sha: c.params[0]!,
          state: String(c.body?.state ?? ''),
          context: String(c.body?.context ?? 'default'),
          description: c.body?.description ?? null,
          targetUrl: c.body?.target_url ?? null,
          creator: c.login,
          at: now(),
        };
        fake.statuses.push(st);
        return ok(json.status(st), 201);
      },
    ],
  ];

  // ---------------------------------------------------------------- Git Data API, on the real repository
  // Objects are written with git itself and refs moved with `git update-ref <ref> <new> <old>`, so a
  // compare-and-swap here is as real as GitHub's: two writers racing from one old value, one wins.

  const emptyRepo = (): Reply => fail(409, 'Git Repository is empty.');
  const isCustomRef = (ref: string): boolean =>
    !ref.startsWith('refs/heads/') && !ref.startsWith('refs/tags/');
  const refusedRef = (ref: string): Reply | null => {
    if (!isCustomRef(ref) || fake.settings.customRefs === 'allow') return null;
    return fake.settings.customRefs === 403
      ? forbidden()
      : invalid('Reference', 'ref', `${ref} is not a valid ref name.`);
  };
  const objectType = async (sha: string): Promise<string | null> =>
    /^[0-9a-f]{40}$/.test(sha)
      ? ((await git(['cat-file', '-t', sha]))?.toString().trim() ?? null)
      : null;
  const identity = (who?: { name?: string; email?: string; date?: string }) => {
    const login = fake.tokenUser;
    return {
      name: who?.name ?? login,
      email: who?.email ?? `${idOf(login)}+${login}@users.noreply.github.com`,
      date: who?.date ?? now(),
    };
  };
  const idOf = (s: string): number =>
    [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 99_999_999, 7);
  const commitJson = async (sha: string) => {
    const raw = (await git(['cat-file', 'commit', sha]))?.toString('utf8');
    if (!raw) return null;
    const split = raw.indexOf('\n\n');
    const head = raw.slice(0, split).split('\n');
    const field = (k: string) =>
      head.filter((l) => l.startsWith(`${k} `)).map((l) => l.slice(k.length + 1));
    const person = (line = '') => {
      const m = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(line);
      return {
        name: m?.[1] ?? '',
        email: m?.[2] ?? '',
        date: new Date(Number(m?.[3] ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    };
    return json.gitCommit({
      sha,
      tree: field('tree')[0] ?? '',
      parents: field('parent'),
      message: raw.slice(split + 2).replace(/\n$/, ''),
      author: person(field('author')[0]),
      committer: person(field('committer')[0]),
    });
  };
  const gitDataRoutes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/git\/ref\/(.+)$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const ref = `refs/${c.params[0]}`;
        const sha = await fake.refSha(ref);
        return sha ? ok(json.gitRef(ref, sha)) : notFound();
      },
    ],
    [
      'POST',
      /^\/git\/refs$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const ref = String(c.body?.ref ?? '');
        const sha = String(c.body?.sha ?? '');
        const refused = refusedRef(ref);
        if (refused) return refused;
        if (!ref.startsWith('refs/') || ref.split('/').length < 3)
          return invalid('Reference', 'ref', `${ref} is not a valid ref name.`);
        if (!(await objectType(sha))) return invalid('Reference', 'sha', 'Object does not exist');
        // An empty old value: the ref must not exist yet (git refuses otherwise), atomically.
        if ((await gitIn(['update-ref', ref, sha, ''], '')) === null)
          return invalid('Reference', 'ref', 'Reference already exists');
        return ok(json.gitRef(ref, sha), 201);
      },
    ],
    [
      'PATCH',
      /^\/git\/refs\/(.+)$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const ref = `refs/${c.params[0]}`;
        const sha = String(c.body?.sha ?? '');
        const refused = refusedRef(ref);
        if (refused) return refused;
        const current = await fake.refSha(ref);
        if (!current) return invalid('Reference', 'ref', 'Reference does not exist');
        if (!(await objectType(sha))) return invalid('Reference', 'sha', 'Object does not exist');
        if (c.body?.force !== true && current !== sha) {
          const ff = await gitIn(['merge-base', '--is-ancestor', current, sha], '');
          if (ff === null) return invalid('Reference', 'sha', 'Update is not a fast forward');
        }
        // The old value we checked must still be there when the ref moves.
        if ((await gitIn(['update-ref', ref, sha, current], '')) === null)
          return invalid('Reference', 'sha', 'Reference cannot be updated');
        return ok(json.gitRef(ref, sha));
      },
    ],
    [
      'DELETE',
      /^\/git\/refs\/(.+)$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const ref = `refs/${c.params[0]}`;
        if (!(await fake.refSha(ref)))
          return invalid('Reference', 'ref', 'Reference does not exist');
        await gitIn(['update-ref', '-d', ref], '');
        return { status: 204 };
      },
    ],
    [
      'POST',
      /^\/git\/blobs$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        if (typeof c.body?.content !== 'string')
          return invalid('Blob', 'content', 'content is missing');
        const encoding = c.body.encoding ?? 'utf-8';
        if (encoding !== 'utf-8' && encoding !== 'base64')
          return invalid('Blob', 'encoding', `encoding ${String(encoding)} is not supported`);
        const bytes = Buffer.from(c.body.content, encoding === 'base64' ? 'base64' : 'utf8');
        const sha = await gitIn(['hash-object', '-w', '--stdin'], bytes);
        return sha ? ok(json.shortBlob(sha), 201) : fail(500, 'github-fake: hash-object failed');
      },
    ],
    [
      'GET',
      /^\/git\/blobs\/([0-9a-f]{40})$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const sha = c.params[0]!;
        if ((await objectType(sha)) !== 'blob') return notFound();
        return ok(json.blob(sha, (await git(['cat-file', 'blob', sha]))!));
      },
    ],
    [
      'POST',
      /^\/git\/trees$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        // Flat trees only (goal-action writes one file); nested paths and base_tree are refused.
        const items: any[] = Array.isArray(c.body?.tree) ? c.body.tree : [];
        if (c.body?.base_tree !== undefined || items.some((e) => String(e.path).includes('/')))
          return invalid(
            'Tree',
            'tree',
            'github-fake: only flat trees without base_tree are supported',
          );
        const entries: { path: string; mode: string; type: string; sha: string; size?: number }[] =
          [];
        for (const e of items) {
          let sha = typeof e.sha === 'string' ? e.sha : null;
          if (typeof e.content === 'string')
            sha = await gitIn(['hash-object', '-w', '--stdin'], e.content);
          const type = sha ? await objectType(sha) : null;
          if (!sha || !type || type !== e.type)
            return invalid('Tree', 'tree.sha', `${String(e.sha)} is not a valid ${String(e.type)}`);
          const size =
            type === 'blob'
              ? Number((await git(['cat-file', '-s', sha]))?.toString().trim())
              : undefined;
          entries.push({
            path: String(e.path),
            mode: String(e.mode),
            type,
            sha,
            ...(size === undefined ? {} : { size }),
          });
        }
        const listing = entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.path}\n`).join('');
        const sha = await gitIn(['mktree'], listing);
        return sha
          ? ok(json.gitTree(sha, entries), 201)
          : invalid('Tree', 'tree', 'tree is invalid');
      },
    ],
    [
      'POST',
      /^\/git\/commits$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const tree = String(c.body?.tree ?? '');
        const parents: string[] = Array.isArray(c.body?.parents) ? c.body.parents.map(String) : [];
        if ((await objectType(tree)) !== 'tree')
          return invalid('Commit', 'tree', 'Tree SHA does not exist');
        for (const p of parents)
          if ((await objectType(p)) !== 'commit')
            return invalid(
              'Commit',
              'parents',
              'Parent SHA does not exist or is not a commit object',
            );
        const author = identity(c.body?.author);
        const committer = identity(c.body?.committer ?? c.body?.author);
        const sha = await gitIn(
          ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])],
          String(c.body?.message ?? ''),
          {
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
            GIT_AUTHOR_DATE: author.date,
            GIT_COMMITTER_NAME: committer.name,
            GIT_COMMITTER_EMAIL: committer.email,
            GIT_COMMITTER_DATE: committer.date,
          },
        );
        const body = sha ? await commitJson(sha) : null;
        return body ? ok(body, 201) : fail(500, 'github-fake: commit-tree failed');
      },
    ],
    [
      'GET',
      /^\/git\/commits\/([0-9a-f]{40})$/,
      async (c) => {
        if (!gitDir) return emptyRepo();
        const body =
          (await objectType(c.params[0]!)) === 'commit' ? await commitJson(c.params[0]!) : null;
        return body ? ok(body) : notFound();
      },
    ],
  ];

  const injected = (method: string, path: string): Reply | null => {
    const f = failures.find(
      (x) => x.count > 0 && (!x.method || x.method === method) && x.path.test(path),
    );
    if (!f) return null;
    f.count--;
    if (f.secondaryRateLimit)
      return { ...fail(f.status, SECONDARY_MESSAGE), headers: { 'retry-after': '1' } };
    if (f.status === 429) {
      const reset = String(Math.ceil(Date.now() / 1000) + 1);
      return {
        ...fail(429, 'API rate limit exceeded'),
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      };
    }
    if (f.status === 403) return forbidden();
    return fail(f.status, f.status >= 500 ? 'Server Error' : 'Injected failure');
  };

  /** Holds the exchange to GitHub's description; what does not fit is a violation. */
  const checked = (
    method: string,
    url: URL,
    body: unknown,
  ): { problems: string[]; respond(r: Reply): void } => {
    // The path as it arrived on the wire (still percent-encoded), without the query.
    const rawPath = url.pathname;
    const req = spec.checkRequest(method, rawPath, url.searchParams, body);
    return {
      problems: req.problems,
      respond(r: Reply) {
        const documented = spec.checkResponse(method, rawPath, r.status, r.body);
        const generic = ANY_OPERATION.has(r.status);
        const problems = documented.problems.filter(
          (p) => !(generic && /documents no \d+ answer/.test(p)),
        );
        if (generic && documented.problems.length > problems.length)
          problems.push(...spec.checkError(r.status, r.body));
        fake.violations.push(...problems.map((p) => `answer to ${method} ${rawPath}: ${p}`));
      },
    };
  };

  const dispatch = async (
    method: string,
    url: URL,
    raw: string,
    auth: string | undefined,
  ): Promise<Reply> => {
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth ?? '')?.[1];
    if (token !== opts.token) return fail(401, 'Bad credentials');
    const failure = injected(method, url.pathname);
    if (failure) return failure;
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return fail(400, 'Problems parsing JSON');
    }
    const check = checked(method, url, body);
    if (check.problems.length) {
      fake.violations.push(...check.problems.map((p) => `request ${method} ${url.pathname}: ${p}`));
      return fail(422, `github-fake: not a valid GitHub request: ${check.problems.join('; ')}`);
    }
    const login = fake.tokenUser;
    const c = { query: url.searchParams, body, login, url };
    const reply = await route(method, url, c);
    check.respond(reply);
    return reply;
  };

  const route = async (method: string, url: URL, c: Omit<Ctx, 'params'>): Promise<Reply> => {
    if (url.pathname === '/user' && method === 'GET') {
      // Installation tokens (GITHUB_TOKEN, GitHub Apps) have no user behind them.
      return userType(c.login) === 'Bot'
        ? forbidden()
        : ok({ ...json.user(c.login), ...privateUserExtras() });
    }
    const prefix = `/repos/${fullName}`.toLowerCase();
    if (url.pathname.toLowerCase().startsWith(prefix)) {
      const rest = url.pathname.slice(prefix.length);
      for (const [m, re, handler] of [...repoRoutes, ...gitDataRoutes]) {
        const match = m === method ? re.exec(rest) : null;
        if (match) return handler({ ...c, params: match.slice(1).map(decodeURIComponent) });
      }
    }
    return { ...fail(404, `Not Found (github-fake has no route for ${method} ${url.pathname})`) };
  };
  const privateUserExtras = () => {
    const t = spec.example('private-user');
    const { login: _l, id: _i, node_id: _n, url: _u, html_url: _h, type: _t, ...rest } = t;
    return rest;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', fake.url);
      const latency = method === 'GET' || method === 'HEAD' ? 0 : fake.writeLatencyMs;
      dispatch(method, url, Buffer.concat(chunks).toString('utf8'), req.headers.authorization)
        .catch((e: unknown) => fail(500, `github-fake error: ${String(e)}`))
        .then(async (reply) => {
          if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
          return reply;
        })
        .then((reply) => {
          fake.requests.push({
            method,
            path: url.pathname,
            query: url.search,
            status: reply.status,
          });
          const headers = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
          res.writeHead(reply.status, headers);
          res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close(() => {
        if (!fake.violations.length) return resolve();
        const list = [...new Set(fake.violations)];
        reject(
          new Error(
            `github-fake: ${list.length} exchange(s) do not fit GitHub's REST description:\n- ${list.slice(0, 20).join('\n- ')}`,
          ),
        );
      });
    });
  return fake;
}
