// How does this repository test itself? Reads the manifests a maintainer would look at
// (package.json scripts, pyproject/pytest/tox, go.mod, Cargo.toml, Makefile targets) and proposes
// verifiers plus the workflow steps that install what they need. Pure: files in, proposal out.
import { parse as parseToml } from 'smol-toml';
import type { RepoFiles } from './repo-files.js';

export interface ProposedVerifier {
  name: string;
  run: string;
}

/** One workflow step, as it will be written under `steps:`. */
export interface SetupStep {
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
}

export interface Detection {
  /** What was recognised, for the summary: "Node (npm)", "Python (pip)", "Go", … */
  stacks: string[];
  verifiers: ProposedVerifier[];
  setup: SetupStep[];
  /** Files that configure a verifier: the agent must not make a test pass by editing them. */
  protectedPaths: string[];
  notes: string[];
}

export function detect(files: RepoFiles): Detection {
  const d: Detection = { stacks: [], verifiers: [], setup: [], protectedPaths: [], notes: [] };
  node(files, d);
  python(files, d);
  go(files, d);
  rust(files, d);
  make(files, d);
  const taken = new Set<string>();
  d.verifiers = d.verifiers.map((v) => {
    let name = v.name;
    for (let n = 2; taken.has(name); n++) name = `${v.name}-${n}`;
    taken.add(name);
    return { ...v, name };
  });
  if (d.verifiers.length === 0)
    d.notes.push(
      'No test command was found. Add one under verify: in .github/goal.yml before starting a goal.',
    );
  return d;
}

const has = (f: RepoFiles, name: string) => f.top.includes(name);
const firstOf = (f: RepoFiles, names: string[]) => names.find((n) => has(f, n));
const configFiles = (f: RepoFiles, pattern: RegExp) => f.top.filter((n) => pattern.test(n));

// ------------------------------------------------------------------------------------ Node

const NPM_PLACEHOLDER_TEST = /no test specified/;

function node(f: RepoFiles, d: Detection): void {
  const text = f.read('package.json');
  if (text === undefined) return;
  let pkg: { scripts?: Record<string, unknown>; packageManager?: unknown };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    d.notes.push('package.json is not valid JSON; its scripts were not read.');
    return;
  }
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : '';
  const pm =
    declared && ['npm', 'pnpm', 'yarn', 'bun'].includes(declared)
      ? declared
      : has(f, 'pnpm-lock.yaml')
        ? 'pnpm'
        : has(f, 'yarn.lock')
          ? 'yarn'
          : has(f, 'bun.lock') || has(f, 'bun.lockb')
            ? 'bun'
            : 'npm';
  const lockfile = {
    npm: firstOf(f, ['package-lock.json', 'npm-shrinkwrap.json']),
    pnpm: firstOf(f, ['pnpm-lock.yaml']),
    yarn: firstOf(f, ['yarn.lock']),
    bun: firstOf(f, ['bun.lock', 'bun.lockb']),
  }[pm as 'npm'];
  d.stacks.push(`Node (${pm})`);

  if (pm === 'pnpm')
    d.setup.push({
      uses: 'pnpm/action-setup@v4',
      ...(declared === 'pnpm' ? {} : { with: { version: '10' } }),
    });
  if (pm === 'bun') d.setup.push({ uses: 'oven-sh/setup-bun@v2' });
  const versionFile = firstOf(f, ['.nvmrc', '.node-version']);
  d.setup.push({
    uses: 'actions/setup-node@v4',
    with: {
      ...(versionFile ? { 'node-version-file': versionFile } : { 'node-version': 'lts/*' }),
      // setup-node's cache fails without a lockfile to key it on.
      ...(lockfile && pm !== 'bun' ? { cache: pm } : {}),
    },
  });
  const install = {
    npm: lockfile ? 'npm ci' : 'npm install',
    pnpm: lockfile ? 'pnpm install --frozen-lockfile' : 'pnpm install',
    yarn: has(f, '.yarnrc.yml') ? 'yarn install --immutable' : 'yarn install --frozen-lockfile',
    bun: lockfile ? 'bun install --frozen-lockfile' : 'bun install',
  }[pm as 'npm'];
  d.setup.push({ run: install });
  if (!lockfile) d.notes.push(`No lockfile: the workflow installs with \`${install}\`.`);

  const scripts = Object.fromEntries(
    Object.entries(pkg.scripts ?? {}).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  const runScript = (name: string) =>
    name === 'test' && pm !== 'bun'
      ? `${pm} test`
      : pm === 'yarn'
        ? `yarn ${name}`
        : `${pm} run ${name}`;
  const typecheck = ['typecheck', 'type-check', 'check-types', 'tsc'].find((s) => scripts[s]);
  if (typecheck) d.verifiers.push({ name: 'typecheck', run: runScript(typecheck) });
  if (scripts.lint) d.verifiers.push({ name: 'lint', run: runScript('lint') });
  if (scripts.test && !NPM_PLACEHOLDER_TEST.test(scripts.test))
    d.verifiers.push({ name: 'test', run: runScript('test') });
  else if (scripts.test)
    d.notes.push('package.json\'s "test" script is npm\'s placeholder; it was skipped.');
  d.protectedPaths.push(
    ...configFiles(f, /^(vitest|jest|playwright|mocha)\.config\.[cm]?[jt]s$|^\.mocharc/),
  );
}

