// The local CLI as a user runs it: the built dist/cli/index.js on the project's Node 24.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_NODE } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli/index.js');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env };
  return run(ACTION_NODE, [CLI, ...args], {
    cwd: opts.cwd ?? tmpdir(),
    env,
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

describe('goal-action CLI', () => {
  it('demo: a labelled replay drives real tools, verifier and commits to achieved', async () => {
    const result = await cli(['demo']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('REPLAY');
    expect(result.stdout).toMatch(/^achieved: every verifier passes/m);
    expect(result.stdout).toContain('Goal-Verifiers: 1/1 passed');
    expect(result.stdout).toContain('Goal-Iteration: 1');
  });

  it('run: refuses a dirty working tree, naming the files, before any model call', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-dirty-'));
    dirs.push(dir);
    await runGit(dir, ['init', '-q', '-b', 'main']);
    await writeFile(join(dir, 'a.txt'), 'a\n');
    await runGit(dir, ['add', '-A']);
    await runGit(dir, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init']);
    await writeFile(join(dir, 'a.txt'), 'my unsaved work\n');
    const result = await cli(['run', 'Fix it', '--verify', 'true'], {
      cwd: dir,
      env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a.txt');
    expect(result.stderr).toMatch(/commit|stash/i);
  });

  it('run: says how to provide a key when none is set', async () => {
    const result = await cli(['run', 'Fix it']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('goal-action demo');
  });
});
