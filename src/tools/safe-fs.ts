// File access for the model's file tools without check-then-use races. A path is opened by name
// once and then judged by what was actually opened (the kernel's /proc/self/fd link), never opened
// again by name; writes go through the already-opened parent directory (`/proc/self/fd/<dir>/name`
// names that exact directory, whatever happens to the path meanwhile) with O_NOFOLLOW on the last
// component. A background process flipping a path between a file and a symlink therefore cannot
// make a read or a write land outside the workspace or on a protected path.

import { constants, existsSync } from 'node:fs';
import { chmod, mkdir, open, readlink, realpath, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PathError, assertWritable } from './paths.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW, O_DIRECTORY, O_NONBLOCK } = constants;

/**
 * Where the kernel names open files (Linux). Elsewhere (the CLI on macOS) the same checks run on
 * path names, which a concurrent process could race: the sandbox, and so the Action, is Linux-only.
 */
const PROC_FD = existsSync('/proc/self/fd');

/** An open directory and the path it was opened by (for platforms without /proc/self/fd). */
interface Dir {
  handle: FileHandle;
  path: string;
}

function through(dir: Dir, name: string): string {
  return PROC_FD ? `/proc/self/fd/${dir.handle.fd}/${name}` : path.join(dir.path, name);
}

export interface Inside {
  realRoot: string;
}

export async function workspaceRoot(root: string): Promise<Inside> {
  return { realRoot: await realpath(root) };
}

/** The workspace-relative path of what `handle` is, or a PathError when it is outside. */
async function judge(
  ws: Inside,
  handle: FileHandle,
  given: string,
  openedAs: string,
): Promise<string> {
  const real = PROC_FD ? await readlink(`/proc/self/fd/${handle.fd}`) : await realpath(openedAs);
  const relative = path.relative(ws.realRoot, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new PathError(`The path "${given}" leads outside the workspace through a symbolic link.`);
  }
  return relative.split(path.sep).join('/');
}

/** Opens an existing file for reading, confined to the workspace. Null when it does not exist. */
export async function openForRead(
  ws: Inside,
  absolute: string,
  given: string,
): Promise<FileHandle | null> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO the model made must not hang the call.
    handle = await open(absolute, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    await judge(ws, handle, given, absolute);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The text of a file inside the workspace, or null when absent; a directory or device is refused. */
export async function readInside(
  ws: Inside,
  absolute: string,
  given: string,
): Promise<
  { kind: 'missing' } | { kind: 'directory' } | { kind: 'file'; text: string; mode: number }
> {
  const handle = await openForRead(ws, absolute, given);
  if (!handle) return { kind: 'missing' };
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { kind: 'directory' };
    if (!info.isFile()) throw new PathError(`${given}: is not a regular file.`);
    return { kind: 'file', text: await handle.readFile('utf8'), mode: info.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}

/**
 * Opens the parent directory of `absolute` (creating missing directories one at a time, each
 * through the one above it) and checks where it really is; returns a path through that directory.
 */
async function parentInside(
  ws: Inside,
  absolute: string,
  given: string,
  opts: { create: boolean; dirMode: number | undefined; protectedPaths: readonly string[] },
): Promise<{ dir: Dir; name: string; relative: string }> {
  // The path is taken relative to the real root: `absolute` was resolved against the given root.
  const rel = path.relative(ws.realRoot, await realParent(absolute));
  const parts = rel.split(path.sep).filter(Boolean);
  const name = path.basename(absolute);
  let dir: Dir = { handle: await open(ws.realRoot, O_RDONLY | O_DIRECTORY), path: ws.realRoot };
  try {
    for (const part of parts) {
      if (part === '..') throw new PathError(`The path "${given}" is outside the workspace.`);
      const next = through(dir, part);
      let child: FileHandle;
      try {
        child = await open(next, O_RDONLY | O_DIRECTORY);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) throw error;
        await mkdir(next);
        child = await open(next, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        if (opts.dirMode !== undefined)
          await chmod(PROC_FD ? `/proc/self/fd/${child.fd}` : next, opts.dirMode);
      }
      await dir.handle.close();
      dir = { handle: child, path: next };
      await judge(ws, dir.handle, given, next);
    }
    const dirRelative = await judge(ws, dir.handle, given, dir.path);
    const relative = dirRelative === '' ? name : `${dirRelative}/${name}`;
    assertWritable(relative, opts.protectedPaths);
    return { dir, name, relative };
  } catch (error) {
    await dir.handle.close();
    throw error;
  }
}

/**
 * The parent of `absolute` with the root's own symlinks resolved (e.g. /tmp → /private/tmp), so
 * the walk starts at the real root. Only the part above the workspace is resolved by name.
 */
async function realParent(absolute: string): Promise<string> {
  const parent = path.dirname(path.resolve(absolute));
  // Bounded by the path depth: each step goes one directory up until something exists.
  const missing: string[] = [];
  for (let current = parent; ; current = path.dirname(current)) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return parent;
      missing.push(path.basename(current));
    }
  }
}

/** Writes a file inside the workspace; the last component may not be a symlink. */
export async function writeInside(
  ws: Inside,
  absolute: string,
  given: string,
  content: string | Buffer,
  opts: { protectedPaths: readonly string[]; fileMode?: number; dirMode?: number },
): Promise<void> {
  const parent = await parentInside(ws, absolute, given, {
    create: true,
    dirMode: opts.dirMode,
    protectedPaths: opts.protectedPaths,
  });
  try {
    const file = await open(
      through(parent.dir, parent.name),
      O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW,
      opts.fileMode ?? 0o644,
    );
    try {
      await file.writeFile(content);
      if (opts.fileMode !== undefined) await file.chmod(opts.fileMode);
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new PathError(
        `"${given}" is a symbolic link; the file tools do not write through links.`,
      );
    throw error;
  } finally {
    await parent.dir.handle.close();
  }
}

/** Deletes a file inside the workspace (the link itself, if it is one). */
export async function unlinkInside(
  ws: Inside,
  absolute: string,
  given: string,
  protectedPaths: readonly string[],
): Promise<void> {
  const parent = await parentInside(ws, absolute, given, {
    create: false,
    dirMode: undefined,
    protectedPaths,
  });
  try {
    await unlink(through(parent.dir, parent.name));
  } finally {
    await parent.dir.handle.close();
  }
}
