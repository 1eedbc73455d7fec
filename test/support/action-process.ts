// The action's process as the runner handles it: its own process group, stdin closed, output
// captured as it arrives; cancellation is SIGINT, then SIGTERM after a grace period (7.5 s on the
// runner), then SIGKILL to the whole tree (2.5 s later); a hard timeout kills and rejects.

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface SpawnResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  cancelled: boolean;
  elapsedMs: number;
  durationMs: number;
}

export interface SpawnOptions {
  workspace: string;
  cancelWhen?: (stdoutSoFar: string) => boolean;
  graceMs?: number;
  killAfterMs?: number;
  firstMatch?: (stdoutSoFar: string) => boolean;
  timeoutMs?: number;
  /** Run the action as this user (the test runs as root), as the runner runs it as `runner`. */
  user?: { uid: number; gid: number };
  /** Each chunk of stdout as it arrives, with ms since the spawn (a benchmark's timeline). */
  onOutput?: (chunk: string, ms: number) => void;
}

export class ActionTimeoutError extends Error {
  constructor(
    message: string,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ActionTimeoutError';
  }
}

/** Runs `node entry` with exactly `env`, stdin closed, cancelled and bounded as described above. */
export function spawnAction(
  node: string,
  entry: string,
  opts: SpawnOptions,
  env: Record<string, string>,
): Promise<SpawnResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const started = performance.now();
  // Its own process group, so the end of a run can kill the whole tree, as the runner does.
  const child = spawn(node, [entry], {
    cwd: opts.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...(opts.user ? { uid: opts.user.uid, gid: opts.user.gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  let firstMatchMs: number | undefined;
  let cancelled = false;
  const timers: NodeJS.Timeout[] = [];
  const killTree = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  const cancel = () => {
    cancelled = true;
    child.kill('SIGINT');
    timers.push(
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        timers.push(setTimeout(() => killTree('SIGKILL'), opts.killAfterMs ?? 2500));
      }, opts.graceMs ?? 7500),
    );
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    opts.onOutput?.(chunk, performance.now() - started);
    if (firstMatchMs === undefined && opts.firstMatch?.(stdout))
      firstMatchMs = performance.now() - started;
    if (!cancelled && opts.cancelWhen?.(stdout)) cancel();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A test process that dies mid-run must not leave the detached action running.
  const killOnExit = () => killTree('SIGKILL');
  process.once('exit', killOnExit);

  return new Promise<SpawnResult>((resolve, reject) => {
    let timedOut = false;
    timers.push(
      setTimeout(() => {
        timedOut = true;
        killTree('SIGKILL');
      }, timeoutMs),
    );
    child.on('error', (err) => {
      timers.forEach(clearTimeout);
      process.off('exit', killOnExit);
      reject(new Error(`runAction: could not start ${node} ${entry}: ${err.message}`));
    });
    child.on('exit', () => {
      // Orphans the action left behind would hold the pipes open; the runner kills them too. One that
      // escaped the process group could still hold them, so stop reading after a bounded wait.
      killTree('SIGKILL');
      timers.push(setTimeout(() => [child.stdout, child.stderr].forEach((s) => s.destroy()), 2000));
    });
    child.on('close', (exitCode, signal) => {
      timers.forEach(clearTimeout);
      process.off('exit', killOnExit);
      const durationMs = performance.now() - started;
      if (timedOut) {
        const tail = (s: string) => s.slice(-2000) || '(empty)';
        reject(
          new ActionTimeoutError(
            `runAction: ${entry} did not finish within ${timeoutMs} ms and was killed; raise timeoutMs or find what hangs.\n` +
              `--- stdout tail ---\n${tail(stdout)}\n--- stderr tail ---\n${tail(stderr)}`,
            stdout,
            stderr,
          ),
        );
        return;
      }
      const elapsedMs = opts.firstMatch ? (firstMatchMs ?? -1) : durationMs;
      resolve({ exitCode, signal, stdout, stderr, cancelled, elapsedMs, durationMs });
    });
  });
}
