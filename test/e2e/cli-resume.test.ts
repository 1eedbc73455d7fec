// The local CLI keeps goals as the Action does: a goal stopped by its budget is shown by
// `status`, its budget raised by `budget`, and continued by `resume` with its ledger carried over;
// the same objective again never silently reuses a stale branch, and an unreadable record is
// reported and left alone. One repository and one scripted model server for the whole story: the
// built dist/cli/index.js on the project's Node, real git, the real openai SDK over loopback.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalRecord } from '../../src/engine/types.js';
import { ACTION_NODE } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';
import {
  startOpenAIServer,
  type OpenAIServer,
  type RecordedRequest,
} from '../support/openai-server.js';

const exec = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli/index.js');
const OBJECTIVE = 'Create done.txt';
const BRANCH = 'goal/create-done-txt';
const GUIDANCE = 'half.txt is already there: build on it';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';
let server: OpenAIServer;
/**
 * Which run the scripted model is serving: the first stops at its budget, the second finishes;
 * `kill` hangs on its second request (the test kills the CLI then), `after-kill` finishes.
 */
let phase: 'first' | 'second' | 'kill' | 'after-kill' | 'live' = 'first';
/** Requests of the `live` phase so far. */
let liveRequests = 0;
/** Resolved when the `kill` phase's request arrives and hangs; answered once the test releases it. */
let hung = deferred();
const release = deferred();
const releaseLive = deferred();

/** A promise and its resolve (Promise.withResolvers is newer than the project's ES2023 lib). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function toolOutputs(req: RecordedRequest): number {
  const items = (req.body.input ?? req.body.messages) as { type?: string; role?: string }[];
  return items.filter((i) => i.type === 'function_call_output' || i.role === 'tool').length;
}

const shell = (command: string) => ({
  name: 'shell',
  arguments: { command: ['bash', '-lc', command] },
});

beforeAll(async () => {
  server = await startOpenAIServer(async (req) => {
    const outputs = toolOutputs(req);
    if (phase === 'kill') {
      if (outputs === 0) return { toolCalls: [shell('echo one > one.txt')] };
      hung.resolve();
      await release.promise;
      return { text: 'Too late: the CLI was killed.' };
    }
    if (phase === 'live') {
      const n = liveRequests++;
      if (n === 0) return { toolCalls: [shell('echo a > part.txt')] };
      if (n === 1) {
        hung.resolve();
        await releaseLive.promise;
        return { text: 'Part one.' };
      }
      if (n === 2)
        return {
          toolCalls: [
            shell('echo b > live.txt'),
            { name: 'update_goal', arguments: { status: 'complete', evidence: 'live.txt exists' } },
          ],
        };
      return { text: 'Done.' };
    }
    if (phase === 'after-kill')
      return outputs > 0
        ? { text: 'Done.' }
        : {
            toolCalls: [
              shell('echo two > two.txt'),
              {
                name: 'update_goal',
                arguments: { status: 'complete', evidence: 'two.txt exists' },
              },
            ],
          };
    if (phase === 'first')
      return outputs === 0
        ? { toolCalls: [shell('echo half > half.txt')] }
        : { text: 'Half done.' };
    if (outputs > 0) return { text: 'Done.' };
    return {
      toolCalls: [
        shell('test -f half.txt && echo done > done.txt'),
        { name: 'update_goal', arguments: { status: 'complete', evidence: 'done.txt exists' } },
      ],
    };
  });
  dir = await mkdtemp(join(tmpdir(), 'cli-resume-'));
  await runGit(dir, ['init', '-q', '-b', 'main']);
  await writeFile(join(dir, 'a.txt'), 'a\n');
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'init']);
});

afterAll(async () => {
  release.resolve();
  releaseLive.resolve();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<Result> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: server.baseURL,
  };
  return exec(ACTION_NODE, [CLI, ...args], { cwd: dir, env, timeout: 120_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: Result) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const recordPath = () =>
  join(dir, '.git', 'goal-action', 'goals', `${encodeURIComponent(BRANCH)}.json`);
const stored = () => JSON.parse(readFileSync(recordPath(), 'utf8')) as GoalRecord;
/** What the model server billed so far: input − cached + output, summed over every request. */
const billed = () =>
  server.requests.reduce((n, r) => n + r.inputTokens - r.cachedTokens + r.outputTokens, 0);
