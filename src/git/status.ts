// The working tree's state as `git status` sees it. Gitignored files never count: build output and
// dependency caches are not the user's uncommitted work, and checkpoints never include them.

import type { Git } from './git.js';

export async function statusZ(git: Git): Promise<string> {
  return git.text([
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--ignore-submodules=none',
  ]);
}

/** Paths in `git status --porcelain -z` output; gitignored files are never listed there. */
export function dirtyPaths(status: string): string[] {
  const tokens = status.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = tokens[i] ?? '';
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename or copy in the index is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return paths;
}
