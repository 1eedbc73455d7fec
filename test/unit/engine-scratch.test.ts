// The scratch area where elided tool outputs are saved, on a real git repository: files land under
// .goal-action/scratch, git never sees them (info/exclude, added once), and a workspace the model
// has rigged with symlinks gets nothing written through them.
import { lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCRATCH_DIR, createScratch } from '../../src/tools/scratch.js';
import { makeRepo, tempDir, type TestRepo } from '../support/git-fixtures.js';

let repo: TestRepo | undefined;
const outsiders: string[] = [];
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
  for (const dir of outsiders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function outsideDir(): Promise<string> {
  const dir = await tempDir('goal-outside-');
  outsiders.push(dir);
  return dir;
}

describe('the scratch area', () => {
  it('saves under .goal-action/scratch, readable, not executable, and invisible to git', async () => {
    repo = await makeRepo({ 'a.txt': 'a\n' });
    const scratch = createScratch(repo.dir);
    const saved = await scratch.save('output-3-1.txt', 'line one\nline two\n');
    expect(saved).toBe(`${SCRATCH_DIR}/output-3-1.txt`);
    const file = path.join(repo.dir, saved!);
    expect(await readFile(file, 'utf8')).toBe('line one\nline two\n');
    expect((await lstat(file)).mode & 0o111).toBe(0);
    expect(await scratch.save('output-3-2.txt', 'two')).toBe(`${SCRATCH_DIR}/output-3-2.txt`);
    expect(await repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const exclude = await readFile(path.join(repo.dir, '.git/info/exclude'), 'utf8');
    expect(exclude.split('\n').filter((l) => l === '/.goal-action/')).toHaveLength(1);
  });

  it('keeps a saved name to one path segment of safe characters', async () => {
    repo = await makeRepo({ 'a.txt': 'a\n' });
    const saved = await createScratch(repo.dir).save('../../evil name;.txt', 'x');
    expect(saved).toBe(`${SCRATCH_DIR}/evil_name_.txt`);
  });

  it('writes nothing through a scratch directory the model replaced with a symlink', async () => {
    repo = await makeRepo({ 'a.txt': 'a\n' });
    const outside = await outsideDir();
    await mkdir(path.join(repo.dir, '.goal-action'));
    await symlink(outside, path.join(repo.dir, SCRATCH_DIR));
    expect(await createScratch(repo.dir).save('output-1-1.txt', 'secret')).toBeUndefined();
    await expect(lstat(path.join(outside, 'output-1-1.txt'))).rejects.toThrow();
  });

  it('replaces a planted symlink instead of writing through it', async () => {
    repo = await makeRepo({ 'a.txt': 'a\n' });
    const outside = await outsideDir();
    const target = path.join(outside, 'victim.txt');
    await writeFile(target, 'original');
    await mkdir(path.join(repo.dir, SCRATCH_DIR), { recursive: true });
    await symlink(target, path.join(repo.dir, SCRATCH_DIR, 'output-1-1.txt'));
    const saved = await createScratch(repo.dir).save('output-1-1.txt', 'new text');
    expect(saved).toBe(`${SCRATCH_DIR}/output-1-1.txt`);
    expect(await readFile(target, 'utf8')).toBe('original');
    const file = path.join(repo.dir, saved!);
    expect((await lstat(file)).isSymbolicLink()).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('new text');
  });
});
