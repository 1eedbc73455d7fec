// The few facts of each build manifest that tell a model how to build and test the project:
// package.json name and scripts, pytest settings, Cargo and Go module names, Makefile targets,
// plus the names of other build/test/CI configuration files. Line-based on purpose: a repository
// map must not fail on a manifest it cannot parse.

import type { TreeFile } from './repo-map.js';

const MAX_SCRIPTS = 20;
const MAX_VALUE_CHARS = 100;
const MAX_SECTION_LINES = 8;
const MAX_MAKE_TARGETS = 30;
const MAX_NESTED = 15;
const MAX_OTHER = 20;

const OTHER_CONFIG = [
  /^(pytest|tox|setup)\.(ini|cfg)$/,
  /^noxfile\.py$/,
  /^setup\.py$/,
  /^requirements[^/]*\.txt$/,
  /^(jest|vitest|vite|karma|playwright|cypress|mocha)\.config\.[a-z]+$/,
  /^\.mocharc\.[a-z]+$/,
  /^tsconfig[^/]*\.json$/,
  /^(CMakeLists\.txt|build\.gradle(\.kts)?|pom\.xml|Gemfile|Rakefile|composer\.json|mix\.exs|deno\.jsonc?|justfile|Justfile|Taskfile\.ya?ml)$/,
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
];
const NESTED_MANIFEST = /(^|\/)(package\.json|pyproject\.toml|Cargo\.toml|go\.mod)$/;

type Reader = (path: string) => Promise<string | undefined>;

export async function describeManifests(files: TreeFile[], read: Reader): Promise<string[]> {
  const lines: string[] = [];
  lines.push(...packageJson(await read('package.json')));
  lines.push(...pyproject(await read('pyproject.toml')));
  lines.push(...iniSection('setup.cfg', await read('setup.cfg'), /^\[tool:pytest\]$/));
  lines.push(...iniSection('pytest.ini', await read('pytest.ini'), /^\[pytest\]$/));
  lines.push(...cargo(await read('Cargo.toml')));
  lines.push(...goMod(await read('go.mod')));
  for (const name of ['Makefile', 'makefile', 'GNUmakefile']) {
    lines.push(...makeTargets(name, await read(name)));
  }
  const nested = files
    .map((f) => f.path)
    .filter((p) => p.includes('/') && NESTED_MANIFEST.test(p) && !p.includes('node_modules/'));
  if (nested.length) {
    const more = nested.length > MAX_NESTED ? `, … ${nested.length - MAX_NESTED} more` : '';
    lines.push(`  nested manifests: ${nested.slice(0, MAX_NESTED).join(', ')}${more}`);
  }
  const other = files.map((f) => f.path).filter((p) => OTHER_CONFIG.some((re) => re.test(p)));
  if (other.length) {
    const more = other.length > MAX_OTHER ? `, … ${other.length - MAX_OTHER} more` : '';
    lines.push(`  other config: ${other.slice(0, MAX_OTHER).join(', ')}${more}`);
  }
  return lines.length ? lines : ['  (no build manifest found at the root)'];
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_VALUE_CHARS ? flat : `${flat.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

function packageJson(text: string | undefined): string[] {
  if (text === undefined) return [];
  let pkg: { name?: unknown; type?: unknown; workspaces?: unknown; scripts?: unknown };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return ['  package.json (not valid JSON)'];
  }
  const facts = [typeof pkg.name === 'string' ? `name ${clip(pkg.name)}` : 'no name'];
  if (typeof pkg.type === 'string') facts.push(`type ${clip(pkg.type)}`);
  if (Array.isArray(pkg.workspaces)) facts.push(`workspaces ${clip(pkg.workspaces.join(', '))}`);
  const lines = [`  package.json: ${facts.join('; ')}`];
  if (pkg.scripts && typeof pkg.scripts === 'object') {
    const scripts = Object.entries(pkg.scripts as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    for (const [name, command] of scripts.slice(0, MAX_SCRIPTS)) {
      lines.push(`    npm run ${name}: ${clip(command)}`);
    }
    if (scripts.length > MAX_SCRIPTS)
      lines.push(`    … ${scripts.length - MAX_SCRIPTS} more scripts`);
  }
  return lines;
}

/** Key lines of the TOML/INI sections whose header matches. */
function sectionLines(text: string, header: RegExp): string[] {
  const out: string[] = [];
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inside = header.test(line);
      continue;
    }
    if (inside && line && !line.startsWith('#') && !line.startsWith(';')) out.push(clip(line));
  }
  return out;
}

function withCap(lines: string[]): string[] {
  const shown = lines.slice(0, MAX_SECTION_LINES).map((l) => `    ${l}`);
  if (lines.length > MAX_SECTION_LINES)
    shown.push(`    … ${lines.length - MAX_SECTION_LINES} more lines`);
  return shown;
}

function tomlString(lines: string[], key: string): string | undefined {
  for (const line of lines) {
    const m = new RegExp(`^${key}\\s*=\\s*["']([^"']*)["']`).exec(line);
    if (m) return m[1];
  }
  return undefined;
}

function pyproject(text: string | undefined): string[] {
  if (text === undefined) return [];
  const name =
    tomlString(sectionLines(text, /^\[project\]$/), 'name') ??
    tomlString(sectionLines(text, /^\[tool\.poetry\]$/), 'name');
  const lines = [`  pyproject.toml: ${name ? `name ${clip(name)}` : 'no project name'}`];
  const pytest = sectionLines(text, /^\[tool\.pytest\.ini_options\]$/);
  if (pytest.length) lines.push('    [tool.pytest.ini_options]', ...withCap(pytest));
  return lines;
}

function iniSection(file: string, text: string | undefined, header: RegExp): string[] {
  if (text === undefined) return [];
  const lines = sectionLines(text, header);
  return lines.length ? [`  ${file} pytest settings:`, ...withCap(lines)] : [];
}

function cargo(text: string | undefined): string[] {
  if (text === undefined) return [];
  const name = tomlString(sectionLines(text, /^\[package\]$/), 'name');
  const members = sectionLines(text, /^\[workspace\]$/).find((l) => l.startsWith('members'));
  const facts = [name ? `package ${clip(name)}` : 'no package name'];
  if (members) facts.push(clip(members));
  return [`  Cargo.toml: ${facts.join('; ')}`];
}

function goMod(text: string | undefined): string[] {
  if (text === undefined) return [];
  const module = /^module\s+(\S+)/m.exec(text)?.[1];
  const go = /^go\s+(\S+)/m.exec(text)?.[1];
  return [`  go.mod: module ${clip(module ?? '?')}${go ? `; go ${go}` : ''}`];
}

function makeTargets(file: string, text: string | undefined): string[] {
  if (text === undefined) return [];
  const targets = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    // A rule line: "a b: deps" — not a recipe (tab), not a variable (:=, ::=), not a special target.
    const m = /^([A-Za-z0-9_][A-Za-z0-9_./ -]*?)\s*::?(?![:=])/.exec(line);
    if (!m?.[1]) continue;
    for (const target of m[1].split(/\s+/)) {
      if (target && !target.includes('%')) targets.add(target);
    }
  }
  const list = [...targets];
  const more = list.length > MAX_MAKE_TARGETS ? `, … ${list.length - MAX_MAKE_TARGETS} more` : '';
  return list.length
    ? [`  ${file} targets: ${list.slice(0, MAX_MAKE_TARGETS).join(', ')}${more}`]
    : [];
}
