// What a verifier command depends on: the package.json scripts it calls (`npm test`, `yarn lint`,
// `pnpm run bench`, and the scripts those call), build files (`make`, `tox`, `just`, …) and script
// files it names (`./scripts/check.sh`, `python tools/measure.py`). Pure: shell words are split
// the simple way, which is enough to see what a verifier would run.

export interface VerifierDependencies {
  /** package.json script names, including the ones they call and their pre/post hooks. */
  scripts: Set<string>;
  /** Files named on the command line (normalised, without `./`). */
  files: Set<string>;
  /** Build tools used (`make`, `tox`, `nox`, `just`, `task`). */
  tools: Set<string>;
}

/** Options of npm/yarn/pnpm that take a value, so the value is not read as a script name. */
const OPTIONS_WITH_VALUE = new Set([
  '--prefix',
  '-C',
  '--dir',
  '-w',
  '--workspace',
  '--filter',
  '-F',
  '--cwd',
  '--loglevel',
]);
const YARN_PNPM_BUILTINS = new Set([
  'install',
  'i',
  'add',
  'remove',
  'rm',
  'exec',
  'dlx',
  'why',
  'global',
  'upgrade',
  'up',
  'update',
  'info',
  'config',
  'cache',
  'set',
  'node',
  'create',
  'init',
  'link',
  'unlink',
  'pack',
  'publish',
  'version',
  'plugin',
  'constraints',
  'dedupe',
  'explain',
  'npm',
  'list',
  'ls',
  'outdated',
  'audit',
  'store',
  'import',
  'rebuild',
  'prune',
  'workspaces',
  'recursive',
  'licenses',
  'patch',
  'bin',
]);
const NPM_LIFECYCLE: Record<string, string> = {
  test: 'test',
  t: 'test',
  tst: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
};
const BUILD_TOOLS: Record<string, string> = {
  make: 'make',
  gmake: 'make',
  tox: 'tox',
  nox: 'nox',
  just: 'just',
  task: 'task',
};
const SCRIPT_FILE = /\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|mts|cts|rb|pl|ps1|php|lua)$/;

function words(segment: string): string[] {
  return segment
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''))
    .filter((w) => w !== '');
}

/** Non-option words after the program, skipping options and the values of value-taking options. */
function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) i += 1;
      continue;
    }
    out.push(arg);
  }
  return out;
}

function scriptCalled(program: string, args: string[]): string | undefined {
  const pos = positional(args);
  const [first, second] = pos;
  if (!first) return undefined; // bare `yarn` installs
  if (first === 'run' || first === 'run-script' || first === 'rum' || first === 'urn')
    return second;
  if (program === 'npm') return NPM_LIFECYCLE[first];
  if (program === 'bun') return undefined; // `bun test` is bun's own runner, not a script
  if (first === 'workspace') return pos[2]; // yarn workspace <pkg> <script>
  if (NPM_LIFECYCLE[first]) return NPM_LIFECYCLE[first];
  return YARN_PNPM_BUILTINS.has(first) ? undefined : first;
}

function normaliseFile(word: string): string | undefined {
  if (word.startsWith('-') || word.includes('=') || word.includes('$')) return undefined;
  const path = word.replace(/^\.\//, '');
  if (path === '' || path.startsWith('/') || path.includes('...')) return undefined;
  return path.includes('/') || SCRIPT_FILE.test(path) ? path : undefined;
}

/** One shell command line: the scripts, tools and files it invokes directly. */
export function parseCommand(command: string, into?: VerifierDependencies): VerifierDependencies {
  const deps = into ?? {
    scripts: new Set<string>(),
    files: new Set<string>(),
    tools: new Set<string>(),
  };
  for (const segment of command.split(/&&|\|\||[;|\n]|\$\(|`/)) {
    const all = words(segment);
    // Leading VAR=value assignments and wrappers do not change what runs.
    while (
      all.length > 0 &&
      (/^\w+=/.test(all[0]!) || ['env', 'time', 'exec', 'npx', 'sudo'].includes(all[0]!))
    )
      all.shift();
    const [program, ...args] = all;
    if (!program) continue;
    const name = program.replace(/^.*\//, '');
    if (name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun') {
      const script = scriptCalled(name, args);
      if (script) deps.scripts.add(script);
    }
    if (BUILD_TOOLS[name]) deps.tools.add(BUILD_TOOLS[name]);
    for (const word of [program, ...args]) {
      const file = normaliseFile(word);
      if (file) deps.files.add(file);
    }
  }
  return deps;
}

/** Everything a verifier command reaches, following package.json scripts (bounded). */
export function verifierDependencies(
  command: string,
  scripts: Record<string, string> | undefined,
): VerifierDependencies {
  const deps = parseCommand(command);
  const seen = new Set<string>();
  const queue = [...deps.scripts];
  for (let guard = 0; queue.length > 0 && guard < 200; guard++) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    deps.scripts.add(name);
    for (const hook of [`pre${name}`, `post${name}`])
      if (scripts?.[hook] !== undefined) queue.push(hook);
    const body = scripts?.[name];
    if (body === undefined) continue;
    const before = new Set(deps.scripts);
    parseCommand(body, deps);
    for (const found of deps.scripts) if (!before.has(found)) queue.push(found);
  }
  return deps;
}

/** The `scripts` of a package.json text; undefined when it is not valid JSON. */
export function packageScripts(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
    if (!scripts || typeof scripts !== 'object') return {};
    return Object.fromEntries(
      Object.entries(scripts).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return undefined;
  }
}
