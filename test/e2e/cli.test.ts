// The local CLI as a user runs it: the built dist/cli/index.js on the project's Node 24, in real git
// repositories, against a real HTTP model endpoint on loopback. Every misuse ends with its exit
// code, one message that says what to do, and no stack trace.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_NODE } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';
import { startOpenAIServer } from '../support/openai-server.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli/index.js');
const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Result> {
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

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A repository with one commit, checked out on `branch`. */
async function repo(branch = 'main'): Promise<string> {
  const dir = await tempDir('cli-repo-');
  await runGit(dir, ['init', '-q', '-b', branch]);
  await writeFile(join(dir, 'a.txt'), 'a\n');
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'init']);
  return dir;
}

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** An endpoint that refuses every key, as a provider does with a wrong one. */
async function refusingEndpoint(): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          message: 'Incorrect API key provided',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

function expectOneCleanMessage(r: Result, code: number, text: RegExp | string) {
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(code);
  expect(r.stderr).toMatch(typeof text === 'string' ? new RegExp(escape(text)) : text);
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack frame
  expect(r.stderr).not.toMatch(/ERR_|TypeError|GitError|CommanderError/);
  expect(r.stderr.match(/^goal-action: /gm)?.length ?? 0).toBe(1);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const branches = async (dir: string) =>
  (await runGit(dir, ['branch', '--format=%(refname:short)'])).split('\n').filter(Boolean);
const current = (dir: string) => runGit(dir, ['symbolic-ref', '--short', 'HEAD']);

describe('goal-action CLI: the command line', () => {
  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(VERSION);
    }
  });

  it('run --help and help run print the options and exit codes, exit 0', async () => {
    for (const args of [
      ['run', '--help'],
      ['help', 'run'],
    ]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage: goal-action run [options] <objective...>');
      expect(r.stdout).toContain('--verify <command>');
      expect(r.stdout).toMatch(/Exit codes: 0 achieved/);
      expect(r.stderr).toBe('');
    }
  });

  it.each([
    [
      ['run', 'Fix it', '--verfy', 'npm test'],
      "unknown option '--verfy'",
      'Usage: goal-action run',
    ],
    [['run'], "missing required argument 'objective'", 'Usage: goal-action run'],
    [
      ['run', 'Fix it', '--api', 'soap'],
      "'--api <api>' argument 'soap' is invalid",
      'Usage: goal-action run',
    ],
    [['run', 'Fix it', '--budget', 'lots'], '"lots" is not an amount', 'Usage: goal-action run'],
    [
      ['run', 'Fix it', '--context-window', 'big'],
      "argument 'big' is invalid",
      'Usage: goal-action run',
    ],
    [
      ['run', 'Fix it', '--verify'],
      "'--verify <command>' argument missing",
      'Usage: goal-action run',
    ],
    [
      ['run', 'Fix it', '--base-url', 'localhost:8080'],
      'is not an http(s) URL',
      'Usage: goal-action run',
    ],
    [['stauts'], "unknown command 'stauts'", 'Usage: goal-action <command>'],
    [['init', '--froce'], "unknown option '--froce'", 'Usage: goal-action init'],
    [[], 'Usage: goal-action [options] [command]', 'Commands:'],
  ])('usage error %j: exit 2, the offending part and the usage', async (args, offending, usage) => {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(offending);
    expect(r.stderr).toContain(usage);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it('--help lists the commands that keep a goal: status, resume, budget', async () => {
    const r = await cli(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}status \[options\] +show this repository's goal/m);
    expect(r.stdout).toMatch(
      /^ {2}resume \[options\] \[guidance\.\.\.\] +continue the stored goal/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}budget \[options\] <amount\.\.\.> +set or raise the stored goal's budget/m,
    );
    const resume = await cli(['resume', '--help']);
    expect(resume.stdout).toContain('Usage: goal-action resume [options] [guidance...]');
    expect(resume.stdout).toContain('its ledger, verifiers and');
    const budget = await cli(['budget', '--help']);
    expect(budget.stdout).toContain('The amount is written as for /goal budget on GitHub');
  });

  it('status, resume and budget where no goal was started: exit 1, and how to start one', async () => {
    const dir = await repo();
    for (const args of [['status'], ['resume'], ['budget', '2M']]) {
      const r = await cli(args, { cwd: dir, env: { OPENAI_API_KEY: 'sk-test' } });
      expectOneCleanMessage(r, 1, 'No goal was started from main');
      expect(r.stderr).toContain('goal-action run "<objective>"');
    }
    const bad = await cli(['budget', 'lots'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"lots" is not an amount');
    expect(bad.stderr).not.toContain('/goal');
  });

  it('a flag typo gets a suggestion', async () => {
    const r = await cli(['run', 'Fix it', '--verfy', 'npm test']);
    expect(r.stderr).toContain('(Did you mean --verify?)');
  });
});

describe('goal-action run: preconditions in the order a person checks them', () => {
  const key = { OPENAI_API_KEY: 'sk-test' };

  it('outside a git repository: says so first, even without a key', async () => {
    const dir = await tempDir('cli-norepo-');
    const r = await cli(['run', 'Fix it', '--verify', 'true'], { cwd: dir });
    expectOneCleanMessage(r, 1, 'is not inside a git repository');
    expect(r.stderr).toContain('git init');
  });

  it('through `npm --prefix <goal-action> run goal-action`: works on the caller’s directory', async () => {
    const dir = await repo();
    await writeFile(join(dir, 'callers-file.txt'), 'uncommitted\n');
    const root = join(import.meta.dirname, '../..');
    const r = await run(
      'npm',
      ['--prefix', root, 'run', '-s', 'goal-action', '--', 'run', 'Fix it', '--verify', 'true'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
        timeout: 120_000,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('callers-file.txt');
  });

  it('a repository without a commit: says to commit first', async () => {
    const dir = await tempDir('cli-empty-');
    await runGit(dir, ['init', '-q', '-b', 'main']);
    const r = await cli(['run', 'Fix it', '--verify', 'true'], { cwd: dir, env: key });
    expectOneCleanMessage(r, 1, 'has no commits yet');
  });

  it('a dirty tree: names the files before the key is even looked at', async () => {
    const dir = await repo();
    await writeFile(join(dir, 'a.txt'), 'my unsaved work\n');
    const r = await cli(['run', 'Fix it', '--verify', 'true'], { cwd: dir });
    expectOneCleanMessage(r, 1, 'uncommitted changes');
    expect(r.stderr).toContain('a.txt');
    expect(r.stderr).toMatch(/commit or stash/i);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('my unsaved work\n');
  });

  it('no verifier anywhere: a usage error that says where to declare one', async () => {
    const dir = await repo();
    const r = await cli(['run', 'Fix it'], { cwd: dir, env: key });
    expectOneCleanMessage(r, 2, 'No verifier');
    expect(r.stderr).toContain('--verify');
    expect(r.stderr).toContain('.github/goal.yml');
  });

  it('no API key: says how to set one, and offers the demo', async () => {
    const dir = await repo();
    const r = await cli(['run', 'Fix it', '--verify', 'true'], { cwd: dir });
    expectOneCleanMessage(r, 1, 'Set OPENAI_API_KEY');
    expect(r.stderr).toContain('goal-action demo');
  });

  it('an endpoint that refuses connections: reported before the baseline runs, in CLI terms', async () => {
    const dir = await repo();
    const marker = join(dir, '..', `${dir.split('/').pop()}-baseline-ran`);
    const r = await cli(['run', 'Fix it', '--verify', `touch ${marker}`], {
      cwd: dir,
      env: { ...key, OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` },
    });
    expectOneCleanMessage(r, 1, 'Could not reach the model endpoint');
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain('--base-url');
    expect(r.stderr).not.toMatch(/\binput\b|re-run the workflow/);
    expect(existsSync(marker), 'the baseline must not run before the endpoint answers').toBe(false);
    expect(await branches(dir)).toEqual(['main']);
  });

  it('an endpoint that refuses the key: says which variable to fix, before the baseline', async () => {
    const dir = await repo();
    const marker = join(dir, '..', `${dir.split('/').pop()}-baseline-ran`);
    const r = await cli(['run', 'Fix it', '--verify', `touch ${marker}`], {
      cwd: dir,
      env: { ...key, OPENAI_BASE_URL: await refusingEndpoint() },
    });
    expectOneCleanMessage(r, 1, 'refused the API key');
    expect(r.stderr).toContain('OPENAI_API_KEY');
    expect(existsSync(marker)).toBe(false);
  });

  it('a bad .github/goal.yml: the file, the key and what was expected', async () => {
    const dir = await repo();
    await mkdir(join(dir, '.github'));
    await writeFile(
      join(dir, '.github', 'goal.yml'),
      'verify:\n  - run: npm test\n    timout: 5m\n',
    );
    await runGit(dir, ['add', '-A']);
    await runGit(dir, ['commit', '-qm', 'config']);
    const r = await cli(['run', 'Fix it'], { cwd: dir, env: key });
    expectOneCleanMessage(r, 1, '.github/goal.yml');
    expect(r.stderr).toContain('timout');
  });
});

describe('goal-action run: how a run ends', () => {
  it("the provider's quota is its own stop: exit 4, not the goal's budget; back on the start branch", async () => {
    const server = await startOpenAIServer(() => ({
      error: {
        status: 429,
        code: 'insufficient_quota',
        type: 'insufficient_quota',
        message: 'You exceeded your current quota, please check your plan and billing details.',
      },
    }));
    cleanups.push(() => server.close());
    const dir = await repo('feature');
    const r = await cli(['run', 'Create done.txt', '--verify', 'test -f done.txt'], {
      cwd: dir,
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL },
    });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(4);
    expect(r.stdout).toMatch(/^quota exhausted: the model provider refused/m);
    expect(r.stdout).toContain('You exceeded your current quota');
    expect(r.stdout).toContain("The goal's own budget was not the limit");
    expect(r.stdout).not.toMatch(/^budget-limited/m);
    expect(r.stdout).not.toMatch(/\/goal |re-run the workflow/);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(await current(dir)).toBe('feature');
    expect(await branches(dir)).toEqual(['feature']);
    expect(r.stdout).toContain(
      'Back on feature; the goal branch goal/create-done-txt had no commit and was removed.',
    );
  });

  it('a model call that fails: exit 1, the CLI’s own advice, back on the start branch', async () => {
    const server = await startOpenAIServer(() => ({
      error: {
        status: 400,
        code: 'model_not_found',
        message: 'The model `gpt-nope` does not exist.',
      },
    }));
    cleanups.push(() => server.close());
    const dir = await repo('feature');
    const r = await cli(
      ['run', 'Create done.txt', '--verify', 'test -f done.txt', '--model', 'gpt-nope'],
      {
        cwd: dir,
        env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL },
      },
    );
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toMatch(/^failed: /m);
    expect(r.stdout).toContain('does not exist');
    expect(r.stdout).toContain('--model');
    expect(r.stdout).not.toMatch(/\binput\b|\/goal |re-run the workflow/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await current(dir)).toBe('feature');
    expect(await branches(dir)).toEqual(['feature']);
  });
});

describe('goal-action run: achieved', () => {
  it('achieved: exit 0, back on the start branch, the checkpoint on the goal branch', async () => {
    const server = await startOpenAIServer((_req, i) =>
      i === 0
        ? {
            toolCalls: [
              { name: 'shell', arguments: { command: ['bash', '-lc', 'echo done > done.txt'] } },
            ],
          }
        : i === 1
          ? {
              toolCalls: [
                {
                  name: 'update_goal',
                  arguments: { status: 'complete', evidence: 'test -f done.txt passes' },
                },
              ],
            }
          : { text: 'Created done.txt; the verifier passes.' },
    );
    cleanups.push(() => server.close());
    const dir = await repo('feature');
    const r = await cli(['run', 'Create done.txt', '--verify', 'test -f done.txt'], {
      cwd: dir,
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL },
    });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^achieved: /m);
    expect(r.stdout).toContain("Back on feature; the goal's commits are on goal/create-done-txt.");
    expect(await current(dir)).toBe('feature');
    expect(existsSync(join(dir, 'done.txt'))).toBe(false);
    expect(await runGit(dir, ['show', 'goal/create-done-txt:done.txt'])).toBe('done');
    expect(await runGit(dir, ['rev-list', '--count', 'feature..goal/create-done-txt'])).toBe('1');
  });
});

describe('goal-action run: going on from a stopped goal', () => {
  it('budget used: exit 3 with the hint; the same objective with a larger --budget continues the goal', async () => {
    // Run 1 writes half.txt and ends its turn; run 2 succeeds only where half.txt already exists.
    let first = true;
    const server = await startOpenAIServer((req) => {
      const items = (req.body.input ?? req.body.messages) as { type?: string; role?: string }[];
      const outputs = items.filter(
        (i) => i.type === 'function_call_output' || i.role === 'tool',
      ).length;
      const shell = (command: string) => ({
        name: 'shell',
        arguments: { command: ['bash', '-lc', command] },
      });
      if (first) {
        if (outputs === 0) return { toolCalls: [shell('echo half > half.txt')] };
        first = false;
        return { text: 'Half done.' };
      }
      if (outputs > 0) return { text: 'Done.' };
      return {
        toolCalls: [
          shell('test -f half.txt && echo done > done.txt'),
          { name: 'update_goal', arguments: { status: 'complete', evidence: 'done.txt exists' } },
        ],
      };
    });
    cleanups.push(() => server.close());
    const dir = await repo();
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL };
    const args = ['run', 'Create done.txt', '--verify', 'test -f done.txt'];
    const stopped = await cli([...args, '--budget', '1 iterations'], { cwd: dir, env });
    expect(stopped.code, `${stopped.stdout}\n${stopped.stderr}`).toBe(3);
    expect(stopped.stdout).toMatch(/^budget-limited: /m);
    expect(stopped.stdout).toContain(
      'Continue with goal-action budget 2 iterations then goal-action resume.',
    );
    expect(await current(dir)).toBe('main');
    const again = await cli([...args, '--budget', '3 iterations'], { cwd: dir, env });
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).toContain(
      'Continuing the goal on goal/create-done-txt (it was budget-limited;',
    );
    expect(again.stdout).toMatch(/^achieved: /m);
    expect(again.stdout).toContain("Back on main; the goal's commits are on goal/create-done-txt.");
    expect(await runGit(dir, ['rev-list', '--count', 'main..goal/create-done-txt'])).toBe('2');
    expect(await runGit(dir, ['show', 'goal/create-done-txt:half.txt'])).toBe('half');
    expect(await runGit(dir, ['show', 'goal/create-done-txt:done.txt'])).toBe('done');
  });
});

describe('goal-action demo', () => {
  it('a labelled replay drives real tools, verifier and commits to achieved', async () => {
    const result = await cli(['demo']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('REPLAY');
    expect(result.stdout).toMatch(/^achieved: .*verifier passes/im);
    expect(result.stdout).toContain('Goal-Verifiers: 1/1 passed');
    expect(result.stdout).toContain('Goal-Iteration: 1');
  });
});
