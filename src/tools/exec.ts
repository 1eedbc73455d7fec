// The sandboxed command runner shared by the model's shell tool and the verifiers. Commands get
// an allow-listed environment, no stdin, their own process group (so a timeout or cancel kills
// what they started in the background too) and a head+tail capture that keeps memory flat.

import { execa } from 'execa';
import { HeadTailBuffer } from './head-tail.js';
import { sandboxEnv } from './sandbox-env.js';

export { HeadTailBuffer, truncateHeadTail, type HeadTailLimits } from './head-tail.js';
export { sandboxEnv } from './sandbox-env.js';

export interface ExecOptions {
  cwd: string;
  timeoutMs: number;
  /** Extra variables added on top of the allow-listed environment. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Bytes kept of the output (head + tail); memory stays flat however much the command prints. Default 64 KiB. */
  maxCaptureBytes?: number;
  /** Lines kept of the output (head + tail). Unlimited by default. */
  maxCaptureLines?: number;
  /** Run as another (unprivileged) user. */
  runAs?: { uid: number; gid: number; home?: string };
  /**
   * Start the command inside an isolation boundary (src/sandbox): `argv` wraps the final command,
   * which then receives exactly `env` and nothing else. `viaSudo`: the wrapper runs as root through
   * sudo, so only sudo can signal it.
   */
  boundary?: {
    argv: (inner: string[], env: Record<string, string>, cwd: string) => string[];
    viaSudo: boolean;
  };
}

export interface ExecResult {
  exitCode: number | null;
  signal?: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** stdout+stderr interleaved, head and tail kept, with an "… omitted N lines …" marker in between. */
  output: string;
  totalBytes: number;
  totalLines: number;
  /** Set when the command could not be started at all (missing program, bad cwd). */
  spawnError?: string;
}

/** Time a process group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;
/** How long output pipes may stay open after the command exited (a daemon that escaped the group). */
const DRAIN_AFTER_EXIT_MS = 2000;

/** Process groups still alive, killed if the Action itself exits first (detached children outlive it). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** A string runs through `bash -c` (no login shell); an array runs the program directly. */
export async function runCommand(
  command: string | string[],
  opts: ExecOptions,
): Promise<ExecResult> {
  const started = Date.now();
  let argv = typeof command === 'string' ? ['bash', '-c', command] : [...command];
  if (argv.length === 0 || !argv[0])
    throw new Error('runCommand: the command is empty; pass a program to run.');

  let env = { ...sandboxEnv(), ...opts.env };
  let cwd = opts.cwd;
  if (opts.boundary) {
    argv = opts.boundary.argv(argv, env, cwd);
    // The command enters its directory inside the boundary; the Action may not be allowed there.
    cwd = '/';
    // The boundary hands the command its environment itself; the wrapper needs only a PATH.
    env = { PATH: env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
  }
  const asOtherUser =
    !opts.boundary && opts.runAs !== undefined && opts.runAs.uid !== process.getuid?.();
  if (asOtherUser && opts.runAs) {
    if (opts.runAs.home) env.HOME = opts.runAs.home;
    // Group-writable files, so the Action's own user can keep working with what the agent wrote.
    argv = ['/bin/sh', '-c', 'umask 002 && exec "$@"', 'sh', ...argv];
  }
  const viaSudo = (asOtherUser && process.getuid?.() !== 0) || opts.boundary?.viaSudo === true;
  if (asOtherUser && viaSudo && opts.runAs) {
    // Not root: only sudo can switch users. It resets the environment, so `env -i` sets ours. No
    // `-g`: sudoers rules often allow only users, and setgid directories give new files the
    // workspace group anyway.
    const assignments = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    argv = ['sudo', '-n', '-u', `#${opts.runAs.uid}`, '--', 'env', '-i', ...assignments, ...argv];
  }

  const capture = new HeadTailBuffer({
    maxBytes: opts.maxCaptureBytes ?? 64 * 1024,
    maxLines: opts.maxCaptureLines,
  });
  const [file, ...args] = argv as [string, ...string[]];
  const subprocess = execa(file, args, {
    cwd,
    env,
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    all: true,
    detached: true,
    reject: false,
    stripFinalNewline: false,
    ...(asOtherUser && !viaSudo && opts.runAs ? { uid: opts.runAs.uid, gid: opts.runAs.gid } : {}),
  });

  const pid = subprocess.pid;
  let timedOut = false;
  let aborted = false;
  const killer = pid === undefined ? undefined : groupKiller(pid, viaSudo);
  if (pid !== undefined) trackGroup(pid);

  const timer = setTimeout(() => {
    timedOut = true;
    killer?.();
  }, opts.timeoutMs);
  const onAbort = (): void => {
    aborted = true;
    killer?.();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  subprocess.all?.on('data', (chunk: Buffer) => capture.push(chunk));
  let drainTimer: NodeJS.Timeout | undefined;
  subprocess.nodeChildProcess.once('exit', () => {
    // Background processes left in the group would hold the pipes (and the workspace) forever.
    killer?.();
    drainTimer = setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
      subprocess.all?.destroy();
    }, DRAIN_AFTER_EXIT_MS + KILL_GRACE_MS);
  });

  const result = await subprocess;
  clearTimeout(timer);
  clearTimeout(drainTimer);
  opts.signal?.removeEventListener('abort', onAbort);
  if (pid !== undefined) liveGroups.delete(pid);

  const spawnError =
    pid === undefined ? (result.originalMessage ?? result.shortMessage) : undefined;
  if (spawnError) capture.push(spawnError);
  return {
    exitCode: result.exitCode ?? null,
    ...(result.signal ? { signal: result.signal } : {}),
    timedOut,
    aborted,
    durationMs: Date.now() - started,
    output: capture.toString(),
    totalBytes: capture.totalBytes,
    totalLines: capture.totalLines,
    ...(spawnError ? { spawnError } : {}),
  };
}

/** SIGTERM to the whole group, then SIGKILL after a bounded grace. Idempotent. */
function groupKiller(pgid: number, viaSudo: boolean): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    signalGroup(pgid, 'SIGTERM', viaSudo);
    const hard = setTimeout(() => {
      signalGroup(pgid, 'SIGKILL', viaSudo);
      liveGroups.delete(pgid);
    }, KILL_GRACE_MS);
    hard.unref();
  };
}

function signalGroup(pgid: number, signal: 'SIGTERM' | 'SIGKILL', viaSudo: boolean): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
  if (viaSudo) {
    // Processes of the other user ignore our own signals (EPERM); root can reach them.
    void execa('sudo', ['-n', 'kill', `-${signal.slice(3)}`, '--', `-${pgid}`], {
      reject: false,
      cleanup: false,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'ignore',
      timeout: 10_000,
    });
  }
}

function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}
