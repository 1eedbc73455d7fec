// Verifiers judge the checkpoint, not the live worktree: every verification runs on a fresh copy of
// the exact tree that is (or is about to be) committed, made by the Action from its own object
// store. A process that swaps a passing file into the worktree while the tests run changes nothing
// that is judged. Dependencies the repository ignores (node_modules, .venv, build caches) are
// linked in from the workspace, as the verifiers would find them there, and so is `.git`.

import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { Git } from './git.js';

/** At most this many ignored entries are linked in (a tree of loose ignored files is not a dependency dir). */
const MAX_LINKED = 2000;

export interface Materialised {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Writes `tree` (a tree or commit) into a new directory under `parent`, links the workspace's
 * ignored entries into it, and returns it. The caller hands it to the agent and removes it.
 */
export async function materialiseTree(
  git: Git,
  tree: string,
  parent: string,
  workspace: string,
  remove: (dir: string) => Promise<void>,
): Promise<Materialised> {
  const dir = await mkdtemp(path.join(parent, 'tree-'));
  const archive = await git.bytes(['archive', '--format=tar', tree]);
  const untar = await execa('tar', ['-x', '-C', dir, '--no-same-owner'], {
    input: archive,
    reject: false,
    // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
    cleanup: false,
  });
  if (untar.exitCode !== 0) {
    await remove(dir);
    throw new Error(`Could not write the checkpoint's tree for verification: ${untar.stderr}`);
  }
  await linkIgnored(git, dir, workspace);
  // Verifiers that ask git (ls-files, describe) read the workspace's repository, read-only inside
  // the sandbox; its index holds the staged checkpoint while a checkpoint verifies.
  await symlink(path.join(workspace, '.git'), path.join(dir, '.git'));
  return { dir, remove: () => remove(dir) };
}

async function linkIgnored(git: Git, dir: string, workspace: string): Promise<void> {
  const listed = await git.text(
    ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z'],
    { maxOutputBytes: 4 * 1024 * 1024 },
  );
  const entries = listed.split('\0').filter(Boolean).slice(0, MAX_LINKED);
  for (const entry of entries) {
    const relative = entry.replace(/\/$/, '');
    if (relative === '' || relative.split('/').includes('..') || relative === '.git') continue;
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(path.join(workspace, relative), target).catch(() => undefined);
  }
}
