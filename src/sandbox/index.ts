// The one boundary around everything the model can cause. Every workspace tool call (through the
// worker) and every verifier run (one sandboxed process each) starts inside it; before any
// privileged git command the Action kills whatever of the agent is still alive, checking /proc
// itself. What the runner allows decides how strong the boundary is; `report` says exactly that.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { ToolHost } from '../engine/index.js';
import { createToolHost } from '../tools/index.js';
import { runCommand, type ExecOptions, type ExecResult } from '../tools/exec.js';
import { prepareAgentUser } from '../tools/agent-user.js';
import { TOOL_SPECS } from '../tools/specs.js';
import { boundaryArgv, withEnv, type BoundarySpec, type Privilege } from './boundary.js';
import { killAgentProcesses, type AgentIdentity } from './barrier.js';
import { detectPrivilege, namespacesWork } from './probe.js';
import {
  createRunDirs,
  privilegedRunner,
  removeRunDirs,
  removeStaleRunDirs,
  removeTree,
  type Privileged,
  type RunDirs,
} from './run-dirs.js';
import { WorkerClient } from './worker-client.js';
import { isRunUser, removeRunUser, removeStaleRunUsers, runUserName } from './run-user.js';
import { describeBoundary, type SandboxReport } from './report.js';

export type { SandboxReport } from './report.js';
export { SurvivorError } from './barrier.js';

export interface SandboxOptions {
  mode: 'strict' | 'auto' | 'off';
  network: 'on' | 'off';
  /** The workspace. */
  root: string;
  protectedPaths: string[];
  /** `auto`, `none` or a user name. */
  agentUser: string;
  /** The environment agent commands get (allow-list plus pass-env); HOME and TMPDIR are set here. */
  env: Record<string, string>;
  /** Directories made empty inside the boundary ($RUNNER_TEMP). */
  hide: string[];
  /** Paths made read-only inside the boundary (the Action's `.git`). */
  readOnly: string[];
  /** The worker bundle (dist/sandbox/index.js); default: beside this bundle. */
  workerScript?: string;
  shellTimeoutMs?: number;
  redact?: (text: string) => string;
}

export interface Sandbox {
  readonly report: SandboxReport;
  readonly tools: ToolHost;
  /** Runs one command inside the boundary (verifiers): a fresh namespace that dies with it. */
  exec(
    command: string | string[],
    opts: Omit<ExecOptions, 'runAs' | 'boundary'>,
  ): Promise<ExecResult>;
  /** Kills every agent process (the worker too); throws SurvivorError when some cannot be killed. */
  quiesce(): Promise<number>;
  /**
   * Starts the tool worker in the background. Call it only when no privileged git command can run
   * before the next tool call (the Action calls it as a model turn starts); quiesce() ends it.
   */
  warm(): void;
  /** Where verification checkouts go: visible and writable inside the boundary. */
  readonly verifyDir: string;
  /** Hands a directory tree the Action made to the agent (chown), so verifiers can write in it. */
  handOver(dir: string): Promise<void>;
  /** Removes a tree the agent may have written in (with the privilege its files need). */
  removeTree(dir: string): Promise<void>;
  close(): Promise<void>;
}

export class SandboxUnavailableError extends Error {}

