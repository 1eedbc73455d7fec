// The privileged side's own check that nothing of the agent is alive, run before every privileged
// git command and push. It trusts nothing the agent could have touched: it reads the host's /proc
// itself and kills with its own rights (or sudo's), never asking the worker.

import { readlink } from 'node:fs/promises';
import { listPids, liveStatus, uidsOf } from './proc.js';
import { execa } from 'execa';

export type AgentIdentity =
  /** The agent has a uid of its own: every process with that uid is the agent's. */
  | { kind: 'uid'; uid: number; viaSudo: boolean }
  /** Same uid as the Action, in a PID namespace: every process in that namespace is the agent's. */
  | { kind: 'pidns'; namespace: string }
  /** Neither: only the process groups the Action started can be found (sandbox `off`). */
  | { kind: 'none' };

const ROUNDS = 40;

export class SurvivorError extends Error {}

/** Kills every agent process; throws when some survive every round (then nothing may be pushed). */
export async function killAgentProcesses(who: AgentIdentity): Promise<number> {
  if (who.kind === 'none') return 0;
  let killed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const pids = await agentPids(who);
    if (pids.length === 0) return killed;
    killed += pids.length;
    await killAll(pids, who.kind === 'uid' && who.viaSudo);
    await new Promise((resolve) => setTimeout(resolve, round < 5 ? 5 : 50));
  }
  const left = await agentPids(who);
  if (left.length === 0) return killed;
  throw new SurvivorError(
    `Agent processes survived ${ROUNDS} rounds of SIGKILL (pids ${left.slice(0, 10).join(', ')}); ` +
      'nothing is committed or pushed while they run. Re-run the workflow; if it repeats, report it.',
  );
}

export async function agentPids(who: AgentIdentity): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await listPids()) {
    if (pid === process.pid) continue;
    if (who.kind === 'uid') {
      // Real, effective, saved or filesystem uid: any of them makes it the agent's.
      const status = await liveStatus(pid);
      if (status && uidsOf(status).includes(who.uid)) found.push(pid);
    } else if (who.kind === 'pidns') {
      const ns = await readlink(`/proc/${pid}/ns/pid`).catch(() => '');
      if (ns === who.namespace && (await liveStatus(pid))) found.push(pid);
    }
  }
  return found;
}

async function killAll(pids: number[], viaSudo: boolean): Promise<void> {
  if (viaSudo) {
    await execa('sudo', ['-n', 'kill', '-KILL', '--', ...pids.map(String)], {
      reject: false,
      // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
      cleanup: false,
      stdin: 'ignore',
      timeout: 10_000,
    });
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}
