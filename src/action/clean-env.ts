// The Action's own environment block holds no token or key. Deleting keys from process.env does
// not change /proc/<pid>/environ (the block the process was started with), so the entry re-executes
// itself (same pid: the runner's signals and pipes stay) with a clean environment and receives the
// secret variables through a file only its uid can read, deleted on first read.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HANDOFF = 'GOAL_ACTION_SECRETS_FILE';
/** Variables that are, or may be, secrets: moved out of the environment block. */
const SECRET_NAME =
  /^INPUT_(OPENAI-API-KEY|GITHUB-TOKEN)$|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_KEY$|^KEY$|_AUTH|COOKIE/i;

let handedOff: Record<string, string> = {};

/** Values of the secret-looking job variables: redacted from everything the Action posts. */
export function secretValues(): string[] {
  return Object.values(handedOff).filter((value) => value.length >= 8);
}

/** A job environment variable, including the secret ones that were moved out of the environment. */
export function jobEnv(name: string): string | undefined {
  return handedOff[name] ?? process.env[name];
}

/**
 * Call first thing. Either re-executes this process without secrets in its environment (and does
 * not return), or — in the re-executed process — takes the secrets from the hand-off file. Where
 * the platform cannot re-execute, secrets are removed from process.env only (a documented gap).
 */
export function reexecWithoutSecrets(): { reexecuted: boolean } {
  const file = process.env[HANDOFF];
  if (file) {
    delete process.env[HANDOFF];
    try {
      handedOff = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } finally {
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
    return { reexecuted: true };
  }
  const secrets = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && e[1] !== '' && SECRET_NAME.test(e[0]),
    ),
  );
  for (const name of Object.keys(secrets)) delete process.env[name];
  handedOff = secrets;
  if (Object.keys(secrets).length === 0 || typeof process.execve !== 'function')
    return { reexecuted: false };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goal-action-handoff-'));
  const target = path.join(dir, 'secrets.json');
  writeFileSync(target, JSON.stringify(secrets), { mode: 0o600 });
  const env = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  env[HANDOFF] = target;
  process.execve(
    process.execPath,
    [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    env,
  );
  return { reexecuted: false }; // not reached
}
