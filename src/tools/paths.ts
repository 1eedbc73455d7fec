// Workspace confinement for the model's file tools: every path the model names must resolve inside
// the workspace (also after following symlinks), and writes to protected paths are refused.

import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_PROTECTED_PATHS: readonly string[] = ['.github/workflows/**'];

/** Git's own directory is never written by the file tools: hooks there would run with the Action's rights. */
const ALWAYS_PROTECTED = ['.git', '.git/**'];

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

export interface ResolvedPath {
  /** Absolute path on disk. */
  absolute: string;
  /** Path relative to the workspace root, with forward slashes. */
  relative: string;
}

/**
 * Resolves a path the model gave against the workspace root. Throws a PathError (with a message
 * for the model) when it is empty, absolute where not allowed, or escapes the workspace —
 * lexically (`..`) or through a symlink.
 */
export function resolveInWorkspace(
  root: string,
  given: string,
  options: { allowAbsolute?: boolean } = {},
): ResolvedPath {
  const trimmed = given.trim();
  if (trimmed === '')
    throw new PathError('The path is empty; give a path relative to the workspace root.');
  if (trimmed.includes('\0'))
    throw new PathError(`The path ${JSON.stringify(given)} contains a NUL byte.`);
  const rootAbsolute = path.resolve(root);
  if (path.isAbsolute(trimmed) && !options.allowAbsolute) {
    throw new PathError(
      `The path "${given}" is absolute; use a path relative to the workspace root.`,
    );
  }
  const absolute = path.resolve(rootAbsolute, trimmed);
  const relative = path.relative(rootAbsolute, absolute);
  if (isOutside(relative)) {
    throw new PathError(`The path "${given}" is outside the workspace; use a path inside it.`);
  }
  // Symlinks: the deepest part of the path that exists must resolve inside the real root.
  const realRoot = realpathSync(rootAbsolute);
  const realExisting = realpathOfDeepestExisting(absolute);
  if (realExisting !== undefined && isOutside(path.relative(realRoot, realExisting))) {
    throw new PathError(`The path "${given}" leads outside the workspace through a symbolic link.`);
  }
  return { absolute, relative: toPosix(relative) };
}

/** The protected glob a workspace-relative path matches, if any. */
export function protectedMatch(relative: string, globs: readonly string[]): string | undefined {
  const candidate = toPosix(relative).replace(/^\.\//, '');
  for (const glob of [...ALWAYS_PROTECTED, ...globs]) {
    const pattern = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
    if (path.posix.matchesGlob(candidate, pattern)) return glob;
    // A protected directory protects what is inside it even when the glob names only the directory.
    if (!pattern.includes('*') && candidate.startsWith(`${pattern}/`)) return glob;
  }
  return undefined;
}

/** Throws a PathError when writing `relative` is not allowed. */
export function assertWritable(relative: string, globs: readonly string[]): void {
  const glob = protectedMatch(relative, globs);
  if (glob !== undefined) {
    throw new PathError(`"${relative}" is a protected path (${glob}); the goal may not change it.`);
  }
}

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function realpathOfDeepestExisting(absolute: string): string | undefined {
  let current = absolute;
  const missing: string[] = [];
  // Bounded by the path depth: each step goes one directory up.
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      if (existsAsLink(current)) {
        throw new PathError(
          `"${current}" is a symbolic link that points nowhere; the file tools do not follow it.`,
        );
      }
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function existsAsLink(absolute: string): boolean {
  try {
    return lstatSync(absolute).isSymbolicLink();
  } catch {
    return false;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
