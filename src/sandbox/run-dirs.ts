// The agent's per-run directories: a fresh HOME and TMPDIR for every run, and a place for the
// verification checkouts, all under one `goal-sandbox-*` folder that is removed at the end. A
// planted ~/.npmrc or ~/.gitconfig therefore dies with the run that planted it; folders left by
// runs that were killed are removed by the next run on the machine.

import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { Privilege } from './boundary.js';

const PREFIX = 'goal-sandbox-';
const OWNER_FILE = 'owner.pid';

export interface RunDirs {
  base: string;
  home: string;
  tmp: string;
  /** Verification checkouts are made here (by the Action, then handed to the agent). */
  verify: string;
}

/** Runs a command with the Action's privilege (root directly, or passwordless sudo). */
export type Privileged = (
  argv: string[],
) => Promise<{ exitCode: number | undefined; output: string }>;

export function privilegedRunner(privilege: Privilege): Privileged | undefined {
  if (privilege === 'none') return undefined;
  return async (argv) => {
    const full = privilege === 'sudo' ? ['sudo', '-n', '--', ...argv] : argv;
    const result = await execa(full[0]!, full.slice(1), {
      reject: false,
      // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
      cleanup: false,
      stdin: 'ignore',
      all: true,
      timeout: 120_000,
    });
    return { exitCode: result.exitCode, output: String(result.all ?? '') };
  };
}

export async function createRunDirs(
  owner: { uid: number; gid: number } | undefined,
  privileged: Privileged | undefined,
): Promise<RunDirs> {
  const base = await mkdtemp(path.join(os.tmpdir(), PREFIX));
  await writeFile(path.join(base, OWNER_FILE), String(process.pid));
  const dirs = {
    base,
    home: path.join(base, 'home'),
    tmp: path.join(base, 'tmp'),
    verify: path.join(base, 'verify'),
  };
  for (const dir of [dirs.home, dirs.tmp]) await mkdir(dir, { mode: 0o700 });
  // The Action makes each verification copy here and then hands that copy (not this) to the agent.
  await mkdir(dirs.verify, { mode: 0o711 });
  // The agent's own git must read a repository that belongs to the Action's user.
  await writeFile(path.join(dirs.home, '.gitconfig'), '[safe]\n\tdirectory = *\n');
  if (owner && privileged) {
    const chown = await privileged([
      'chown',
      '-R',
      '--no-dereference',
      `${owner.uid}:${owner.gid}`,
      dirs.home,
      dirs.tmp,
    ]);
    if (chown.exitCode !== 0)
      throw new Error(
        `Could not hand the sandbox's home to the agent user: ${chown.output.trim()}`,
      );
    // The agent reaches its dirs through the base folder, which it must not be able to rename.
    await privileged(['chmod', '0711', base]);
  }
  return dirs;
}

export async function removeRunDirs(
  dirs: RunDirs,
  privileged: Privileged | undefined,
): Promise<void> {
  await removeTree(dirs.base, privileged);
}

/** Removes the sandbox folders of earlier runs whose process is gone (a killed runner). */
export async function removeStaleRunDirs(privileged: Privileged | undefined): Promise<string[]> {
  const removed: string[] = [];
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const base = path.join(tmp, name);
    const owner = Number(
      (await readFile(path.join(base, OWNER_FILE), 'utf8').catch(() => '')).trim(),
    );
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) continue;
    await removeTree(base, privileged);
    removed.push(base);
  }
  return removed;
}

/** True when a process with this pid exists (EPERM: it exists, but is another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function removeTree(dir: string, privileged: Privileged | undefined): Promise<void> {
  // rm never follows symlinks, so links the agent left inside cannot point it elsewhere.
  if (process.getuid?.() === 0) await rm(dir, { recursive: true, force: true });
  else if (privileged) await privileged(['rm', '-rf', '--one-file-system', '--', dir]);
  else
    await execa('rm', ['-rf', '--one-file-system', '--', dir], {
      reject: false,
      // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
      cleanup: false,
      stdin: 'ignore',
    });
}
