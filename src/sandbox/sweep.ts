// Inside the boundary: kill every process the model started, whatever session or group it put
// itself in. kill(-1) reaches every process this uid may signal except the caller and the
// namespace's init — in the worker's own PID namespace (or under the agent's own uid) that is
// exactly "everything the agent started".

import { readdir, readFile } from 'node:fs/promises';

const ROUNDS = 50;

export async function sweepOwnProcesses(): Promise<number> {
  let killed = 0;
  // Bounded: a fork bomb is outpaced by repeated kill(-1), and the round count caps the wait.
  for (let round = 0; round < ROUNDS; round++) {
    const others = await otherLiveProcesses();
    if (others === 0) return killed;
    killed += others;
    try {
      process.kill(-1, 'SIGKILL');
    } catch {
      // ESRCH: nothing left to signal.
    }
    await new Promise((resolve) => setTimeout(resolve, round < 5 ? 2 : 20));
  }
  return killed;
}

/** Live (non-zombie) processes of this uid other than this one and init. */
async function otherLiveProcesses(): Promise<number> {
  const uid = process.getuid?.();
  let count = 0;
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === 1 || pid === process.pid) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (!status || /^State:\s+[ZX]/m.test(status)) continue;
    const realUid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    if (realUid === uid) count++;
  }
  return count;
}
