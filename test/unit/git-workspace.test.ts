// The local workspace (the CLI's case: no remote, commit only), on real repositories.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo } from '../../src/engine/ports.js';
import {
  createGitWorkspace,
  DirtyTreeError,
  NotAGitRepoError,
  BranchDivergedError,
} from '../../src/git/workspace.js';
import {
  goalRecordFor,
  makeRepo,
  tempDir,
  writeFiles,
  type TestRepo,
} from '../support/git-fixtures.js';

const BOT = { name: 'goal-action[bot]', email: 'bot@example.com' };
const info = (iteration: number, subject = `Iteration ${iteration}`): CheckpointInfo => ({
  goalId: 'goal-test-1',
  iteration,
  subject,
  verifierSummary: '3/4 passed',
  tokens: 12345,
  usd: 0.123456,
});

let repo: TestRepo | undefined;
const extraDirs: string[] = [];
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
  for (const dir of extraDirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('prepare', () => {
  it('creates the goal branch from the current HEAD and uses HEAD as the base', async () => {
    repo = await makeRepo({ 'src/a.ts': 'export const a = 1;\n' });
    const head = await repo.git(['rev-parse', 'HEAD']);
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    const prepared = await ws.prepare(goalRecordFor('goal/12-speed-up'));
    expect(prepared).toEqual({ baseSha: head, branch: 'goal/12-speed-up' });
    expect(await repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('goal/12-speed-up');
    expect(ws.branch()).toBe('goal/12-speed-up');
  });

  it('creates the branch from an explicit start point', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const first = await repo.git(['rev-parse', 'HEAD']);
    await writeFiles(repo.dir, { 'a.txt': 'two\n' });
    await repo.git(['commit', '-qam', 'second']);
    const ws = createGitWorkspace({ root: repo.dir, startPoint: first });
    const { baseSha } = await ws.prepare(goalRecordFor('goal/from-first'));
    expect(baseSha).toBe(first);
    expect(await fs.readFile(path.join(repo.dir, 'a.txt'), 'utf8')).toBe('one\n');
  });

  it('checks out an existing local branch and keeps the recorded base', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const base = await repo.git(['rev-parse', 'HEAD']);
    const first = createGitWorkspace({ root: repo.dir, identity: BOT });
    await first.prepare(goalRecordFor('goal/resume'));
    await writeFiles(repo.dir, { 'a.txt': 'changed\n' });
    const cp = await first.checkpoint(info(1));
    await repo.git(['checkout', '-q', 'main']);

    const second = createGitWorkspace({ root: repo.dir, identity: BOT });
    const record = goalRecordFor('goal/resume', { baseSha: base, checkpoints: [cp!] });
    expect(await second.prepare(record)).toEqual({ baseSha: base, branch: 'goal/resume' });
    expect(await second.headSha()).toBe(cp!.sha);
  });

  it('refuses a dirty tree, listing the files, and leaves them untouched', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n', '.gitignore': 'node_modules/\n' });
    await writeFiles(repo.dir, { 'a.txt': 'my own edit\n', 'notes.md': 'draft\n' });
    await writeFiles(repo.dir, { 'node_modules/x/index.js': 'ignored\n' });
    const ws = createGitWorkspace({ root: repo.dir });
    const error = await ws.prepare(goalRecordFor('goal/x')).catch((e) => e);
    expect(error).toBeInstanceOf(DirtyTreeError);
    expect(error.message).toContain('a.txt');
    expect(error.message).toContain('notes.md');
    expect(error.message).not.toContain('node_modules');
    expect(error.message).toMatch(/commit or stash them/i);
    expect(await fs.readFile(path.join(repo.dir, 'a.txt'), 'utf8')).toBe('my own edit\n');
    expect(await repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('main');
  });

  it('accepts a tree whose only untracked files are gitignored', async () => {
    repo = await makeRepo({ '.gitignore': 'dist/\n*.log\n' });
    await writeFiles(repo.dir, { 'dist/out.js': 'x', 'debug.log': 'y' });
    const ws = createGitWorkspace({ root: repo.dir });
    await expect(ws.prepare(goalRecordFor('goal/x'))).resolves.toMatchObject({ branch: 'goal/x' });
  });

  it('says so when the directory is not a git repository', async () => {
    const dir = await tempDir();
    extraDirs.push(dir);
    const error = await createGitWorkspace({ root: dir })
      .prepare(goalRecordFor('goal/x'))
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotAGitRepoError);
    expect(error.message).toContain(dir);
  });

  it('refuses a branch that lost the last recorded checkpoint', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/rewritten'));
    await writeFiles(repo.dir, { 'a.txt': 'two\n' });
    const cp = await ws.checkpoint(info(1));
    await repo.git(['reset', '-q', '--hard', 'main']);
    await repo.git(['checkout', '-q', 'main']);
    const again = createGitWorkspace({ root: repo.dir });
    const error = await again
      .prepare(goalRecordFor('goal/rewritten', { checkpoints: [cp!] }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(BranchDivergedError);
    expect(error.message).toContain(cp!.sha.slice(0, 12));
  });
});

