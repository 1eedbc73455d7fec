// The Action's case: checkpoints pushed to a remote with a lease, resumed from a fresh shallow
// clone as actions/checkout makes, and a human's commits on the goal branch never overwritten.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo } from '../../src/engine/ports.js';
import type { Checkpoint } from '../../src/engine/types.js';
import { BranchDivergedError, createGitWorkspace } from '../../src/git/workspace.js';
import {
  cloneRemote,
  commitAs,
  goalRecordFor,
  makeRepoWithRemote,
  runGit,
  writeFiles,
} from '../support/git-fixtures.js';

const BOT = { name: 'goal-action[bot]', email: 'bot@example.com' };
const BRANCH = 'goal/7-fix-parser';
const info = (iteration: number): CheckpointInfo => ({
  goalId: 'goal-test-1',
  iteration,
  subject: `Iteration ${iteration}`,
  verifierSummary: `${iteration}/3 passed`,
  tokens: 1000 * iteration,
  usd: 0.01 * iteration,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(opts: { shallow?: boolean } = {}) {
  const repo = await makeRepoWithRemote(
    { 'src/parser.ts': 'export const parse = (s: string) => s;\n', 'README.md': '# demo\n' },
    opts,
  );
  cleanups.push(repo.cleanup);
  return repo;
}

async function freshClone(remote: string, shallow: boolean): Promise<string> {
  const dir = await cloneRemote(remote, { shallow });
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

const remoteTip = (remote: string, branch = BRANCH) =>
  runGit(remote, ['rev-parse', `refs/heads/${branch}`]);

describe('pushing checkpoints', () => {
  it('pushes each checkpoint to the goal branch on the remote', async () => {
    const repo = await setup();
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    await ws.prepare(goalRecordFor(BRANCH));
    await writeFiles(repo.dir, {
      'src/parser.ts': 'export const parse = (s: string) => s.trim();\n',
    });
    const first = await ws.checkpoint(info(1));
    expect(await remoteTip(repo.remote)).toBe(first!.sha);
    await writeFiles(repo.dir, { 'NOTES.md': 'done\n' });
    const second = await ws.checkpoint(info(2));
    expect(await remoteTip(repo.remote)).toBe(second!.sha);
    const iterations = await runGit(repo.remote, [
      'log',
      '--format=%(trailers:key=Goal-Iteration,valueonly)',
      BRANCH,
    ]);
    expect(iterations.split('\n').filter(Boolean)).toEqual(['2', '1']);
    expect(await repo.git(['rev-parse', `refs/remotes/origin/${BRANCH}`])).toBe(second!.sha);
    // The default branch is untouched.
    expect(await runGit(repo.remote, ['log', '--format=%s', 'main'])).toBe('initial commit');
  });

  it('rolls the remote branch back after resetTo, since the commits it replaces are its own', async () => {
    const repo = await setup();
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    await ws.prepare(goalRecordFor(BRANCH));
    await writeFiles(repo.dir, { 'a.txt': 'good\n' });
    const good = await ws.checkpoint(info(1));
    await writeFiles(repo.dir, { 'a.txt': 'regression\n' });
    await ws.checkpoint(info(2));
    await ws.resetTo!(good!.sha);
    await writeFiles(repo.dir, { 'a.txt': 'good\n', 'b.txt': 'another approach\n' });
    const third = await ws.checkpoint(info(3));
    expect(await remoteTip(repo.remote)).toBe(third!.sha);
    expect(await runGit(repo.remote, ['rev-parse', `${third!.sha}^`])).toBe(good!.sha);
  });
});

describe('resuming in a fresh shallow clone', () => {
  it('fetches the goal branch and its base, and diffs, continues and pushes from there', async () => {
    const repo = await setup();
    const first = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    const { baseSha } = await first.prepare(goalRecordFor(BRANCH));
    const checkpoints: Checkpoint[] = [];
    await writeFiles(repo.dir, {
      'src/parser.ts': 'export const parse = (s: string) => s.trim();\n',
    });
    checkpoints.push((await first.checkpoint(info(1)))!);
    await writeFiles(repo.dir, { 'test/parser.test.ts': 'it("trims", () => {});\n' });
    checkpoints.push((await first.checkpoint(info(2)))!);
    // main moves on, so a depth-1 clone of main does not hold the goal's base commit.
    const human = await freshClone(repo.remote, false);
    await commitAs(human, { 'README.md': '# demo, newer\n' }, 'docs: newer readme');
    await runGit(human, ['push', '-q', 'origin', 'main']);

    const dir = await freshClone(repo.remote, true);
    expect(await runGit(dir, ['cat-file', '-t', baseSha]).catch(() => 'missing')).toBe('missing');
    const ws = createGitWorkspace({ root: dir, identity: BOT, remote: { name: 'origin' } });
    const record = goalRecordFor(BRANCH, { baseSha, checkpoints });
    expect(await ws.prepare(record)).toEqual({ baseSha, branch: BRANCH });

    expect(await ws.headSha()).toBe(checkpoints[1]!.sha);
    expect(await runGit(dir, ['cat-file', '-t', baseSha])).toBe('commit');
    expect(await runGit(dir, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    const changes = await ws.changes(baseSha, () => true);
    expect(changes.map((c) => `${c.status} ${c.path}`).sort()).toEqual([
      'added test/parser.test.ts',
      'modified src/parser.ts',
    ]);
    expect(changes.find((c) => c.path === 'src/parser.ts')?.before).toBe(
      'export const parse = (s: string) => s;\n',
    );
    expect(await ws.diff(baseSha, 100_000)).toContain(
      '+export const parse = (s: string) => s.trim();',
    );

    await writeFiles(dir, {
      'src/parser.ts': 'export const parse = (s: string) => s.trim().toLowerCase();\n',
    });
    const third = await ws.checkpoint(info(3));
    expect(await remoteTip(repo.remote)).toBe(third!.sha);
    expect(await runGit(repo.remote, ['rev-parse', `${third!.sha}^`])).toBe(checkpoints[1]!.sha);
  });

  it('continues on top of commits a human added after the last checkpoint', async () => {
    const repo = await setup();
    const first = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    const { baseSha } = await first.prepare(goalRecordFor(BRANCH));
    await writeFiles(repo.dir, { 'a.txt': '1\n' });
    const cp = (await first.checkpoint(info(1)))!;
    const human = await freshClone(repo.remote, false);
    await runGit(human, ['checkout', '-q', BRANCH]);
    const humanSha = await commitAs(human, { 'a.txt': '1 (reviewed)\n' }, 'review: tweak');
    await runGit(human, ['push', '-q', 'origin', BRANCH]);

    const dir = await freshClone(repo.remote, true);
    const ws = createGitWorkspace({ root: dir, identity: BOT, remote: { name: 'origin' } });
    await ws.prepare(goalRecordFor(BRANCH, { baseSha, checkpoints: [cp] }));
    expect(await ws.headSha()).toBe(humanSha);
  });

  it('refuses a branch whose history was rewritten so the last checkpoint is gone', async () => {
    const repo = await setup();
    const first = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    const { baseSha } = await first.prepare(goalRecordFor(BRANCH));
    await writeFiles(repo.dir, { 'a.txt': '1\n' });
    const cp = (await first.checkpoint(info(1)))!;
    const human = await freshClone(repo.remote, false);
    await commitAs(human, { 'other.txt': 'x\n' }, 'unrelated work');
    await runGit(human, ['push', '-q', '--force', 'origin', `HEAD:refs/heads/${BRANCH}`]);

    const dir = await freshClone(repo.remote, true);
    const ws = createGitWorkspace({ root: dir, identity: BOT, remote: { name: 'origin' } });
    const error = await ws
      .prepare(goalRecordFor(BRANCH, { baseSha, checkpoints: [cp] }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(BranchDivergedError);
    expect(error.message).toContain(cp.sha.slice(0, 12));
    expect(error.message).toContain('unrelated work');
  });
});

describe('a human pushes to the goal branch while the goal runs', () => {
  it('stops the next checkpoint with BranchDivergedError and leaves their commit on the remote', async () => {
    const repo = await setup({ shallow: true });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT, remote: { name: 'origin' } });
    await ws.prepare(goalRecordFor(BRANCH));
    await writeFiles(repo.dir, { 'a.txt': 'agent 1\n' });
    await ws.checkpoint(info(1));

    const human = await freshClone(repo.remote, false);
    await runGit(human, ['checkout', '-q', BRANCH]);
    const humanSha = await commitAs(human, { 'b.txt': 'human fix\n' }, 'fix: human correction');
    await runGit(human, ['push', '-q', 'origin', BRANCH]);

    await writeFiles(repo.dir, { 'a.txt': 'agent 2\n' });
    const error = await ws.checkpoint(info(2)).catch((e) => e);
    expect(error).toBeInstanceOf(BranchDivergedError);
    expect(error.message).toContain('fix: human correction');
    expect(error.message).toContain('Test Human');
    expect(error.message).toMatch(/not overwritten/);
    expect(await remoteTip(repo.remote)).toBe(humanSha);
    expect(await fs.readFile(path.join(repo.dir, 'a.txt'), 'utf8')).toBe('agent 2\n');
  });
});
