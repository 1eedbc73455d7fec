// A small non-interactive git runner. Every command: no prompts, no pager, C locale, no hooks,
// identity and credentials given to that one command only (never written to .git/config), a
// timeout, and a typed error that says which command failed and why.

import { execa } from 'execa';

export interface GitIdentity {
  name: string;
  email: string;
}

/** A token for one remote, handed to a single command through the environment. */
export interface GitCredentials {
  /** The remote URL the token is for; the header is scoped to its origin (scheme://host[:port]/). */
  url: string;
  token: string;
}

export interface GitRunOptions {
  timeoutMs?: number;
  credentials?: GitCredentials;
  /** Exit codes that are answers rather than failures (`diff --quiet` exits 1 on differences). */
  okExitCodes?: number[];
  /** Text written to the command's stdin. */
  input?: string;
  /** Stop reading stdout after this many bytes (the result is then marked truncated). */
  maxOutputBytes?: number;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout was cut at maxOutputBytes. */
  truncated: boolean;
}

export class GitError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly stderrTail: string,
    readonly timedOut = false,
    readonly signal?: string,
  ) {
    const why = timedOut
      ? 'timed out'
      : signal
        ? `was stopped by ${signal}`
        : exitCode === undefined
          ? 'could not start (is git installed and on PATH?)'
          : `exited with code ${exitCode}`;
    super(`${command} ${why}${stderrTail ? `: ${stderrTail}` : ''}`);
    this.name = 'GitError';
  }
}

export interface Git {
  readonly cwd: string;
  run(args: string[], opts?: GitRunOptions): Promise<GitResult>;
  /** stdout without the trailing newline. */
  text(args: string[], opts?: GitRunOptions): Promise<string>;
  /** Raw stdout bytes (blobs that may be binary). */
  bytes(args: string[], opts?: { timeoutMs?: number }): Promise<Buffer>;
  /** True when the command exits 0, false on exit 1; other failures throw. */
  test(args: string[], opts?: GitRunOptions): Promise<boolean>;
}

export interface GitDefaults {
  identity?: GitIdentity;
  timeoutMs?: number;
  /**
   * Read no global (per-user) git config. The Action sets this: where the agent shares the Action's
   * uid, it could write ~/.gitconfig (a filter driver there would run inside our `git add`).
   */
  isolated?: boolean;
}

export const DEFAULT_GIT_TIMEOUT_MS = 120_000;
const STDERR_TAIL_CHARS = 1_000;
const KILL_GRACE_MS = 2_000;
const GROUP_KILL = process.platform !== 'win32';

// Detached children outlive us unless told: stop any still running when this process exits.
const running = new Set<{ pid?: number; kill(signal: NodeJS.Signals): boolean }>();
let exitHookInstalled = false;
function trackUntilExit(
  subprocess: Promise<unknown> & { pid?: number; kill(signal: NodeJS.Signals): boolean },
) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => running.forEach((child) => killTree(child, 'SIGTERM')));
  }
  running.add(subprocess);
  subprocess.then(
    () => running.delete(subprocess),
    () => running.delete(subprocess),
  );
}

function killTree(
  subprocess: { pid?: number; kill(signal: NodeJS.Signals): boolean },
  signal: NodeJS.Signals,
) {
  try {
    if (GROUP_KILL && subprocess.pid) process.kill(-subprocess.pid, signal);
    else subprocess.kill(signal);
  } catch {
    // Already gone.
  }
}

// Configuration each command carries. Hooks are off because the agent can write .git/hooks, and a
// hook would run inside our push with the token in its environment; checkpoints are machine commits.
const PER_COMMAND_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.quotePath=false',
  'color.ui=false',
  'commit.gpgSign=false',
  'advice.detachedHead=false',
  // No `git maintenance run --auto` after our commits and fetches (one more process each time);
  // the repository's own git commands still run it when it is due.
  'maintenance.auto=false',
  // No transport may run a program, and no credential helper runs: pushes carry their own header.
  'protocol.ext.allow=never',
  'credential.helper=',
];

/** The environment entries that give one git command an Authorization header for `url`'s origin. */
export function credentialEnv(
  creds: GitCredentials,
  inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const origin = credentialOrigin(creds.url);
  if (!origin) return {};
  const key = `http.${origin}.extraheader`;
  const basic = Buffer.from(`x-access-token:${creds.token}`, 'utf8').toString('base64');
  // Keep entries someone else put in GIT_CONFIG_* and append ours after them.
  const start = Number.parseInt(inherited.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  return {
    GIT_CONFIG_COUNT: String(start + 2),
    // An empty value resets the header list, so a stale header left in .git/config (a second
    // Authorization header makes GitHub answer 400) is not sent along with ours.
    [`GIT_CONFIG_KEY_${start}`]: key,
    [`GIT_CONFIG_VALUE_${start}`]: '',
    [`GIT_CONFIG_KEY_${start + 1}`]: key,
    [`GIT_CONFIG_VALUE_${start + 1}`]: `AUTHORIZATION: basic ${basic}`,
  };
}

/** `https://host[:port]/` for http(s) URLs; undefined for paths, file:// and ssh. */
export function credentialOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return `${parsed.origin}/`;
  } catch {
    return undefined;
  }
}

