// The npm package as a person gets it: `npm pack`, then `npx ./goal-action-*.tgz --version`, once
// with the machine's older Node (a clear message naming Node 24, no crash at import) and once with
// the project's Node 24 (the version). The tarball holds only what the CLI needs.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NODE } from '../support/actions-runner.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** PATH without the project's node_modules/.bin, so `node` is the machine's own. */
const MACHINE_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((p) => p && !p.includes('node_modules'))
  .join(delimiter);

/** The first `node` on the machine's PATH that is older than 24, if there is one. */
function olderNode(): string | undefined {
  try {
    const candidates = execFileSync('which', ['-a', 'node'], {
      encoding: 'utf8',
      env: { PATH: MACHINE_PATH },
    })
      .split('\n')
      .filter(Boolean);
    return candidates.find((bin) => {
      const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
      return Number(/^v(\d+)/.exec(version)?.[1]) < 24;
    });
  } catch {
    return undefined;
  }
}

let dir = '';
let tarball = '';
let files: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    env: { ...process.env, npm_config_cache: join(dir, 'cache') },
    timeout: 120_000,
  });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, info!.filename);
  files = info!.files.map((f) => f.path).sort();
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function npx(path: string, args: string[]) {
  // The command from the README: a relative path makes npx treat the argument as a package.
  return run('npx', ['--yes', `./${basename(tarball)}`, ...args], {
    cwd: dir,
    // Its own cache: nothing from an earlier install is reused, and nothing leaks out.
    env: {
      PATH: path,
      HOME: dir,
      npm_config_cache: join(dir, 'cache'),
      npm_config_update_notifier: 'false',
    },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

describe('the npm package', () => {
  it('contains the launcher, the CLI bundle and the docs, nothing else', () => {
    expect(files).toContain('bin/goal-action.cjs');
    expect(files).toContain('dist/cli/index.js');
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    const allowed =
      /^(bin\/goal-action\.cjs|dist\/cli\/[^/]+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('declares no runtime dependency: the bundle carries them, so npx installs one tarball', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(
      pkg.dependencies ?? {},
      'dist/ bundles every package: install new ones with npm install -D, or npx downloads them all',
    ).toEqual({});
    expect(pkg.bin['goal-action']).toBe('bin/goal-action.cjs');
  });

  const old = olderNode();
  it.skipIf(!old)(
    `under the machine's older Node (${old ?? 'none found'}): names Node 24`,
    async () => {
      const r = await npx(`${dirname(old!)}${delimiter}${MACHINE_PATH}`, ['--version']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('goal-action needs Node 24 or newer');
      expect(r.stderr).toContain('nvm install 24');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe('');
    },
  );

  it('under Node 24: prints the version', async () => {
    const r = await npx(`${dirname(ACTION_NODE)}${delimiter}${MACHINE_PATH}`, ['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('under Node 24: a usage error still exits 2 through the launcher', async () => {
    const r = await npx(`${dirname(ACTION_NODE)}${delimiter}${MACHINE_PATH}`, ['run', '--verfy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--verfy'");
  });
});