export async function createSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const privilege: Privilege = opts.mode === 'off' ? 'none' : await detectPrivilege();
  const privileged = privilegedRunner(privilege);
  await removeStaleRunDirs(privileged);
  if (privileged) await removeStaleRunUsers(privileged, privilege === 'sudo');

  const agentName = opts.agentUser === 'auto' ? runUserName() : opts.agentUser;
  const agent =
    opts.mode !== 'off' && privilege !== 'none' && opts.agentUser !== 'none'
      ? await prepareAgentUser({ name: agentName, workspace: opts.root })
      : null;
  const user = agent ? { uid: agent.uid, gid: agent.gid } : undefined;
  const base: BoundarySpec = {
    privilege: user ? privilege : 'none',
    namespaces: false,
    ...(user ? { user } : {}),
    hide: opts.hide.filter(Boolean),
    readOnly: opts.readOnly,
    network: opts.network === 'on',
  };
  // As root without a separate user, a user namespace would still be root on every file: no boundary.
  const canNamespace = opts.mode !== 'off' && (user !== undefined || process.getuid?.() !== 0);
  const namespaces = canNamespace && (await namespacesWork(base));
  const spec: BoundarySpec = { ...base, namespaces };
  const report = describeBoundary({
    mode: opts.mode,
    privilege,
    separateUser: user !== undefined,
    namespaces,
    network: opts.network,
    networkIsolated: namespaces && opts.network === 'off',
  });
  if (opts.mode === 'strict' && report.gaps.length > 0) {
    if (agent && privileged && isRunUser(agent.name))
      await removeRunUser(agent.name, agent.uid, privileged, privilege === 'sudo');
    throw new SandboxUnavailableError(
      `sandbox: strict, but this runner cannot give the full boundary: ${report.gaps.join('; ')}. ` +
        'Use a GitHub-hosted runner, run the self-hosted runner as root or with passwordless sudo, or set `sandbox: auto` to accept the gaps (they are listed in the job summary).',
    );
  }

  const dirs: RunDirs = await createRunDirs(user, privileged);
  const env = { ...opts.env, HOME: dirs.home, TMPDIR: dirs.tmp, TMP: dirs.tmp, TEMP: dirs.tmp };
  const identity: AgentIdentity =
    !spec.namespaces && !user
      ? { kind: 'none' }
      : user
        ? { kind: 'uid', uid: user.uid, viaSudo: privilege === 'sudo' }
        : { kind: 'pidns', namespace: '' }; // learned per worker start, in quiesce()
  const isolated = opts.mode !== 'off' && (spec.namespaces || user !== undefined);

  const workerScript =
    opts.workerScript ??
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'sandbox', 'index.js');
  const worker = isolated
    ? new WorkerClient({
        argv: boundaryArgv(spec, withEnv(env, [process.execPath, workerScript])),
        init: {
          op: 'init',
          root: path.resolve(opts.root),
          protectedPaths: opts.protectedPaths,
          env,
          sweep: spec.namespaces || user !== undefined,
          ...(opts.shellTimeoutMs ? { shellTimeoutMs: opts.shellTimeoutMs } : {}),
        },
        graceMs: 60_000,
        maxCallMs: 31 * 60_000,
      })
    : undefined;
  const local = createToolHost({
    root: opts.root,
    protectedPaths: opts.protectedPaths,
    env,
    ...(opts.redact ? { redact: opts.redact } : {}),
    ...(opts.shellTimeoutMs ? { shellTimeoutMs: opts.shellTimeoutMs } : {}),
  });
  const redact = opts.redact ?? ((text: string) => text);
  /**
   * Whether agent processes may exist that the kernel has not already ended: set when the worker
   * starts, and by a verifier run outside namespaces (inside one, the namespace dies with its
   * init, taking every process in it along, before the run returns). The /proc sweep runs only
   * then, so the barrier costs nothing when nothing of the agent ran.
   */
  let dirty = true;

  const tools: ToolHost = {
    specs: () => TOOL_SPECS.map((s) => structuredClone(s)),
    async execute(name, rawArguments, ctx) {
      // Plan and goal requests touch nothing: they are decided here, never by the worker.
      if (!worker || name === 'update_plan' || name === 'update_goal' || !isWorkspaceTool(name))
        return local.execute(name, rawArguments, ctx);
      try {
        dirty = true;
        const outcome = await worker.call(name, rawArguments, ctx.signal);
        return {
          ok: outcome.ok,
          output: redact(outcome.output),
          ...(outcome.mutating || name === 'shell' || name === 'apply_patch'
            ? { mutating: true }
            : {}),
        };
      } catch (error) {
        return {
          ok: false,
          output: redact(`${name} failed: ${(error as Error).message}`),
          ...(name === 'shell' || name === 'apply_patch' ? { mutating: true } : {}),
        };
      }
    },
  };

  const sandbox: Sandbox = {
    report,
    tools,
    verifyDir: dirs.verify,
    async exec(command, execOpts) {
      if (!spec.namespaces) dirty = true;
      return runCommand(command, {
        ...execOpts,
        env: { ...env, ...execOpts.env },
        ...(isolated
          ? {
              boundary: {
                argv: (inner, innerEnv, cwd) => boundaryArgv(spec, withEnv(innerEnv, inner, cwd)),
                viaSudo: privilege === 'sudo' && spec.namespaces,
              },
            }
          : {}),
      });
    },
    warm() {
      if (!worker) return;
      dirty = true;
      worker.warm();
    },
    async quiesce() {
      if (!worker || !dirty) return 0;
      // Each start of the worker has a namespace of its own: learn this one's before it goes, so
      // its survivors can still be found.
      const target: AgentIdentity =
        identity.kind === 'pidns'
          ? { kind: 'pidns', namespace: worker.pid ? await namespaceOf(worker.pid) : '' }
          : identity;
      const exited = await worker.stop();
      // In its own PID namespace, the worker's exit took every process of the agent with it (the
      // kernel kills the namespace when its init dies); /proc is searched only when that did not
      // happen or there is no namespace.
      const unknownNamespace = target.kind === 'pidns' && !target.namespace;
      const killed =
        (spec.namespaces && exited) || unknownNamespace ? 0 : await killAgentProcesses(target);
      dirty = false;
      return killed;
    },
    async handOver(dir) {
      if (!user || !privileged) return;
      await mustRun(privileged, [
        'chown',
        '-R',
        '--no-dereference',
        `${user.uid}:${user.gid}`,
        dir,
      ]);
    },
    async removeTree(dir) {
      await removeTree(dir, privileged);
    },
    async close() {
      await sandbox.quiesce().catch(() => undefined);
      await restoreOwnership(opts.root, user, privileged);
      await removeRunDirs(dirs, privileged);
      if (agent && privileged && isRunUser(agent.name))
        await removeRunUser(agent.name, agent.uid, privileged, privilege === 'sudo');
    },
  };
  return sandbox;
}

