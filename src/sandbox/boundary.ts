// The isolation boundary itself: the command line that starts any agent process (the tool worker,
// a verifier run) in its own PID and mount namespaces, as the agent's uid, with no capabilities and
// no way to regain them. Inside, before privileges are dropped, the init script:
//   - mounts a fresh /proc, so the Action's processes (and their environ) are not even visible;
//   - puts an empty tmpfs over each hidden directory ($RUNNER_TEMP: file-command files, checkout's
//     credentials file, other actions' temp files);
//   - bind-mounts each read-only path onto itself read-only (the Action's `.git`): the agent can
//     read history but cannot write config, hooks, refs or objects, and cannot rename the mount;
//   - brings loopback up in a fresh network namespace when the network is off.
// PID 1 is that shell: it reaps orphans, cannot be killed from inside, and when it exits the
// kernel kills every process left in the namespace, `setsid` daemons included.

export type Privilege = 'root' | 'sudo' | 'none';

export interface BoundarySpec {
  privilege: Privilege;
  /** Namespaces available (unshare works with this privilege). */
  namespaces: boolean;
  /** Switch to this uid/gid inside (root or sudo). Absent: same uid, in a user namespace. */
  user?: { uid: number; gid: number };
  hide: string[];
  readOnly: string[];
  network: boolean;
}

/**
 * The init script. Positional arguments: uid gid net nHide hide… nRo ro… -- argv…  (uid "-" means
 * stay in the user namespace's root, with every capability dropped).
 */
const INIT = String.raw`
set -eu
uid=$1; gid=$2; net=$3; shift 3
mount -t proc -o nosuid,nodev,noexec proc /proc
n=$1; shift
while [ "$n" -gt 0 ]; do
  [ -d "$1" ] && mount -t tmpfs -o size=64k,mode=0755,nosuid,nodev,noexec tmpfs "$1"
  shift; n=$((n - 1))
done
n=$1; shift
while [ "$n" -gt 0 ]; do
  if [ -e "$1" ]; then mount --bind "$1" "$1"; mount -o remount,bind,ro,nosuid,nodev "$1"; fi
  shift; n=$((n - 1))
done
[ "$1" = "--" ] && shift
if [ "$net" = off ] && command -v ip >/dev/null 2>&1; then ip link set lo up; fi
set +e
# Group-writable files: the Action's user shares the workspace with the agent by group.
umask 002
if [ "$uid" = "-" ]; then
  setpriv --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"
else
  setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"
fi
exit $?
`;

/** argv that runs `inner` (already an absolute program plus arguments) inside the boundary. */
export function boundaryArgv(spec: BoundarySpec, inner: string[]): string[] {
  if (!spec.namespaces) return plainArgv(spec, inner);
  const unshare = ['unshare', '--pid', '--fork', '--kill-child', '--mount'];
  if (!spec.user) unshare.splice(1, 0, '--user', '--map-root-user');
  if (!spec.network) unshare.push('--net');
  const args = [
    ...unshare,
    '--',
    '/bin/sh',
    '-c',
    INIT,
    'goal-sandbox',
    spec.user ? String(spec.user.uid) : '-',
    spec.user ? String(spec.user.gid) : '-',
    spec.network ? 'on' : 'off',
    String(spec.hide.length),
    ...spec.hide,
    String(spec.readOnly.length),
    ...spec.readOnly,
    '--',
    ...inner,
  ];
  return spec.privilege === 'sudo' ? ['sudo', '-n', '--', ...args] : args;
}

/** Without namespaces: only the uid switch (and the caller's process-group and uid sweeps). */
function plainArgv(spec: BoundarySpec, inner: string[]): string[] {
  if (!spec.user) return inner;
  const drop = [
    'setpriv',
    `--reuid=${spec.user.uid}`,
    `--regid=${spec.user.gid}`,
    '--clear-groups',
    '--no-new-privs',
    '--',
    ...inner,
  ];
  return spec.privilege === 'sudo' ? ['sudo', '-n', '--', ...drop] : drop;
}

/**
 * `env -i [-C dir] NAME=value … argv`: the inner process gets exactly this environment, nothing
 * inherited, and starts in `cwd` (entered inside the boundary: the Action may not be allowed in).
 */
export function withEnv(env: Record<string, string>, argv: string[], cwd?: string): string[] {
  return [
    'env',
    '-i',
    ...(cwd ? ['-C', cwd] : []),
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    ...argv,
  ];
}
