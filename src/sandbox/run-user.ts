// With `agent-user: auto`, every run gets a user of its own (`goal-agent-<pid>-<rand>`), removed at
// the end: nothing of one run's agent — files, processes, scheduled jobs — carries the identity of
// another run's, two runs on one machine never kill each other's processes, and the /proc sweep
// that ends "everything of the agent" is exactly this run's agent. Users left by runs that were
// killed (their pid is gone) are removed by the next run.

import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { killAgentProcesses } from './barrier.js';
import { isAlive, type Privileged } from './run-dirs.js';

const PREFIX = 'goal-agent-';
const NAME = /^goal-agent-(\d+)-[a-z0-9]{4}$/;

export function runUserName(): string {
  return `${PREFIX}${process.pid}-${randomBytes(3).toString('hex').slice(0, 4)}`;
}

export function isRunUser(name: string): boolean {
  return NAME.test(name);
}

/** Kills the processes of a run user and deletes it (its home is not kept: it has none). */
export async function removeRunUser(
  name: string,
  uid: number,
  privileged: Privileged,
  viaSudo: boolean,
): Promise<void> {
  await killAgentProcesses({ kind: 'uid', uid, viaSudo }).catch(() => undefined);
  await privileged(['userdel', name]);
  await privileged(['groupdel', name]).catch(() => undefined);
}

/** Removes the run users of runs whose process is gone. */
export async function removeStaleRunUsers(
  privileged: Privileged,
  viaSudo: boolean,
): Promise<string[]> {
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
  const removed: string[] = [];
  for (const line of passwd.split('\n')) {
    const [name, , uid] = line.split(':');
    const match = name ? NAME.exec(name) : null;
    if (!match || !name || uid === undefined) continue;
    if (isAlive(Number(match[1]))) continue;
    await removeRunUser(name, Number(uid), privileged, viaSudo);
    removed.push(name);
  }
  return removed;
}
