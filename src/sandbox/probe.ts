// What this runner allows: root, passwordless sudo, or neither; and whether PID/mount namespaces
// can be made with that privilege (or, unprivileged, through a user namespace). Found by trying the
// real boundary on `true`, so what is reported is what works.

import { execa } from 'execa';
import { boundaryArgv, type BoundarySpec, type Privilege } from './boundary.js';

const PROBE_TIMEOUT_MS = 15_000;

export async function detectPrivilege(): Promise<Privilege> {
  if (process.getuid?.() === 0) return 'root';
  const sudo = await execa('sudo', ['-n', 'true'], {
    reject: false,
    // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
    cleanup: false,
    stdin: 'ignore',
    timeout: PROBE_TIMEOUT_MS,
  });
  return sudo.exitCode === 0 ? 'sudo' : 'none';
}

/** True when the boundary described by `spec` starts and runs `true` here. */
export async function namespacesWork(spec: BoundarySpec): Promise<boolean> {
  const argv = boundaryArgv({ ...spec, namespaces: true }, ['/bin/true']);
  const result = await execa(argv[0]!, argv.slice(1), {
    reject: false,
    // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
    cleanup: false,
    stdin: 'ignore',
    timeout: PROBE_TIMEOUT_MS,
  });
  return result.exitCode === 0;
}