function isWorkspaceTool(name: string): boolean {
  return name === 'shell' || name === 'apply_patch' || name === 'read_file' || name === 'search';
}

/** The PID namespace of the worker's init (the child of unshare). */
async function namespaceOf(outerPid: number): Promise<string> {
  const tasks = await readdir(`/proc/${outerPid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${outerPid}/task/${task}/children`, 'utf8').catch(
      () => '',
    );
    for (const child of children.trim().split(/\s+/).filter(Boolean)) {
      const ns = await readlink(`/proc/${child}/ns/pid`).catch(() => '');
      if (ns) return ns;
    }
  }
  return '';
}

/** Self-hosted runners: what the agent created goes back to the Action's user after the run. */
async function restoreOwnership(
  root: string,
  user: { uid: number; gid: number } | undefined,
  privileged: Privileged | undefined,
): Promise<void> {
  if (!user || !privileged) return;
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  await privileged([
    'find',
    root,
    '-path',
    path.join(root, '.git'),
    '-prune',
    '-o',
    '(',
    '-user',
    String(user.uid),
    '-o',
    '-group',
    String(user.gid),
    ')',
    '-exec',
    'chown',
    '--no-dereference',
    `${uid}:${gid}`,
    '{}',
    '+',
  ]);
}

async function mustRun(privileged: Privileged, argv: string[]): Promise<void> {
  const result = await privileged(argv);
  if (result.exitCode !== 0)
    throw new Error(`${argv[0]} failed (exit ${result.exitCode}): ${result.output.trim()}`);
}
