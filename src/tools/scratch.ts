// The scratch area of the workspace: where the engine saves a tool output it elides from the
// context, so the model can read it back with `read_file`. It lives in the workspace (the only
// place read_file reads) and is excluded from checkpoints through .git/info/exclude, which is
// local to this clone and never committed.
//
// The model can change the workspace, so nothing here trusts it: both directory levels must be
// real directories inside the workspace (no symlink), and a file is created exclusively (never
// through an existing name or link) and not executable. The Action never reads these files back.
import { constants } from 'node:fs';
import { appendFile, lstat, mkdir, open, readFile, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Scratch } from '../engine/index.js';

export const SCRATCH_DIR = '.goal-action/scratch';
const EXCLUDE_LINE = '/.goal-action/';

export function createScratch(root: string): Scratch {
  let prepared: Promise<string> | undefined;
  return {
    async save(name: string, text: string): Promise<string | undefined> {
      try {
        prepared ??= prepare(root);
        const dir = await prepared;
        await assertRealDirectories(root, dir);
        const file = path.basename(name).replace(/[^\w.-]/g, '_') || 'output.txt';
        const target = path.join(dir, file);
        // A name that exists (perhaps a link the model planted) is removed, never written through.
        await unlink(target).catch(() => undefined);
        const flags =
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
        const handle = await open(target, flags, 0o644);
        try {
          await handle.writeFile(text, 'utf8');
        } finally {
          await handle.close();
        }
        return `${SCRATCH_DIR}/${file}`;
      } catch {
        // Saving is a convenience: the caller leaves the pointer out.
        prepared = undefined;
        return undefined;
      }
    },
  };
}

async function prepare(root: string): Promise<string> {
  const dir = path.join(root, SCRATCH_DIR);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await excludeFromGit(root);
  return dir;
}

/** Adds the scratch area to .git/info/exclude once, so no checkpoint ever stages it. */
async function excludeFromGit(root: string): Promise<void> {
  const info = path.join(root, '.git', 'info');
  const exclude = path.join(info, 'exclude');
  const current = await readFile(exclude, 'utf8').catch(() => '');
  if (current.split(/\r?\n/).includes(EXCLUDE_LINE)) return;
  await mkdir(info, { recursive: true });
  const separator = current && !current.endsWith('\n') ? '\n' : '';
  await appendFile(exclude, `${separator}# goal-action: saved tool outputs\n${EXCLUDE_LINE}\n`);
}

async function assertRealDirectories(root: string, dir: string): Promise<void> {
  for (const level of [path.dirname(dir), dir]) {
    const stat = await lstat(level);
    if (!stat.isDirectory() || stat.isSymbolicLink())
      throw new Error(`${level} is not a real directory`);
  }
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  if (realDir !== path.join(realRoot, SCRATCH_DIR)) throw new Error(`${dir} leaves the workspace`);
}
