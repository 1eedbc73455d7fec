// The local CLI (the built dist/cli/index.js on the project's Node 24) honours the same evidence
// rules: `--verify "name: command"` names the verifier, and a verifier that cannot start stops the
// goal at the baseline with a message naming it — with no model call.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../src/cli/demo-repo.js';
import { ACTION_NODE } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { FIX_PATCH } from '../support/goal-world.js';

const run = promisify(execFile);
const CLI = join(
  process.env.GOAL_ACTION_DIST ?? join(import.meta.dirname, '../../dist'),
  'cli/index.js',
);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function cartRepo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-cli-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await runGit(dir, ['init', '-q', '-b', 'main']);
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'cart']);
  return dir;
}

async function cli(args: string[], cwd: string, baseURL: string) {
  return run(ACTION_NODE, [CLI, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: baseURL,
    },
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

/** Requests that ask the model something (chat or responses), not the endpoint check. */
const modelCalls = (server: { requests: { api?: string }[] }) =>
  server.requests.filter((r) => r.api).length;

describe('goal-action run: verifiers that cannot run', () => {
  it('stops at the baseline naming the verifier, with no model call', async () => {
    const server = await startOpenAIServer(() => ({ text: 'should never be asked' }));
    cleanups.push(() => server.close());
    const dir = await cartRepo();
    const r = await cli(
      ['run', 'Make total() honour quantities', '--verify', 'unit: nodee --test'],
      dir,
      server.baseURL,
    );
    expect(r.code, `${r.stdout}\n${r.stderr}`).not.toBe(0);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toContain('`unit` (`nodee --test`)');
    expect(out).toMatch(/could not start at the baseline/);
    expect(out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(modelCalls(server)).toBe(0);
  });

  it('`--verify "name: command"` runs the command under that name', async () => {
    const server = await startOpenAIServer((req) => {
      const items = (req.api === 'chat' ? req.body.messages : req.body.input) as {
        role?: string;
      }[];
      // First round of the first iteration: the fix, then completion; afterwards end the turn.
      if (
        items.filter(
          (i) => i.role === 'tool' || (i as { type?: string }).type === 'function_call_output',
        ).length === 0
      )
        return {
          toolCalls: [
            { name: 'apply_patch', arguments: { input: FIX_PATCH } },
            { name: 'update_goal', arguments: { status: 'complete', evidence: 'unit passes' } },
          ],
        };
      return { text: 'Done.' };
    });
    cleanups.push(() => server.close());
    const dir = await cartRepo();
    const r = await cli(
      ['run', 'Make total() honour quantities', '--verify', 'unit: node --test'],
      dir,
      server.baseURL,
    );
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.code, out).toBe(0);
    expect(out).toMatch(/\bunit\b/);
    expect(out).not.toContain('unit: node --test');
    expect(out).toMatch(/^achieved/m);
    expect(out).toMatch(/^ {2}unit {2}pass/m);
  });
});
