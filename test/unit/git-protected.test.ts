import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitWorkspace } from '../../src/git/workspace.js';
import { goalRecordFor, makeRepo, runGit, type TestRepo } from '../support/git-fixtures.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('protected paths', () => {
  it('are never committed: changes a command made there are reverted before the checkpoint', async () => {
    repo = await makeRepo({ '.github/workflows/ci.yml': 'on: push\n', 'src/a.js': 'a\n' });
    const reverted: string[][] = [];
    const ws = createGitWorkspace({
      root: repo.dir,
      protectedPaths: ['.github/workflows/**'],
      onProtectedRevert: (paths) => reverted.push(paths),
    });
    await ws.prepare(goalRecordFor('goal/protect'));
    await writeFile(join(repo.dir, '.github/workflows/ci.yml'), 'on: push\njobs: {}\n');
    await mkdir(join(repo.dir, '.github/workflows'), { recursive: true });
    await writeFile(join(repo.dir, '.github/workflows/new.yml'), 'evil\n');
    await writeFile(join(repo.dir, 'src/a.js'), 'b\n');
    const checkpoint = await ws.checkpoint({
      goalId: 'g',
      iteration: 1,
      subject: 's',
      verifierSummary: '',
      tokens: 0,
      usd: 0,
    });
    expect(checkpoint).not.toBeNull();
    const files = await runGit(repo.dir, ['show', '--name-only', '--format=', 'HEAD']);
    expect(files.trim()).toBe('src/a.js');
    expect(await readFile(join(repo.dir, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
    await expect(readFile(join(repo.dir, '.github/workflows/new.yml'), 'utf8')).rejects.toThrow();
    expect(reverted.flat().sort()).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/new.yml',
    ]);
    expect(await ws.isClean()).toBe(true);
  });
});