// ---------------------------------------------------------------------------------- Python

type Toml = Record<string, unknown>;

function python(f: RepoFiles, d: Detection): void {
  const markers = [
    'pyproject.toml',
    'setup.py',
    'setup.cfg',
    'requirements.txt',
    'tox.ini',
    'pytest.ini',
    'Pipfile',
  ];
  if (!markers.some((m) => has(f, m))) return;
  let pyproject: Toml = {};
  const pyText = f.read('pyproject.toml');
  if (pyText !== undefined) {
    try {
      pyproject = parseToml(pyText) as Toml;
    } catch {
      d.notes.push('pyproject.toml could not be parsed as TOML; it was only partly used.');
    }
  }
  const tool = (pyproject.tool ?? {}) as Toml;
  const project = (pyproject.project ?? {}) as Toml;
  const setupCfg = f.read('setup.cfg') ?? '';
  const toxIni = f.read('tox.ini') ?? '';
  const requirements = [
    'requirements.txt',
    'requirements-dev.txt',
    'requirements-test.txt',
    'dev-requirements.txt',
    'test-requirements.txt',
    'requirements/dev.txt',
    'requirements/test.txt',
  ].filter((r) => f.read(r) !== undefined);
  const extras = Object.keys((project['optional-dependencies'] ?? {}) as Toml);
  const groups = Object.keys((pyproject['dependency-groups'] ?? {}) as Toml);
  const poetry = (tool.poetry ?? {}) as Toml;
  // Declared packages only: a [tool.ruff] section is configuration, not an installed ruff.
  const depsText = [
    JSON.stringify([
      project.dependencies,
      project['optional-dependencies'],
      pyproject['dependency-groups'],
      poetry.dependencies,
      poetry['dev-dependencies'],
      poetry.group,
    ]),
    setupCfg.replace(/^\[tool:pytest\][^[]*/m, ''),
    f.read('setup.py') ?? '',
    ...requirements.map((r) => f.read(r) ?? ''),
  ].join('\n');
  const mentions = (pkg: string) =>
    new RegExp(`(^|["'\\s,;[])${pkg}([<>=!~\\s"',;\\][]|$)`, 'm').test(depsText);

  const manager = has(f, 'uv.lock')
    ? 'uv'
    : has(f, 'poetry.lock') || tool.poetry
      ? 'poetry'
      : 'pip';
  d.stacks.push(`Python (${manager})`);
  const prefix = manager === 'uv' ? 'uv run ' : manager === 'poetry' ? 'poetry run ' : '';

  const pytestConfigured =
    tool.pytest !== undefined ||
    has(f, 'pytest.ini') ||
    has(f, 'conftest.py') ||
    /^\[tool:pytest\]/m.test(setupCfg) ||
    /^\[(tool:)?pytest\]/m.test(toxIni) ||
    mentions('pytest') ||
    f.isDir('tests') ||
    f.top.some((n) => /^test_.*\.py$/.test(n));
  const tox = has(f, 'tox.ini') && !pytestConfigured;
  const ruff = tool.ruff !== undefined || has(f, 'ruff.toml') || has(f, '.ruff.toml');

  const versionFile = firstOf(f, ['.python-version']);
  if (manager === 'poetry') d.setup.push({ run: 'pipx install poetry' });
  const cachePath = requirements[0] ?? (pyText !== undefined ? 'pyproject.toml' : undefined);
  d.setup.push({
    uses: 'actions/setup-python@v5',
    with: {
      ...(versionFile ? { 'python-version-file': versionFile } : { 'python-version': '3.x' }),
      ...(manager === 'pip' && cachePath
        ? { cache: 'pip', 'cache-dependency-path': cachePath }
        : {}),
      ...(manager === 'poetry' ? { cache: 'poetry' } : {}),
    },
  });
  const installable =
    (pyText !== undefined &&
      (project.name !== undefined || pyproject['build-system'] !== undefined)) ||
    has(f, 'setup.py');
  if (manager === 'uv') {
    d.setup.push({ uses: 'astral-sh/setup-uv@v6' });
    d.setup.push({ run: 'uv sync --all-extras' });
  } else if (manager === 'poetry') {
    d.setup.push({ run: 'poetry install --all-extras' });
  } else {
    const lines = ['python -m pip install --upgrade pip'];
    for (const r of requirements) lines.push(`pip install -r ${r}`);
    const wanted = extras.filter((e) => ['test', 'tests', 'testing', 'dev'].includes(e));
    if (installable)
      lines.push(wanted.length ? `pip install -e ".[${wanted.join(',')}]"` : 'pip install -e .');
    if (groups.some((g) => ['test', 'dev'].includes(g)))
      lines.push(`pip install --group ${groups.includes('test') ? 'test' : 'dev'}`);
    const tools = [
      ...(pytestConfigured && !mentions('pytest') ? ['pytest'] : []),
      ...(tox && !mentions('tox') ? ['tox'] : []),
      ...(ruff && !mentions('ruff') ? ['ruff'] : []),
    ];
    if (tools.length) lines.push(`pip install ${tools.join(' ')}`);
    d.setup.push({ run: lines.join('\n') });
  }
  if (ruff) d.verifiers.push({ name: 'lint', run: `${prefix}ruff check .` });
  if (pytestConfigured) d.verifiers.push({ name: 'test', run: `${prefix}python -m pytest` });
  else if (tox) d.verifiers.push({ name: 'test', run: 'tox' });
  else
    d.notes.push(
      'No pytest or tox configuration was found; add your Python test command to .github/goal.yml.',
    );
  d.protectedPaths.push(
    ...configFiles(f, /^(pytest\.ini|tox\.ini|conftest\.py|ruff\.toml|\.ruff\.toml)$/),
  );
}

// -------------------------------------------------------------------------------- Go, Rust

function go(f: RepoFiles, d: Detection): void {
  if (!has(f, 'go.mod')) return;
  d.stacks.push('Go');
  d.setup.push({ uses: 'actions/setup-go@v5', with: { 'go-version-file': 'go.mod' } });
  d.verifiers.push({ name: 'vet', run: 'go vet ./...' }, { name: 'go-test', run: 'go test ./...' });
}

function rust(f: RepoFiles, d: Detection): void {
  if (!has(f, 'Cargo.toml')) return;
  d.stacks.push('Rust');
  // GitHub-hosted runners ship rustup and stable cargo; a pinned toolchain file is installed here.
  if (has(f, 'rust-toolchain.toml') || has(f, 'rust-toolchain'))
    d.setup.push({ run: 'rustup toolchain install' });
  d.setup.push({ uses: 'Swatinem/rust-cache@v2' });
  d.verifiers.push({ name: 'cargo-test', run: 'cargo test --all-targets' });
}

// --------------------------------------------------------------------------------- Makefile

function make(f: RepoFiles, d: Detection): void {
  const text = f.read('Makefile') ?? f.read('makefile') ?? f.read('GNUmakefile');
  if (text === undefined) return;
  const targets = new Set([...text.matchAll(/^([A-Za-z0-9][\w.-]*)\s*:(?!=)/gm)].map((m) => m[1]!));
  const found = ['test', 'check', 'lint'].filter((t) => targets.has(t));
  if (found.length === 0) return;
  d.stacks.push('Make');
  const hasTest = d.verifiers.some((v) => /test/.test(v.name));
  if (!hasTest) {
    const target = targets.has('test') ? 'test' : found[0]!;
    d.verifiers.push({ name: `make-${target}`, run: `make ${target}` });
  } else {
    d.notes.push(
      `The Makefile has ${found.map((t) => `\`make ${t}\``).join(', ')}; add it to verify: if it checks more than the commands above.`,
    );
  }
}
