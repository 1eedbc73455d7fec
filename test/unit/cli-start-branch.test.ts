// Back where you started, on real git repositories: a branch or a detached HEAD, an empty goal
// branch removed, one with commits (or one that existed before the run) kept, and never a switch
// that would carry uncommitted changes onto the user's branch.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../../src/git/git.js';
import { openRepository } from '../../src/cli/preflight.js';
import { branchExists, returnToStart } from '../../src/cli/start-branch.js';
import { runGit } from '../support/git-fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function repo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-start-'));
  dirs.push(dir);
  await runGit(dir, ['init', '-q', '-b', 'main']);
  await writeFile(join(dir, 'a.txt'), 'a\n');
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'init']);
  return dir;
}

async function commitOnGoalBranch(dir: string, branch: string) {
  await runGit(dir, ['checkout', '-q', '-b', branch]);
  await writeFile(join(dir, 'b.txt'), 'b\n');
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'checkpoint']);
}

describe('returnToStart', () => {
  it('removes a goal branch the run created without a commit', async () => {
    const dir = await repo();
    const { start } = await openRepository(dir);
    await runGit(dir, ['checkout', '-q', '-b', 'goal/x']);
    const said = await returnToStart(createGit(dir), start, 'goal/x', false);
    expect(said).toBe('Back on main; the goal branch goal/x had no commit and was removed.');
    expect(await runGit(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(await branchExists(createGit(dir), 'goal/x')).toBe(false);
  });

  it('keeps a goal branch with commits, and one that existed before the run', async () => {
    const dir = await repo();
    const { start } = await openRepository(dir);
    await commitOnGoalBranch(dir, 'goal/x');
    expect(await returnToStart(createGit(dir), start, 'goal/x', false)).toBe(
      "Back on main; the goal's commits are on goal/x.",
    );
    await runGit(dir, ['branch', 'goal/y']);
    await runGit(dir, ['checkout', '-q', 'goal/y']);
    expect(await returnToStart(createGit(dir), start, 'goal/y', true)).toBe('Back on main.');
    expect(await branchExists(createGit(dir), 'goal/y')).toBe(true);
  });

  it('returns to a detached HEAD at the same commit', async () => {
    const dir = await repo();
    const sha = await runGit(dir, ['rev-parse', 'HEAD']);
    await runGit(dir, ['checkout', '-q', '--detach', sha]);
    const { start } = await openRepository(dir);
    expect(start).toEqual({ sha });
    await commitOnGoalBranch(dir, 'goal/x');
    const said = await returnToStart(createGit(dir), start, 'goal/x', false);
    expect(said).toBe(`Back on ${sha.slice(0, 12)}; the goal's commits are on goal/x.`);
    expect(await runGit(dir, ['rev-parse', 'HEAD'])).toBe(sha);
    expect(await runGit(dir, ['symbolic-ref', '-q', 'HEAD']).catch(() => 'detached')).toBe(
      'detached',
    );
  });

  it('stays put when the goal branch has uncommitted changes, and says why', async () => {
    const dir = await repo();
    const { start } = await openRepository(dir);
    await runGit(dir, ['checkout', '-q', '-b', 'goal/x']);
    await writeFile(join(dir, 'a.txt'), 'changed by a command\n');
    const said = await returnToStart(createGit(dir), start, 'goal/x', false);
    expect(said).toContain('Still on goal/x: it has uncommitted changes (a.txt)');
    expect(await runGit(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('goal/x');
  });

  it('says nothing when the run never left the start branch', async () => {
    const dir = await repo();
    const { start } = await openRepository(dir);
    expect(await returnToStart(createGit(dir), start, 'goal/x', false)).toBe('');
  });
});
