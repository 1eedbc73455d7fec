// Reading /proc, shared by the worker's own sweep and the Action's barrier.
import { readdir, readFile } from 'node:fs/promises';

/** The pids /proc lists (in the caller's PID namespace). */
export async function listPids(): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  return entries.map(Number).filter((pid) => Number.isInteger(pid));
}

/** A live process's status text; undefined when it is gone or a zombie (already dead). */
export async function liveStatus(pid: number): Promise<string | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return status && !/^State:\s+[ZX]/m.test(status) ? status : undefined;
}

/** Real, effective, saved and filesystem uid of a status text. */
export function uidsOf(status: string): number[] {
  return /^Uid:\s+(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
}
