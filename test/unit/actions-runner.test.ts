// The runner harness that end-to-end tests trust to run dist/index.js as GitHub does: inputs with
// action.yml defaults, a clean environment, file and workflow commands, the runner's cancellation
// escalation, the hard timeout, and a checkout like actions/checkout's. Driven through a tiny
// fixture action (test/fixtures/echo-action.mjs) so it does not depend on the real action's build.

import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionTimeoutError,
  inputEnvName,
  makeCheckout,
  parseFileCommand,
  readActionInputs,
  runAction,
  type RunActionOptions,
} from '../support/actions-runner.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/echo-action.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);
const gitEnv = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = async (cwd: string, ...args: string[]) =>
  (
    await exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      env: gitEnv,
    })
  ).stdout.trim();

// The fixture's own action.yml, so these tests hold whatever the real one's defaults become.
const FIXTURE_ACTION_YML = `name: echo
inputs:
  openai-api-key:
    description: "Key: no default."
  base-url:
    default: ''
  model:
    default: gpt-5.1-codex
  github-token:
    default: \${{ github.token }}
  verify:
    default: ''
runs:
  using: node24
  main: echo-action.mjs
`;

let root: string;
let actionYml: string;
let bare: string;
let mainSha: string;
const checkouts: string[] = [];
const checkout = async (...args: Parameters<typeof makeCheckout>) => {
  const dir = await makeCheckout(...args);
  checkouts.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of [root, ...checkouts]) await rm(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runner-test-'));
  actionYml = path.join(root, 'action.yml');
  await writeFile(actionYml, FIXTURE_ACTION_YML);
  const src = path.join(root, 'src');
  await exec('git', ['init', '-q', '-b', 'main', src], { env: gitEnv });
  for (const n of [1, 2, 3]) await git(src, 'commit', '-q', '--allow-empty', '-m', `commit ${n}`);
  bare = path.join(root, 'remote.git');
  await git(root, 'clone', '-q', '--bare', src, bare);
  mainSha = await git(bare, 'rev-parse', 'main');
  await git(bare, 'update-ref', 'refs/pull/7/merge', 'main~1');
});

const LEAK = 'RUNNER_HARNESS_MUST_NOT_LEAK';
afterEach(() => {
  delete process.env[LEAK];
});

async function runFixture(mode: string, extra: Partial<RunActionOptions> = {}) {
  return runAction({
    entry: FIXTURE,
    actionYml,
    inputs: { 'openai-api-key': 'sk-test', verify: mode },
    githubToken: 'ghs_abc',
    eventName: 'issue_comment',
    event: { action: 'created', comment: { body: '/goal make\nthe tests pass' } },
    workspace: await checkout(bare),
    repository: 'acme/widgets',
    apiUrl: 'http://127.0.0.1:9',
    timeoutMs: 30_000,
    ...extra,
  });
}