function baseEnv(): Record<string, string | undefined> {
  return {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    SSH_ASKPASS: 'echo',
    GCM_INTERACTIVE: 'never',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    // Inherited repository overrides (set when running inside a hook) would point git elsewhere.
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
    GIT_OBJECT_DIRECTORY: undefined,
    GIT_COMMON_DIR: undefined,
  };
}

function secretsOf(creds: GitCredentials | undefined): string[] {
  if (!creds?.token) return [];
  const basic = Buffer.from(`x-access-token:${creds.token}`, 'utf8').toString('base64');
  return [creds.token, basic];
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

function decode(output: unknown): string {
  if (typeof output === 'string') return output;
  return output instanceof Uint8Array ? Buffer.from(output).toString('utf8') : '';
}

function tail(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `…${trimmed.slice(-max)}`;
}

export function createGit(cwd: string, defaults: GitDefaults = {}): Git {
  const prefix = (): string[] => {
    const args = ['--no-pager'];
    for (const entry of PER_COMMAND_CONFIG) args.push('-c', entry);
    // Without the global config, checkout's safe.directory entry (container jobs) is gone too.
    if (defaults.isolated) args.push('-c', 'safe.directory=*');
    if (defaults.identity) {
      args.push('-c', `user.name=${defaults.identity.name}`);
      args.push('-c', `user.email=${defaults.identity.email}`);
    }
    return args;
  };

  async function exec(args: string[], opts: GitRunOptions, encoding: 'utf8' | 'buffer') {
    const env = {
      ...baseEnv(),
      ...(defaults.isolated ? { GIT_CONFIG_GLOBAL: '/dev/null' } : {}),
      ...(opts.credentials ? credentialEnv(opts.credentials) : {}),
    };
    const command = `git ${args.join(' ')}`;
    const subprocess = execa('git', [...prefix(), ...args], {
      cwd,
      env,
      input: opts.input,
      stdin: opts.input === undefined ? 'ignore' : undefined,
      // Its own process group, so a timeout also stops what git started (helpers, ssh, aliases)
      // that would otherwise keep the output pipes open.
      detached: GROUP_KILL,
      maxBuffer: { stdout: opts.maxOutputBytes ?? 256 * 1024 * 1024, stderr: 1024 * 1024 },
      encoding: encoding === 'buffer' ? 'buffer' : 'utf8',
      stripFinalNewline: false,
      reject: false,
    });
    trackUntilExit(subprocess);
    let timedOut = false;
    const timeoutMs = opts.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    const timers = [
      setTimeout(() => {
        timedOut = true;
        // TERM first: git removes its lock files on TERM, and a stale index.lock breaks the next command.
        killTree(subprocess, 'SIGTERM');
        timers.push(setTimeout(() => killTree(subprocess, 'SIGKILL'), KILL_GRACE_MS));
      }, timeoutMs),
    ];
    const result = await subprocess.finally(() => timers.forEach(clearTimeout));
    const secrets = secretsOf(opts.credentials);
    const stderr = redact(decode(result.stderr), secrets);
    const truncated = result.isMaxBuffer && opts.maxOutputBytes !== undefined;
    const ok = (opts.okExitCodes ?? [0]).includes(result.exitCode ?? -1) || truncated;
    if (!ok) {
      const detail = tail(stderr || redact(decode(result.stdout), secrets), STDERR_TAIL_CHARS);
      const spawnFailed = result.exitCode === undefined && !timedOut && !result.signal;
      throw new GitError(
        redact(command, secrets),
        result.exitCode,
        spawnFailed ? tail(result.message ?? '', STDERR_TAIL_CHARS) : detail,
        timedOut,
        result.signal,
      );
    }
    return { result, stderr, truncated };
  }

  const run = async (args: string[], opts: GitRunOptions = {}): Promise<GitResult> => {
    const { result, stderr, truncated } = await exec(args, opts, 'utf8');
    return { stdout: String(result.stdout), stderr, exitCode: result.exitCode ?? 0, truncated };
  };
  return {
    cwd,
    run,
    text: async (args, opts = {}) => (await run(args, opts)).stdout.replace(/\r?\n$/, ''),
    bytes: async (args, opts = {}) => {
      const { result } = await exec(args, opts, 'buffer');
      return Buffer.from(result.stdout as Uint8Array);
    },
    test: async (args, opts = {}) =>
      (await run(args, { ...opts, okExitCodes: [0, 1] })).exitCode === 0,
  };
}