const said = (r: Result) => `${r.stdout}\n${r.stderr}`;

describe('goal-action status, budget and resume: one goal, stopped and continued', () => {
  let before = 0;

  it('a goal stopped by its iteration budget says which commands continue it', async () => {
    const r = await cli(
      'run',
      OBJECTIVE,
      '--verify',
      'test -f done.txt',
      '--budget',
      '1 iterations',
    );
    expect(r.code, said(r)).toBe(3);
    expect(r.stdout).toMatch(/^budget-limited: /m);
    expect(r.stdout).toContain(
      'Continue with goal-action budget 2 iterations then goal-action resume.',
    );
    expect(await runGit(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    before = stored().ledger.tokens;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeGreaterThanOrEqual(billed());
  });

  it('status shows state, objective, ledger against budget, last verification, checkpoints and next step', async () => {
    const r = await cli('status');
    expect(r.code, said(r)).toBe(0);
    const text = r.stdout;
    const sha = stored().checkpoints[0]!.sha.slice(0, 7);
    expect(text).toContain(
      `Goal on ${BRANCH} (${stored().id}), started from main\nRecord: ${recordPath()}\n`,
    );
    expect(text).toMatch(
      /^budget-limited: All 1 iteration of the budget are used; the required verifier fails\.$/m,
    );
    expect(text).toMatch(/^Goal: +Create done\.txt$/m);
    expect(text).toMatch(/^ {2}iterations +1 \/ 1 +100%$/m);
    expect(text).toMatch(/^ {2}tokens +\S+ \/ 2\.0M +\d+%$/m);
    expect(text).toMatch(
      new RegExp(`^Last verification: iteration 1, \\S+ \\S+ UTC on ${sha} — 0 of 1 passed$`, 'm'),
    );
    expect(text).toMatch(
      new RegExp(`^Checkpoints: 1\\n {2}${sha} {2}iteration 1 {2}Add half\\.txt$`, 'm'),
    );
    expect(text).toMatch(/^Spent so far: \S+ tokens, .* over 1 run$/m);
    expect(text).toMatch(
      /^Next: Continue with goal-action budget 2 iterations then goal-action resume\. The work so far is on goal\/create-done-txt/m,
    );
    expect(text).toMatch(
      /^Resume: not possible now — the budget is still used up: iteration budget used \(1 of 1\)\.$/m,
    );
  });

  it('resume and the same objective again are refused while the budget is still used up', async () => {
    const requests = server.requests.length;
    const resume = await cli('resume');
    expect(resume.code, said(resume)).toBe(1);
    expect(resume.stderr).toContain('Not resumed: the budget is still used up');
    expect(resume.stderr).toContain('goal-action budget 2 iterations');
    const again = await cli('run', OBJECTIVE, '--verify', 'test -f done.txt');
    expect(again.code, said(again)).toBe(1);
    expect(again.stderr).toContain('Not started again: the budget is still used up');
    expect(again.stderr).toContain('with a larger --budget');
    expect(server.requests.length).toBe(requests);
    expect(stored().ledger.tokens).toBe(before);
  });

  it('budget raises it in /goal budget syntax and says resume is possible', async () => {
    const bad = await cli('budget', 'lots');
    expect(bad.code, said(bad)).toBe(2);
    expect(bad.stderr).toContain('"lots" is not an amount');
    const r = await cli('budget', '3', 'iterations');
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toContain(`Budget of the goal on ${BRANCH} is now`);
    expect(r.stdout).toContain('3 iterations');
    expect(r.stdout).toContain(
      'goal-action resume continues it (budget-limited after iteration 1).',
    );
    expect(stored().budget.iterations).toBe(3);
    // The option form of /goal budget works too; dimensions not named keep their value.
    const usd = await cli('budget', '--usd', '7');
    expect(usd.code, said(usd)).toBe(0);
    expect(stored().budget).toMatchObject({ usd: 7, iterations: 3 });
    expect(stored().ledger.tokens).toBe(before);
  });

  it('a commit the record does not know on the goal branch: resume refuses and names it', async () => {
    const known = stored().checkpoints.at(-1)!.sha;
    await runGit(dir, ['checkout', '-q', BRANCH]);
    await writeFile(join(dir, 'mine.txt'), 'mine\n');
    await runGit(dir, ['add', '-A']);
    await runGit(dir, ['commit', '-qm', 'My own change']);
    await runGit(dir, ['checkout', '-q', 'main']);
    const r = await cli('resume');
    expect(r.code, said(r)).toBe(1);
    expect(r.stderr).toContain(`${BRANCH} has commits the goal's record does not know`);
    expect(r.stderr).toContain('My own change');
    expect(r.stderr).toContain(`git branch -f ${BRANCH} ${known.slice(0, 12)}`);
    // The fix it names works: the goal can continue once the branch is back where it left it.
    await runGit(dir, ['branch', '-f', BRANCH, known.slice(0, 12)]);
  });

  it('resume continues from the checkpoint with the ledger carried over and the guidance as steering', async () => {
    phase = 'second';
    const requests = server.requests.length;
    const r = await cli('resume', GUIDANCE);
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toContain(`Resuming the goal on ${BRANCH} after iteration 1`);
    expect(r.stdout).toMatch(/^achieved: /m);
    const after = stored();
    expect(after.state).toBe('achieved');
    expect(after.contract.steering).toEqual([GUIDANCE]);
    expect(after.ledger.tokens).toBeGreaterThan(before);
    // Carried over, not restarted: the ledger covers what both runs were billed.
    expect(after.ledger.tokens).toBeGreaterThanOrEqual(billed());
    expect(after.runs).toHaveLength(2);
    // The state machine applied both commands, each logged once with the CLI's id.
    const applied = (after.commands ?? []).map((c) => `${c.kind}:${c.id.split(':')[0]}`);
    expect(applied).toEqual(['budget:cli', 'budget:cli', 'resume:cli']);
    expect(JSON.stringify(server.requests[requests]!.body)).toContain(GUIDANCE);
    expect(await runGit(dir, ['show', `${BRANCH}:half.txt`])).toBe('half');
    expect(await runGit(dir, ['show', `${BRANCH}:done.txt`])).toBe('done');
    expect(await runGit(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
  });

  it('an achieved goal is not started again on its branch: the reason, and how to start over', async () => {
    const r = await cli('run', OBJECTIVE, '--verify', 'test -f done.txt');
    expect(r.code, said(r)).toBe(1);
    expect(r.stderr).toContain(`the goal on ${BRANCH} is already achieved`);
    expect(r.stderr).toContain(`git branch -D ${BRANCH}`);
    const status = await cli('status');
    expect(status.stdout).toMatch(/^achieved: /m);
    expect(status.stdout).toMatch(
      /^Resume: not possible now — the goal on goal\/create-done-txt is already achieved/m,
    );
  });

  it('a branch no goal record knows is never reused by a new goal', async () => {
    await runGit(dir, ['branch', 'goal/fix-the-parser']);
    const r = await cli('run', 'Fix the parser', '--verify', 'true');
    expect(r.code, said(r)).toBe(1);
    expect(r.stderr).toContain('The branch goal/fix-the-parser already exists, and no goal record');
    expect(r.stderr).toContain('git branch -D goal/fix-the-parser');
  });

  it('an unreadable record is reported with its path and what to do, and left exactly as it is', async () => {
    const broken = '{"version": 1, "id": "local-x", "state": "pursu';
    await writeFile(recordPath(), broken);
    for (const args of [['status'], ['run', OBJECTIVE, '--verify', 'test -f done.txt']]) {
      const r = await cli(...args);
      expect(r.code, said(r)).toBe(1);
      expect(r.stderr).toContain(
        `The goal record ${recordPath()} cannot be read: it is not valid JSON`,
      );
      expect(r.stderr).toContain('It was left exactly as it is');
      expect(r.stderr).toContain(`mv "${recordPath()}"`);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(readFileSync(recordPath(), 'utf8')).toBe(broken);
    }
  });
});

describe('a CLI run killed with SIGKILL mid-call: its spending survives, resume continues', () => {
  const KILLED = 'Create two.txt';
  const KILLED_BRANCH = 'goal/create-two-txt';
  const killedRecord = () =>
    JSON.parse(
      readFileSync(
        join(dir, '.git', 'goal-action', 'goals', `${encodeURIComponent(KILLED_BRANCH)}.json`),
        'utf8',
      ),
    ) as GoalRecord;

  it('status says it was interrupted; resume names the leftover changes, then continues with the ledger', async () => {
    phase = 'kill';
    hung = deferred();
    const child = spawn(ACTION_NODE, [CLI, 'run', KILLED, '--verify', 'test -f two.txt'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: server.baseURL,
      },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    await hung.promise; // the second model call is in flight
    child.kill('SIGKILL');
    await exited;
    release.resolve();
    const dead = killedRecord();
    expect(dead.state).toBe('pursuing');
    const billedBefore = billed();

    const status = await cli('status');
    expect(status.code, said(status)).toBe(0);
    expect(status.stdout).toMatch(
      /^interrupted: the last run ended without stopping the goal \(killed or crashed\) after iteration 1\.$/m,
    );
    expect(status.stdout).toMatch(/^Next: Continue with goal-action resume\.$/m);
    expect(status.stdout).toMatch(
      /^Spent so far: .* \(\+ up to \S+ tokens, \S+ reserved by its last run, charged when it continues\)$/m,
    );
    expect(status.stdout).toMatch(/^Resume: possible now/m);

    // The killed run left the checkout on its branch with the agent's uncommitted file.
    const dirty = await cli('resume');
    expect(dirty.code, said(dirty)).toBe(1);
    expect(dirty.stderr).toContain(
      `The checkout is on the goal branch ${KILLED_BRANCH} with uncommitted changes (one.txt)`,
    );
    expect(dirty.stderr).toContain('git stash --include-untracked');
    await runGit(dir, ['stash', '--include-untracked', '-q']);

    phase = 'after-kill';
    const r = await cli('resume');
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toContain('note: The last run of this goal ended without stopping it');
    expect(r.stdout).toMatch(/^achieved: /m);
    const after = killedRecord();
    expect(after.runs).toHaveLength(2);
    // What the killed run spent is in the ledger: nothing the server billed is missing.
    expect(after.ledger.tokens).toBeGreaterThan(dead.ledger.tokens);
    expect(after.ledger.tokens).toBeGreaterThanOrEqual(billed());
    expect(billed()).toBeGreaterThan(billedBefore);
    // The killed run's last call never reported its usage: the reservation its record held paid for it.
    expect(after.progress.map((p) => p.text).join('\n')).toMatch(
      /reserved by a run that ended without saving its spending/,
    );
    if (process.env.H5_FIGURES)
      console.log(
        `killed: ledger ${after.ledger.tokens}, billed ${billed()}, before kill ${dead.ledger.tokens}`,
      );
  });
});

describe('goal-action budget while the goal runs in another terminal', () => {
  it('goes to the running loop, which applies it at its next step instead of stopping at the old limit', async () => {
    phase = 'live';
    hung = deferred();
    await runGit(dir, ['checkout', '-q', 'main']);
    const child = spawn(
      ACTION_NODE,
      [CLI, 'run', 'Create live.txt', '--verify', 'test -f live.txt', '--budget', '1 iterations'],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: server.baseURL,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    await hung.promise; // iteration 1's second model call is in flight: the loop is running

    const r = await cli('budget', '3 iterations', '--goal', 'goal/create-live-txt');
    expect(r.code, said(r)).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^The goal on goal/create-live-txt is running \\(process ${child.pid}\\): it uses the new budget \\(.*3 iterations\\) from its next step\\.$`,
        'm',
      ),
    );
    releaseLive.resolve();
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/^achieved: /m);
    const done = JSON.parse(
      readFileSync(
        join(
          dir,
          '.git',
          'goal-action',
          'goals',
          `${encodeURIComponent('goal/create-live-txt')}.json`,
        ),
        'utf8',
      ),
    ) as GoalRecord;
    expect(done.budget.iterations).toBe(3);
    expect(done.iteration).toBe(2);
    expect((done.commands ?? []).map((c) => c.kind)).toEqual(['budget']);
    // Applied and saved: nothing is left waiting in the inbox.
    expect(
      readdirSync(
        join(dir, '.git', 'goal-action', 'inbox', encodeURIComponent('goal/create-live-txt')),
      ),
    ).toEqual([]);
  });
});
