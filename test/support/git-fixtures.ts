// Real git repositories in temporary directories, for everyone's tests: a repository with files
// committed on `main`, a bare "origin" with a clone of it (shallow with depth 1 when asked, like
// actions/checkout makes), commits by a "human", and a smart-HTTP git server on 127.0.0.1 that
// requires a token (git http-backend as CGI). Identity is given per command: CI machines have no
// global git identity.

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { newGoalRecord } from '../../src/engine/record.js';
import type { GoalRecord } from '../../src/engine/types.js';

export const TEST_IDENTITY = { name: 'Fixture Author', email: 'fixture@example.com' };
export const HUMAN_AUTHOR = 'Test Human <human@example.com>';

export interface TestRepo {
  dir: string;
  /** The bare origin's path, when there is one. */
  remote?: string;
  /** Runs git in `dir`; returns stdout without the trailing newline. */
  git(args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

/** Runs git in `cwd` with a fixed identity and no prompts; throws with stderr on failure. */
export async function runGit(cwd: string, args: string[], input?: string): Promise<string> {
  const res = await execa(
    'git',
    [
      '-c',
      `user.name=${TEST_IDENTITY.name}`,
      '-c',
      `user.email=${TEST_IDENTITY.email}`,
      '-c',
      'commit.gpgSign=false',
      '-c',
      'init.defaultBranch=main',
      '-c',
      'protocol.file.allow=always',
      ...args,
    ],
    {
      cwd,
      input,
      reject: false,
      env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_DIR: undefined, GIT_WORK_TREE: undefined },
    },
  );
  if (res.exitCode !== 0) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd} (${res.exitCode}): ${res.stderr}`);
  }
  return String(res.stdout).replace(/\n$/, '');
}

export async function tempDir(prefix = 'goal-git-'): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

async function initBare(dir: string): Promise<void> {
  await runGit(dir, ['init', '--quiet', '--bare', '--initial-branch=main']);
  // Lets a shallow clone fetch a commit by id, as GitHub allows.
  await runGit(dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
}

/**
 * A repository with `files` committed on `main` (an empty first commit when there are none).
 * With `bare: true` it also gets a bare `origin` holding `main`.
 */
export async function makeRepo(
  files: Record<string, string>,
  opts: { bare?: boolean } = {},
): Promise<TestRepo> {
  const dir = await tempDir();
  const cleanupDirs = [dir];
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  await writeFiles(dir, files);
  await runGit(dir, ['add', '--all']);
  await runGit(dir, ['commit', '--quiet', '--allow-empty', '-m', 'initial commit']);
  let remote: string | undefined;
  if (opts.bare) {
    remote = await tempDir('goal-origin-');
    cleanupDirs.push(remote);
    await initBare(remote);
    await runGit(dir, ['remote', 'add', 'origin', `file://${remote}`]);
    await runGit(dir, ['push', '--quiet', 'origin', 'main']);
  }
  return {
    dir,
    remote,
    git: (args) => runGit(dir, args),
    cleanup: () => removeAll(cleanupDirs),
  };
}

/** A bare origin with `files` on main, and a clone of it (depth 1 when `shallow`). */
export async function makeRepoWithRemote(
  files: Record<string, string>,
  opts: { shallow?: boolean } = {},
): Promise<TestRepo & { remote: string }> {
  const seed = await makeRepo(files, { bare: true });
  const remote = seed.remote as string;
  const dir = await cloneRemote(remote, { shallow: opts.shallow });
  return {
    dir,
    remote,
    git: (args) => runGit(dir, args),
    cleanup: async () => {
      await seed.cleanup();
      await removeAll([dir]);
    },
  };
}

/** A fresh clone of `remote` in a new temporary directory (remove it yourself). */
export async function cloneRemote(
  remote: string,
  opts: { shallow?: boolean } = {},
): Promise<string> {
  const dir = await tempDir('goal-clone-');
  const depth = opts.shallow ? ['--depth=1'] : [];
  // file:// so that --depth is honoured (a plain path clones locally and ignores it).
  await runGit(dir, ['clone', '--quiet', ...depth, '--branch=main', `file://${remote}`, '.']);
  return dir;
}

/** Writes `files` and commits them as `author` (default: a human); returns the commit id. */
export async function commitAs(
  dir: string,
  files: Record<string, string>,
  message: string,
  author: string = HUMAN_AUTHOR,
): Promise<string> {
  await writeFiles(dir, files);
  await runGit(dir, ['add', '--all']);
  await runGit(dir, ['commit', '--quiet', '--allow-empty', `--author=${author}`, '-m', message]);
  return runGit(dir, ['rev-parse', 'HEAD']);
}

async function removeAll(dirs: string[]): Promise<void> {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- smart HTTP with a token

export interface GitHttpServer {
  /** Base URL; a bare repo `<root>/x.git` is at `${url}/x.git`. */
  url: string;
  /** Every request, with the Authorization header it carried (undefined when none). */
  requests: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

/**
 * Serves the bare repositories under `projectRoot` over git's smart HTTP protocol on 127.0.0.1,
 * answering 401 unless the request carries `Authorization: Basic base64(x-access-token:<token>)`
 * (what GitHub accepts for an installation token).
 */
export async function serveGitOverHttp(
  projectRoot: string,
  opts: { token: string },
): Promise<GitHttpServer> {
  const expected = Buffer.from(`x-access-token:${opts.token}`).toString('base64');
  const requests: GitHttpServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization });
    const [scheme, value] = (authorization ?? '').split(/\s+/);
    if (scheme?.toLowerCase() !== 'basic' || value !== expected) {
      res
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' })
        .end('authentication required');
      return;
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
    });
    req.pipe(child.stdin);
    pipeCgiResponse(child.stdout, res);
    child.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** CGI output is headers (with an optional `Status:`), a blank line, then the body. */
function pipeCgiResponse(out: NodeJS.ReadableStream, res: http.ServerResponse): void {
  let head = Buffer.alloc(0);
  let headersDone = false;
  out.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  out.on('end', () => {
    if (!headersDone) res.writeHead(502).end('bad CGI response');
    else res.end();
  });
}

// ---------------------------------------------------------------- goal records for workspace tests

/** A fresh goal record on `branch`, with optional checkpoints and base, as the engine would pass. */
export function goalRecordFor(
  branch: string,
  extra: Partial<Pick<GoalRecord, 'baseSha' | 'checkpoints' | 'number'>> = {},
): GoalRecord {
  const record = newGoalRecord({
    id: 'goal-test-1',
    title: 'Test goal',
    branch,
    baseRef: 'main',
    now: '2025-01-01T00:00:00.000Z',
    budget: { tokens: 1_000_000, usd: 5, timeSec: 3600, iterations: 20 },
    contract: {
      outcome: 'Tests pass',
      verification: [],
      verificationNotes: [],
      constraints: [],
      boundaries: [],
      protectedPaths: [],
      iterationPolicy: '',
      blockedCondition: '',
      steering: [],
      allowedChanges: [],
    },
  });
  return { ...record, ...extra };
}
