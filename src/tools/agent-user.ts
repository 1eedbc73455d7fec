// A separate unprivileged user for the commands the model runs. An allow-listed environment is not
// enough: a child running as the Action's own user can read /proc/<parent>/environ and anything the
// Action can. Another uid cannot. The workspace is shared by group; `.git` is not shared, so the
// agent cannot plant hooks or config that the Action's own git commands would run.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, type ExecResult } from './exec.js';

export interface AgentUser {
  uid: number;
  /** The group agent commands run with: the workspace is shared with this group. */
  gid: number;
  home: string;
  name: string;
  /** True when the Action's own process is in the shared group (it can edit what the agent wrote). */
  actionInGroup: boolean;
}

/** Groups that grant root-equivalent power; the agent is never added to them. */
const PRIVILEGED_GROUPS = new Set([
  'root',
  'sudo',
  'wheel',
  'admin',
  'adm',
  'docker',
  'lxd',
  'disk',
  'shadow',
  'kvm',
  'libvirt',
  'systemd-journal',
]);
const SETUP_TIMEOUT_MS = 120_000;

/**
 * Creates (if missing) the unprivileged user agent commands run as, and shares the workspace with
 * it by group. Returns null when this process can neither act as root nor use passwordless sudo;
 * the caller then warns that agent commands run as the Action's own user.
 */
export async function prepareAgentUser(opts: {
  name: string;
  workspace: string;
}): Promise<AgentUser | null> {
  if (!/^[a-z_][a-z0-9_-]{0,30}$/.test(opts.name)) {
    throw new Error(
      `Invalid agent user name "${opts.name}": use lower-case letters, digits, "-" and "_".`,
    );
  }
  const privileged = await privilegeRunner();
  if (!privileged) return null;
  const workspace = path.resolve(opts.workspace);

  if ((await privileged(['id', '-u', opts.name])).exitCode !== 0) {
    await must(
      privileged([
        'useradd',
        // No persistent home: every run gets a fresh one (src/sandbox/run-dirs.ts), so nothing
        // planted in one run is read by the next.
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--user-group',
        '--shell',
        '/bin/bash',
        opts.name,
      ]),
      'create the agent user',
    );
  }
  const uid = Number(
    (await must(privileged(['id', '-u', opts.name]), 'look up the agent user')).output.trim(),
  );
  const ownGid = Number(
    (await must(privileged(['id', '-g', opts.name]), 'look up the agent group')).output.trim(),
  );
  const home =
    (await must(privileged(['getent', 'passwd', opts.name]), 'look up the agent home')).output
      .trim()
      .split(':')[5] ?? `/home/${opts.name}`;

  // Share the workspace through the Action's own group when that is safe, so the Action keeps full
  // access; otherwise (root, or a group like `docker` that would hand the agent root) through the
  // agent's own group.
  const isRoot = process.getuid?.() === 0;
  const actionGid = process.getgid?.() ?? ownGid;
  const actionGroup = isRoot ? undefined : await groupName(actionGid);
  const useActionGroup =
    !isRoot && actionGroup !== undefined && !PRIVILEGED_GROUPS.has(actionGroup);
  const gid = useActionGroup ? actionGid : ownGid;
  if (useActionGroup)
    await must(
      privileged(['usermod', '--append', '--groups', String(gid), opts.name]),
      'add the agent user to the shared group',
    );

  await shareWorkspace(workspace, gid, privileged);
  await allowTraversal(workspace, privileged);

  return { uid, gid, home, name: opts.name, actionInGroup: isRoot || useActionGroup };
}

/** Removes the user and its home (tests, or a cleanup step). */
export async function removeAgentUser(name: string): Promise<void> {
  const privileged = await privilegeRunner();
  if (!privileged) return;
  await privileged(['userdel', '--remove', name]);
}

type Privileged = (argv: string[]) => Promise<ExecResult>;

async function privilegeRunner(): Promise<Privileged | null> {
  const run = (argv: string[]) => runCommand(argv, { cwd: '/', timeoutMs: SETUP_TIMEOUT_MS });
  if (process.getuid?.() === 0) return run;
  const sudo = await run(['sudo', '-n', 'true']);
  return sudo.exitCode === 0 ? (argv) => run(['sudo', '-n', '--', ...argv]) : null;
}

async function must(pending: Promise<ExecResult>, what: string): Promise<ExecResult> {
  const result = await pending;
  if (result.exitCode !== 0) {
    throw new Error(
      `Could not ${what} (exit ${result.exitCode ?? result.signal}): ${result.output.trim()}`,
    );
  }
  return result;
}

/** Group-owns and group-writes the workspace (setgid directories, so new files stay shared), except `.git`. */
async function shareWorkspace(
  workspace: string,
  gid: number,
  privileged: Privileged,
): Promise<void> {
  const outsideGit = [workspace, '-path', path.join(workspace, '.git'), '-prune', '-o'];
  await must(
    privileged(['find', ...outsideGit, '-exec', 'chgrp', '-h', String(gid), '{}', '+']),
    'share the workspace with the agent group',
  );
  await must(
    privileged(['find', ...outsideGit, '-type', 'd', '-exec', 'chmod', 'g+rwxs', '{}', '+']),
    'make workspace directories group-writable',
  );
  await must(
    privileged(['find', ...outsideGit, '-type', 'f', '-exec', 'chmod', 'g+rw', '{}', '+']),
    'make workspace files group-writable',
  );
}

/** The agent must be able to reach the workspace: add o+x (traverse, not list) where a parent lacks it. */
async function allowTraversal(workspace: string, privileged: Privileged): Promise<void> {
  // Bounded by the path depth.
  for (let current = path.dirname(workspace); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0)
      await must(privileged(['chmod', 'o+x', current]), `let the agent user reach ${current}`);
    if (path.dirname(current) === current) break;
  }
}

async function groupName(gid: number): Promise<string | undefined> {
  const result = await runCommand(['getent', 'group', String(gid)], {
    cwd: '/',
    timeoutMs: SETUP_TIMEOUT_MS,
  });
  return result.exitCode === 0 ? result.output.split(':')[0] : undefined;
}