describe('checkpoint', () => {
  it('commits everything with the exact trailers and returns the checkpoint', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/trailers'));
    await writeFiles(repo.dir, { 'a.txt': 'two\n', 'src/new.ts': 'export {};\n' });
    const cp = await ws.checkpoint(info(3, '#12: make parser faster\nsecond line ignored'));

    expect(cp).not.toBeNull();
    expect(cp!.sha).toBe(await repo.git(['rev-parse', 'HEAD']));
    expect(cp!.iteration).toBe(3);
    expect(new Date(cp!.at).toISOString()).toBe(cp!.at);
    expect(await repo.git(['log', '-1', '--format=%s'])).toBe('#12: make parser faster');
    expect(await repo.git(['log', '-1', '--format=%(trailers)'])).toBe(
      [
        'Goal-Id: goal-test-1',
        'Goal-Iteration: 3',
        'Goal-Verifiers: 3/4 passed',
        'Goal-Tokens: 12345',
        'Goal-Cost-USD: 0.1235',
      ].join('\n'),
    );
    expect(await repo.git(['log', '-1', '--format=%an <%ae>'])).toBe(
      'goal-action[bot] <bot@example.com>',
    );
    expect(await repo.git(['show', '--name-only', '--format=', 'HEAD'])).toBe('a.txt\nsrc/new.ts');
    expect(await ws.isClean()).toBe(true);
  });

  it('returns null when nothing changed, and commits nothing', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n', '.gitignore': 'build/\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/idle'));
    const before = await ws.headSha();
    await writeFiles(repo.dir, { 'build/out.bin': 'ignored output' });
    expect(await ws.hasChanges()).toBe(false);
    expect(await ws.checkpoint(info(1))).toBeNull();
    expect(await ws.headSha()).toBe(before);
  });

  it('records deletions and never commits gitignored files', async () => {
    repo = await makeRepo({ 'old.txt': 'bye\n', 'keep.txt': 'k\n', '.gitignore': '.env\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/del'));
    await fs.rm(path.join(repo.dir, 'old.txt'));
    await writeFiles(repo.dir, { '.env': 'SECRET=1\n' });
    expect(await ws.hasChanges()).toBe(true);
    await ws.checkpoint(info(1));
    expect(await repo.git(['ls-tree', '-r', '--name-only', 'HEAD'])).toBe('.gitignore\nkeep.txt');
  });

  it('uses the repository identity, or a fallback when the machine has none', async () => {
    // No global or system git config, as on a fresh CI machine.
    const saved = {
      global: process.env.GIT_CONFIG_GLOBAL,
      nosystem: process.env.GIT_CONFIG_NOSYSTEM,
    };
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    try {
      repo = await makeRepo({ 'a.txt': '1\n' });
      const ws = createGitWorkspace({ root: repo.dir });
      await ws.prepare(goalRecordFor('goal/ident'));
      await writeFiles(repo.dir, { 'a.txt': '2\n' });
      await ws.checkpoint(info(1));
      expect(await repo.git(['log', '-1', '--format=%an <%ae>'])).toBe(
        'goal-action <goal-action@users.noreply.github.com>',
      );

      await repo.git(['config', 'user.name', 'Local Dev']);
      await repo.git(['config', 'user.email', 'dev@example.com']);
      const own = createGitWorkspace({ root: repo.dir });
      await own.prepare(goalRecordFor('goal/ident'));
      await writeFiles(repo.dir, { 'a.txt': '3\n' });
      await own.checkpoint(info(2));
      expect(await repo.git(['log', '-1', '--format=%an <%ae>'])).toBe(
        'Local Dev <dev@example.com>',
      );
    } finally {
      for (const [key, value] of [
        ['GIT_CONFIG_GLOBAL', saved.global],
        ['GIT_CONFIG_NOSYSTEM', saved.nosystem],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('changes, diff, isClean and resetTo', () => {
  it('lists changes since base with text before and after for the paths asked about', async () => {
    const big = 'x'.repeat(300 * 1024);
    repo = await makeRepo({
      'test/a.test.ts': 'expect(1).toBe(1);\n',
      'src/moved.ts':
        'export const moved = "a fairly long line so rename detection has content";\n',
      'gone.txt': 'bye\n',
      'img.bin': 'a\0b',
    });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    const { baseSha } = await ws.prepare(goalRecordFor('goal/changes'));
    await writeFiles(repo.dir, {
      'test/a.test.ts': 'expect(1).toBe(1);\nit.skip("x");\n',
      'lib/moved.ts':
        'export const moved = "a fairly long line so rename detection has content";\n',
      'img.bin': 'c\0d',
      'huge.txt': big,
    });
    await fs.rm(path.join(repo.dir, 'src/moved.ts'));
    await fs.rm(path.join(repo.dir, 'gone.txt'));
    await ws.checkpoint(info(1));

    const changes = await ws.changes(baseSha, (p) => p !== 'lib/moved.ts');
    const byPath = Object.fromEntries(changes.map((c) => [c.path, c]));
    expect(byPath['test/a.test.ts']).toEqual({
      path: 'test/a.test.ts',
      status: 'modified',
      before: 'expect(1).toBe(1);\n',
      after: 'expect(1).toBe(1);\nit.skip("x");\n',
      added: 1,
      removed: 0,
    });
    expect(byPath['lib/moved.ts']).toMatchObject({ status: 'renamed', oldPath: 'src/moved.ts' });
    expect(byPath['gone.txt']).toEqual({
      path: 'gone.txt',
      status: 'deleted',
      before: 'bye\n',
      added: 0,
      removed: 1,
    });
    // Binary and over-256-KiB files are listed without contents; binary ones without line counts.
    expect(byPath['img.bin']).toEqual({ path: 'img.bin', status: 'modified' });
    expect(byPath['huge.txt']).toEqual({ path: 'huge.txt', status: 'added', added: 1, removed: 0 });
  });

  it('gives a unified diff, bounded in bytes with a note naming the files', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    const { baseSha } = await ws.prepare(goalRecordFor('goal/diff'));
    const lines = Array.from({ length: 400 }, (_, i) => `línea ${i} ✓`).join('\n');
    await writeFiles(repo.dir, { 'a.txt': 'two\n', 'b.txt': `${lines}\n` });
    await ws.checkpoint(info(1));

    const full = await ws.diff(baseSha, 1_000_000);
    expect(full).toContain('diff --git a/a.txt b/a.txt');
    expect(full).toContain('+two');
    expect(full).not.toContain('truncated');

    const cut = await ws.diff(baseSha, 2_000);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(2_000);
    expect(cut).toContain('diff --git a/a.txt b/a.txt');
    expect(cut).toMatch(/diff truncated at 2000 bytes; 2 files changed: a\.txt, b\.txt/);
    expect(full.startsWith(cut.slice(0, cut.indexOf('\n[diff truncated')))).toBe(true);
  });

  it('reports a tree left dirty by a command, and resetTo restores a checkpoint exactly', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n', '.gitignore': 'cache/\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/reset'));
    await writeFiles(repo.dir, { 'a.txt': 'good\n' });
    const good = await ws.checkpoint(info(1));
    await writeFiles(repo.dir, { 'a.txt': 'regressed\n' });
    await ws.checkpoint(info(2));
    await writeFiles(repo.dir, { 'stray.txt': 'left by a verifier', 'cache/keep': 'dep cache' });
    expect(await ws.isClean()).toBe(false);

    await ws.resetTo!(good!.sha);
    expect(await ws.headSha()).toBe(good!.sha);
    expect(await fs.readFile(path.join(repo.dir, 'a.txt'), 'utf8')).toBe('good\n');
    await expect(fs.access(path.join(repo.dir, 'stray.txt'))).rejects.toThrow();
    expect(await fs.readFile(path.join(repo.dir, 'cache/keep'), 'utf8')).toBe('dep cache');
    expect(await ws.isClean()).toBe(true);
  });

  it('refuses to reset to a commit that is not one of the goal checkpoints', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const main = await repo.git(['rev-parse', 'HEAD']);
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/reset-guard'));
    await writeFiles(repo.dir, { 'a.txt': 'two\n' });
    const cp = await ws.checkpoint(info(1));
    await expect(ws.resetTo!(main)).rejects.toThrow(/not a checkpoint of this goal/);
    expect(await ws.headSha()).toBe(cp!.sha);
  });
});

describe('a command switched branches behind the goal', () => {
  it('refuses to checkpoint on another branch and leaves it alone', async () => {
    repo = await makeRepo({ 'a.txt': 'one\n' });
    const ws = createGitWorkspace({ root: repo.dir, identity: BOT });
    await ws.prepare(goalRecordFor('goal/stay'));
    await repo.git(['checkout', '-q', 'main']);
    const mainSha = await repo.git(['rev-parse', 'HEAD']);
    await writeFiles(repo.dir, { 'a.txt': 'edited on main\n' });
    await expect(ws.checkpoint(info(1))).rejects.toThrow(
      /on branch "main", not the goal branch goal\/stay/,
    );
    expect(await repo.git(['rev-parse', 'main'])).toBe(mainSha);
  });
});