/** Dead or a zombie; polled for a bounded time because reaping happens after the kill. */
async function processGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return true;
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('runAction', () => {
  it('names inputs as the runner does, keeping hyphens', () => {
    expect(inputEnvName('openai-api-key')).toBe('INPUT_OPENAI-API-KEY');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it("reads the project's own action.yml as the runner would", async () => {
    const inputs = await readActionInputs(path.join(REPO_ROOT, 'action.yml'));
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining(['openai-api-key', 'github-token', 'verify']),
    );
    expect(inputs['github-token']?.default).toBe('${{ github.token }}');
  });

  it('delivers inputs, action.yml defaults, the event and git facts in a clean environment', async () => {
    process.env[LEAK] = 'secret-from-the-test-process';
    const r = await runFixture('ok');
    expect(r.exitCode).toBe(0);
    expect(r.failed).toBe(false);
    expect(r.outputs.model).toBe('gpt-5.1-codex'); // default from action.yml
    expect(r.outputs['api-key']).toBe('sk-test');
    expect(r.outputs['github-token']).toBe('ghs_abc'); // ${{ github.token }} resolved
    expect(r.outputs['base-url-defined']).toBe('true'); // empty default still set
    expect(r.outputs.comment).toBe('/goal make\nthe tests pass'); // heredoc output
    expect(r.outputs.sha).toBe(mainSha);
    expect(r.outputs.ref).toBe('refs/heads/main');
    const names = r.outputs['env-names']!.split(',');
    expect(names).toEqual(
      expect.arrayContaining(['GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'RUNNER_TEMP', 'INPUT_VERIFY']),
    );
    expect(names).not.toContain(LEAK);
    expect(names).not.toContain('VITEST');
    expect(r.summary).toBe('### echo-action ran for acme/widgets\n');
    expect(r.state.pid).toMatch(/^\d+$/);
    expect(r.masks).toEqual(['sk-test']);
    // The ::error:: printed between ::stop-commands:: and its token is plain text, not an annotation.
    expect(r.annotations).toEqual([{ level: 'warning', message: 'two\nlines 100%' }]);
  });

  it('runs in the workspace and reports a pull request checkout as its ref', async () => {
    const workspace = await checkout(bare, { ref: 'refs/pull/7/merge' });
    const r = await runFixture('ok', { workspace });
    expect(realpathSync(r.outputs.cwd!)).toBe(realpathSync(workspace));
    expect(r.outputs.ref).toBe('refs/pull/7/merge');
    expect(r.outputs.sha).toBe(await git(bare, 'rev-parse', 'main~1'));
  });

  it('reports a failed step with its error annotation', async () => {
    const r = await runFixture('fail');
    expect(r.exitCode).toBe(1);
    expect(r.failed).toBe(true);
    expect(r.annotations).toContainEqual({ level: 'error', message: 'verifier failed\nsee log' });
  });

  it('rejects an input that action.yml does not declare', async () => {
    await expect(runFixture('ok', { inputs: { 'opneai-api-key': 'x' } })).rejects.toThrow(
      /"opneai-api-key" is not declared/,
    );
  });

  it('cancels with SIGINT once cancelWhen matches', async () => {
    const r = await runFixture('wait', {
      cancelWhen: (out) => out.includes('waiting for cancellation'),
    });
    expect(r.cancelled).toBe(true);
    expect(r.stdout).toContain('cancelled');
    expect(r.exitCode).toBe(130);
    expect(r.failed).toBe(true);
  });

  it('reports when firstMatch first matched', async () => {
    const r = await runFixture('ok', { firstMatch: (out) => out.includes('::warning') });
    expect(r.elapsedMs).toBeGreaterThan(0);
    const never = await runFixture('ok', { firstMatch: () => false });
    expect(never.elapsedMs).toBe(-1);
  });

  it('sends SIGTERM after the grace period when SIGINT is ignored', async () => {
    const r = await runFixture('ignore-sigint', {
      cancelWhen: (out) => out.includes('waiting'),
      graceMs: 100,
    });
    expect(r.stdout).toContain('got SIGINT, carrying on');
    expect(r.stdout).toContain('got SIGTERM');
    expect(r.exitCode).toBe(143);
  });

  it('kills the whole process tree when SIGTERM is ignored too', async () => {
    const r = await runFixture('ignore-all', {
      cancelWhen: (out) => out.includes('waiting'),
      graceMs: 100,
      killAfterMs: 100,
    });
    expect(r.stdout).toContain('ignoring SIGTERM');
    expect(r.signal).toBe('SIGKILL');
    expect(r.failed).toBe(true);
    const grandchild = Number(/grandchild=(\d+)/.exec(r.stdout)![1]);
    expect(await processGone(grandchild)).toBe(true);
  });

  it('kills a run that exceeds timeoutMs and rejects with what it printed', async () => {
    const err = await runFixture('hang', { timeoutMs: 1500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionTimeoutError);
    expect((err as Error).message).toMatch(/did not finish within 1500 ms/);
    const grandchild = Number(/grandchild=(\d+)/.exec((err as ActionTimeoutError).stdout)![1]);
    expect(await processGone(grandchild)).toBe(true);
  });
});

describe('parseFileCommand', () => {
  it('reads k=v and heredoc forms with the runner’s precedence', () => {
    const text = 'a=1\nb<<EOF\nline=1\n\nline 3\nEOF\nc=x<<y\nd<<X\nX\n';
    expect(parseFileCommand(text)).toEqual({ a: '1', b: 'line=1\n\nline 3', c: 'x<<y', d: '' });
  });

  it('rejects an unterminated heredoc and a line without a name', () => {
    expect(() => parseFileCommand('a<<EOF\nnever closed\n')).toThrow(
      /Matching delimiter not found 'EOF'/,
    );
    expect(() => parseFileCommand('just text\n')).toThrow(/Invalid format 'just text'/);
  });
});

describe('makeCheckout', () => {
  it('makes a shallow clone on the branch with the credentials checkout persists', async () => {
    const dir = await checkout(bare, { token: 'ghs_tok' });
    expect(await git(dir, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(await git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(await git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(mainSha);
    const header = await git(dir, 'config', '--local', 'http.https://github.com/.extraheader');
    expect(header).toBe(
      `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_tok').toString('base64')}`,
    );
  });

  it('checks out a commit detached, and all history with depth 0', async () => {
    const first = await git(bare, 'rev-parse', 'main~2');
    const detached = await checkout(bare, { ref: first });
    expect(await git(detached, 'rev-parse', 'HEAD')).toBe(first);
    await expect(git(detached, 'symbolic-ref', '-q', 'HEAD')).rejects.toThrow();
    const full = await checkout(bare, { depth: 0 });
    expect(await git(full, 'rev-parse', '--is-shallow-repository')).toBe('false');
    expect(await git(full, 'rev-list', '--count', 'HEAD')).toBe('3');
  });
});
