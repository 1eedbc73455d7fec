// The shell starts once: the login environment is captured one time, and `bash -lc` commands then
// run with it without sourcing the profile again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLoginEnv, withoutLogin } from '../../src/tools/login-env.js';
import { runShellTool } from '../../src/tools/shell.js';

let home: string | undefined;
afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
  home = undefined;
});

describe('withoutLogin', () => {
  it('turns bash -lc and bash -l -c into bash -c, and leaves everything else alone', () => {
    expect(withoutLogin(['bash', '-lc', 'npm test'])).toEqual(['bash', '-c', 'npm test']);
    expect(withoutLogin(['bash', '-l', '-c', 'ls'])).toEqual(['bash', '-c', 'ls']);
    expect(withoutLogin(['bash', '-c', 'ls'])).toBeUndefined();
    expect(withoutLogin(['sh', '-lc', 'ls'])).toBeUndefined();
    expect(withoutLogin(['bash', '-lc'])).toBeUndefined();
  });
});

describe('a login environment captured once', () => {
  it('gives bash -lc commands the profile’s variables without sourcing it again', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'login-env-'));
    const count = path.join(home, 'sourced');
    await writeFile(
      path.join(home, '.profile'),
      `echo x >> ${count}\nexport GREETING=from-profile\n`,
    );
    const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const loginEnv = await captureLoginEnv(env, home);
    expect(loginEnv?.GREETING).toBe('from-profile');
    expect((await readFile(count, 'utf8')).trim().split('\n')).toHaveLength(1);

    for (let i = 0; i < 3; i++) {
      const out = await runShellTool(
        { command: ['bash', '-lc', 'echo "greeting=$GREETING"'] },
        { root: home, env, loginEnv: loginEnv! },
      );
      expect(out.output).toContain('greeting=from-profile');
    }
    // Three commands, and the profile was still sourced only by the capture.
    expect((await readFile(count, 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
