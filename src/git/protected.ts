// Which staged changes touch protected paths, judged on paths in the tree the Action builds (not on
// what a tool was asked to write): a path a glob matches, or a path that replaces a directory
// holding protected paths — `.github` or `.github/workflows` turned into a symlink or a file would
// otherwise carry a workflow past every glob.

import { protectedMatch } from '../tools/paths.js';

export function isProtectedChange(path: string, globs: readonly string[]): boolean {
  if (protectedMatch(path, globs) !== undefined) return true;
  return globs.some((glob) => {
    const prefix = literalPrefix(glob);
    return prefix !== '' && (prefix === path || prefix.startsWith(`${path}/`));
  });
}

/** The directory part of a glob before its first wildcard: `.github/workflows/**` → `.github/workflows`. */
function literalPrefix(glob: string): string {
  const parts = glob.replace(/^\.\//, '').split('/');
  const literal: string[] = [];
  for (const part of parts) {
    if (/[*?[{]/.test(part)) break;
    literal.push(part);
  }
  return literal.join('/');
}
