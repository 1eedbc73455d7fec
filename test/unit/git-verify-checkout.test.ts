// Verifiers judge the tree that is committed, not the live worktree: a process that keeps swapping
// a passing file into the worktree while the verification copy is made changes nothing in the copy.
// This is the layer under attack 6 of test/security/attacks.test.ts, tested on its own, so it holds
// even if a swapper survived the sandbox's process sweep.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../../src/git/git.js';
import { materialiseTree } from '../../src/git/verify-checkout.js';
import { makeRepo, runGit, tempDir, type TestRepo } from '../support/git-fixtures.js';

const BROKEN = 'export const total = () => 0;\n';
const GOOD = 'export const total = (items) => items.length;\n';

let repo: TestRepo | undefined;
let swapper: ChildProcess | undefined;
afterEach(async () => {
  swapper?.kill('SIGKILL');
  swapper = undefined;
  await repo?.cleanup();
  repo = undefined;
});

describe('the verification copy', () => {
  it('holds the staged tree while something rewrites the worktree', async () => {
    repo = await makeRepo({ 'src/cart.js': GOOD, '.gitignore': 'node_modules/\n' });
    await mkdir(join(repo.dir, 'node_modules/dep'), { recursive: true });
    await writeFile(join(repo.dir, 'node_modules/dep/index.js'), 'module.exports = 1;\n');
    await writeFile(join(repo.dir, 'src/cart.js'), BROKEN);
    await runGit(repo.dir, ['add', '--all']);
    const tree = (await runGit(repo.dir, ['write-tree'])).trim();

    // The attacker: writes the passing file into the worktree over and over.
    swapper = spawn(
      'sh',
      // Replaced by rename, so a read of the worktree never sees a half-written file.
      [
        '-c',
        `while :; do printf '%s' "$GOOD" > src/.cart.new && mv src/.cart.new src/cart.js; sleep 0.005; done`,
      ],
      { cwd: repo.dir, env: { ...process.env, GOOD }, stdio: 'ignore' },
    );
    await waitFor(async () => (await readFile(join(repo!.dir, 'src/cart.js'), 'utf8')) === GOOD);

    const parent = await tempDir('verify-parent-');
    const copy = await materialiseTree(createGit(repo.dir), tree, parent, repo.dir, (dir) =>
      rm(dir, { recursive: true, force: true }),
    );
    try {
      // Judged: exactly what is staged, whatever the worktree says at that moment.
      expect(await readFile(join(copy.dir, 'src/cart.js'), 'utf8')).toBe(BROKEN);
      expect(await readFile(join(repo.dir, 'src/cart.js'), 'utf8')).toBe(GOOD);
      // Ignored dependency folders are linked in as the verifiers would find them, and so is .git.
      expect((await lstat(join(copy.dir, 'node_modules'))).isSymbolicLink()).toBe(true);
      expect(await readFile(join(copy.dir, 'node_modules/dep/index.js'), 'utf8')).toContain('1');
      expect(await readlink(join(copy.dir, '.git'))).toBe(join(repo.dir, '.git'));
    } finally {
      await copy.remove();
      await rm(parent, { recursive: true, force: true });
    }
  });
});

/** Polls a condition a bounded number of times (the swapper needs a moment to start). */
async function waitFor(check: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the condition never held');
}
