import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadTailBuffer, runCommand, sandboxEnv, truncateHeadTail } from '../../src/tools/exec.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tools-exec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Running, as opposed to gone or a zombie waiting for init to reap it (which already died). */
function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Polls (bounded) until the process has died: signals are delivered asynchronously. */
async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('runCommand', () => {
  it('reports the exit code and interleaves stdout and stderr', async () => {
    const result = await runCommand('echo out; echo err >&2; exit 3', {
      cwd: dir,
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
    expect(result.output).toBe('out\nerr\n');
    expect(result.totalLines).toBe(2);
  });

  it('runs an argv array directly, without a shell', async () => {
    const result = await runCommand(['echo', '$HOME; exit 9'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('$HOME; exit 9\n');
  });

  it('says why a program could not start', async () => {
    const result = await runCommand(['no-such-program-xyz'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.exitCode).toBeNull();
    expect(result.spawnError).toMatch(/ENOENT/);
  });

  it('on timeout kills the whole process group, including a backgrounded grandchild', async () => {
    const result = await runCommand('sleep 1000 & echo "child $!"; sleep 1000', {
      cwd: dir,
      timeoutMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    const grandchild = Number(/child (\d+)/.exec(result.output)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(await gone(grandchild)).toBe(true);
  });

  it('stops background processes a command leaves behind when it exits', async () => {
    const result = await runCommand('sleep 1000 & echo "child $!"', {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(0);
    const grandchild = Number(/child (\d+)/.exec(result.output)?.[1]);
    expect(await gone(grandchild)).toBe(true);
  });

  it('kills the command when the abort signal fires', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runCommand('echo started; sleep 1000', {
      cwd: dir,
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.output).toBe('started\n');
  });

  it('keeps a bounded head and tail of ~200 MB of output with an omission marker', async () => {
    const result = await runCommand(
      'head -c 200000000 /dev/zero | tr "\\0" "x" | fold -w 99; echo LAST',
      {
        cwd: dir,
        timeoutMs: 120_000,
        maxCaptureBytes: 8192,
      },
    );
    expect(result.exitCode).toBe(0);
    // fold ends every full 99-byte line with a newline; the last partial line runs into LAST.
    expect(result.totalBytes).toBe(200_000_000 + 2_020_202 + 5);
    expect(Buffer.byteLength(result.output)).toBeLessThanOrEqual(8192 + 100);
    expect(result.output).toMatch(/^x{99}\n/);
    expect(result.output).toMatch(/… omitted \d+ lines \(\d+ bytes\) …/);
    expect(result.output.endsWith('LAST\n')).toBe(true);
  });

  it('closes stdin, so a command reading it ends at once', async () => {
    const result = await runCommand('cat; echo done', { cwd: dir, timeoutMs: 30_000 });
    expect(result.timedOut).toBe(false);
    expect(result.output).toBe('done\n');
  });

  it('gives the command only the allow-listed environment, plus what the caller adds', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      GITHUB_TOKEN: 'ghs_secret',
      INPUT_OPENAI_API_KEY: 'sk-input',
      OPENAI_API_KEY: 'sk-secret',
      NODE_AUTH_TOKEN: 'npm-secret',
      LC_TEST_SETTING: 'kept',
    });
    try {
      const result = await runCommand('env', {
        cwd: dir,
        timeoutMs: 10_000,
        env: { EXTRA_VAR: 'added' },
      });
      expect(result.output).not.toMatch(/GITHUB_TOKEN|INPUT_|OPENAI|NODE_AUTH_TOKEN|secret|sk-/);
      expect(result.output).toContain('LC_TEST_SETTING=kept');
      expect(result.output).toContain('EXTRA_VAR=added');
      expect(result.output).toMatch(/^PATH=/m);
    } finally {
      process.env = saved;
    }
  });
});

describe('sandboxEnv', () => {
  it('drops credentials even under allowed prefixes, and keeps the toolchain variables', () => {
    const env = sandboxEnv({
      PATH: '/bin',
      HOME: '/home/x',
      GOPATH: '/go',
      NODE_ENV: 'test',
      NODE_OPTIONS: '--require /tmp/evil.js',
      npm_config_registry: 'https://registry.npmjs.org',
      npm_config__authToken: 'x',
      ACTIONS_RUNTIME_TOKEN: 'x',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'x',
      RUNNER_OS: 'Linux',
      AWS_SECRET_ACCESS_KEY: 'x',
      DB_PASSWORD: 'x',
      INPUT_GITHUB_TOKEN: 'x',
    });
    expect(Object.keys(env).sort()).toEqual([
      'CI',
      'GOPATH',
      'HOME',
      'NODE_ENV',
      'PATH',
      'RUNNER_OS',
      'npm_config_registry',
    ]);
  });
});

describe('head+tail truncation', () => {
  it('returns short text unchanged', () => {
    expect(truncateHeadTail('a\nb\n')).toBe('a\nb\n');
  });

  it('keeps the first and last lines within the line limit and counts the omitted ones', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n');
    const out = truncateHeadTail(text, { maxLines: 10 });
    const lines = out.split('\n');
    expect(lines[5]).toMatch(/^… omitted 990 lines \(\d+ bytes\) …$/);
    lines[5] = 'marker';
    expect(lines).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'marker',
      'line 996',
      'line 997',
      'line 998',
      'line 999',
      'line 1000',
    ]);
  });

  it('bounds bytes when lines are long, cutting at line boundaries', () => {
    const text = Array.from({ length: 50 }, (_, i) => `${i}:${'y'.repeat(1000)}`).join('\n');
    const out = truncateHeadTail(text, { maxBytes: 4096 });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(4096 + 60);
    expect(out.startsWith('0:')).toBe(true);
    expect(out.endsWith(`49:${'y'.repeat(1000)}`)).toBe(true);
    expect(out).toMatch(/\n… omitted 4\d lines/);
  });

  it('streams: memory holds only head and tail, and a single huge line is cut by bytes', () => {
    const buffer = new HeadTailBuffer({ maxBytes: 100 });
    for (let i = 0; i < 1000; i++) buffer.push('z'.repeat(1000));
    const out = buffer.toString();
    expect(buffer.totalBytes).toBe(1_000_000);
    expect(buffer.totalLines).toBe(1);
    expect(out).toBe(`${'z'.repeat(50)}\n… omitted 999900 bytes …\n${'z'.repeat(50)}`);
  });
});
