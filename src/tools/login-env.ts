// A shell that starts once. Models send `bash -lc <script>` for every command, and a login shell
// sources the profile each time (100+ ms on a runner with a real one). The login environment is
// captured once, when the sandbox's worker starts, and `bash -lc` / `bash -l -c` commands then
// run as `bash -c` with it: the same variables, without re-sourcing anything.

import { runCommand } from './exec.js';

const CAPTURE_TIMEOUT_MS = 15_000;
/** Set by bash itself for each shell; copying them over would be wrong, not faster. */
const PER_SHELL = new Set(['_', 'PWD', 'OLDPWD', 'SHLVL', 'BASH_EXECUTION_STRING']);

/** The environment a login shell ends up with, or undefined when bash cannot give it. */
export async function captureLoginEnv(
  env: Record<string, string>,
  cwd: string,
): Promise<Record<string, string> | undefined> {
  const result = await runCommand(['bash', '-lc', 'env -0'], {
    cwd,
    env,
    timeoutMs: CAPTURE_TIMEOUT_MS,
    maxCaptureBytes: 1024 * 1024,
  });
  if (result.exitCode !== 0) return undefined;
  const captured: Record<string, string> = {};
  for (const entry of result.output.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!PER_SHELL.has(name)) captured[name] = entry.slice(eq + 1);
  }
  return captured;
}

/** `bash -lc X` / `bash -l -c X` → `bash -c X`; undefined for any other command. */
export function withoutLogin(command: string[]): string[] | undefined {
  const [program, ...rest] = command;
  if (program !== 'bash' && program !== '/bin/bash' && program !== '/usr/bin/bash')
    return undefined;
  if (rest[0] === '-lc' && rest.length >= 2) return [program, '-c', ...rest.slice(1)];
  if (rest[0] === '-l' && rest[1] === '-c' && rest.length >= 3)
    return [program, '-c', ...rest.slice(2)];
  return undefined;
}
