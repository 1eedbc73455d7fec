import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit, credentialEnv, credentialOrigin, GitError } from '../../src/git/git.js';
import { makeRepo, serveGitOverHttp, tempDir, type TestRepo } from '../support/git-fixtures.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('git runner', () => {
  it('reports the command, exit code and stderr of a failing command', async () => {
    repo = await makeRepo({ 'a.txt': 'a\n' });
    const git = createGit(repo.dir);
    const error = await git.run(['rev-parse', '--verify', 'no-such-branch']).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.command).toBe('git rev-parse --verify no-such-branch');
    expect(error.exitCode).toBe(128);
    expect(error.message).toMatch(/exited with code 128: fatal: Needed a single revision/);
  });

  it('stops a command that runs past its timeout and says so', async () => {
    repo = await makeRepo({});
    const git = createGit(repo.dir, { timeoutMs: 300 });
    const error = await git.run(['-c', 'alias.wait=!sleep 30', 'wait']).catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toMatch(/timed out/);
  });

  it('commits with the identity given per command and never writes it to the config', async () => {
    repo = await makeRepo({});
    const git = createGit(repo.dir, { identity: { name: 'Goal Bot', email: 'bot@example.com' } });
    await git.run(['commit', '--allow-empty', '-q', '-m', 'x']);
    expect(await git.text(['log', '-1', '--format=%an <%ae> / %cn <%ce>'])).toBe(
      'Goal Bot <bot@example.com> / Goal Bot <bot@example.com>',
    );
    const config = await fs.readFile(path.join(repo.dir, '.git', 'config'), 'utf8');
    expect(config).not.toContain('Goal Bot');
  });

  it('never runs repository hooks (the agent can write .git/hooks)', async () => {
    repo = await makeRepo({});
    const marker = path.join(repo.dir, 'hook-ran');
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    await fs.writeFile(hook, `#!/bin/sh\ntouch "${marker}"\nexit 1\n`, { mode: 0o755 });
    await createGit(repo.dir).run(['commit', '--allow-empty', '-q', '-m', 'x']);
    await expect(fs.access(marker)).rejects.toThrow();
  });

  it('fails instead of prompting when a server asks for credentials it was not given', async () => {
    const root = await tempDir();
    const server = await serveGitOverHttp(root, { token: 'sekrit' });
    try {
      repo = await makeRepo({});
      const error = await createGit(repo.dir, { timeoutMs: 20_000 })
        .run(['ls-remote', `${server.url}/nothing.git`])
        .catch((e) => e);
      expect(error).toBeInstanceOf(GitError);
      expect(error.timedOut).toBe(false);
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

describe('per-command credentials', () => {
  it('scopes a basic Authorization header to the origin of the remote URL', () => {
    const env = credentialEnv({ url: 'https://github.com/o/r.git', token: 't0k' }, {});
    const header = `AUTHORIZATION: basic ${Buffer.from('x-access-token:t0k').toString('base64')}`;
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: header,
    });
  });

  it('appends after configuration entries someone else put in the environment', () => {
    const env = credentialEnv(
      { url: 'http://127.0.0.1:8080/r.git', token: 't' },
      { GIT_CONFIG_COUNT: '3' },
    );
    expect(env.GIT_CONFIG_COUNT).toBe('5');
    expect(env.GIT_CONFIG_KEY_4).toBe('http.http://127.0.0.1:8080/.extraheader');
  });

  it('gives no header to remotes that are not http(s)', () => {
    expect(credentialOrigin('file:///tmp/x.git')).toBeUndefined();
    expect(credentialOrigin('/tmp/x.git')).toBeUndefined();
    expect(credentialOrigin('git@github.com:o/r.git')).toBeUndefined();
    expect(credentialEnv({ url: '/tmp/x.git', token: 't' }, {})).toEqual({});
  });

  it('hands the header to that one command and redacts it from its error message', async () => {
    repo = await makeRepo({});
    const git = createGit(repo.dir);
    const url = 'http://127.0.0.1:9/x.git';
    // A command that prints what it received and fails: its stderr holds the header.
    const leak = [
      '-c',
      'alias.leak=!git config --get-all http.http://127.0.0.1:9/.extraheader >&2; exit 3',
      'leak',
    ];
    const error = await git
      .run(leak, { credentials: { url, token: 'very-secret-token' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GitError);
    const basic = Buffer.from('x-access-token:very-secret-token').toString('base64');
    expect(error.message).toContain('AUTHORIZATION: basic ***');
    expect(error.message).not.toContain(basic);
    // The next command without credentials has no header at all.
    const after = await git.run(leak).catch((e) => e);
    expect(after.message).not.toContain('AUTHORIZATION');
  });
});
