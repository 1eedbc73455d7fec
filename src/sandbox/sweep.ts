// Inside the boundary: kill every process the model started, whatever session or group it put
// itself in. kill(-1) reaches every process this uid may signal except the caller and the
// namespace's init — in the worker's own PID namespace (or under the agent's own uid) that is
// exactly "everything the agent started".

import { listPids, liveStatus, uidsOf } from './proc.js';

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
  for (const pid of await listPids()) {
    if (pid === 1 || pid === process.pid) continue;
    const status = await liveStatus(pid);
    if (status && uidsOf(status)[0] === uid) count++;
  }
  return count;
}
