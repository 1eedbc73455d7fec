// A compact map of the repository for the model's stable prompt prefix: how big it is, how it is
// laid out, how it is built and tested, where the tests live, and which files are large. Built
// from the committed tree at HEAD only, sorted by code unit, so the same commit gives the same
// bytes (prompt-cache stability), and never longer than the byte budget it is given.

import type { Git } from './git.js';
import { readText } from './diffs.js';
import { describeManifests } from './repo-manifests.js';

export interface TreeFile {
  path: string;
  size: number;
}

const MAX_TOP_LEVEL = 40;
const MAX_CHILDREN = 8;
const MAX_TEST_DIRS = 12;
const MAX_LARGEST = 8;

export async function buildRepoMap(git: Git, maxBytes: number): Promise<string> {
  const files = await listTree(git);
  const read = (path: string) =>
    files.some((f) => f.path === path) ? readText(git, 'HEAD', path) : Promise.resolve(undefined);
  const lines = [
    `Repository map: ${files.length} files tracked at HEAD (${formatSize(sum(files))}).`,
    '',
    'Layout:',
    ...layoutLines(files),
    '',
    'Build and test configuration:',
    ...(await describeManifests(files, read)),
    '',
    'Tests:',
    ...testLines(files),
    '',
    'Largest files:',
    ...largestLines(files),
  ];
  return fitLines(lines, maxBytes);
}

export async function listTree(git: Git): Promise<TreeFile[]> {
  const out = await git.text(['ls-tree', '-r', '-l', '-z', '--full-tree', 'HEAD']);
  const files: TreeFile[] = [];
  for (const entry of out.split('\0')) {
    // "<mode> <type> <object> <size>\t<path>"; submodules (type commit) have size "-".
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, , size] = entry.slice(0, tab).split(/\s+/);
    if (type !== 'blob') continue;
    files.push({ path: entry.slice(tab + 1), size: Number(size) || 0 });
  }
  return files.sort((a, b) => compare(a.path, b.path));
}

function layoutLines(files: TreeFile[]): string[] {
  const top = groupBy(files, (f) => f.path.split('/')[0] ?? f.path);
  const dirs = [...top.entries()].filter(([name, group]) => isDir(name, group));
  const rootFiles = files.filter((f) => !f.path.includes('/')).map((f) => f.path);
  const entries: string[][] = [];
  for (const [name, group] of dirs) {
    const block = [`  ${name}/ (${plural(group.length, 'file')})`];
    const children = groupBy(
      group.filter((f) => f.path.split('/').length > 2),
      (f) => f.path.split('/')[1] ?? '',
    );
    const childList = [...children.entries()];
    for (const [child, childFiles] of childList.slice(0, MAX_CHILDREN)) {
      block.push(`    ${child}/ (${childFiles.length})`);
    }
    if (childList.length > MAX_CHILDREN) {
      block.push(`    … ${childList.length - MAX_CHILDREN} more directories`);
    }
    entries.push(block);
  }
  for (const name of rootFiles) entries.push([`  ${name}`]);
  const shown = entries.slice(0, MAX_TOP_LEVEL).flat();
  if (entries.length > MAX_TOP_LEVEL)
    shown.push(`  … ${entries.length - MAX_TOP_LEVEL} more entries`);
  return shown.length ? shown : ['  (no files)'];
}

const TEST_DIR_NAMES = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'testing']);

/** The pattern a test file follows (`*.test.ts`, `test_*.py`), or undefined for other files. */
export function testPattern(path: string): string | undefined {
  const name = path.split('/').pop() ?? path;
  let m = /\.(test|spec)\.([A-Za-z0-9]+)$/.exec(name);
  if (m) return `*.${m[1]}.${m[2]}`;
  if (/^test_.*\.py$/.test(name)) return 'test_*.py';
  m = /_(test|spec)\.([A-Za-z0-9]+)$/.exec(name);
  if (m) return `*_${m[1]}.${m[2]}`;
  m = /[a-z0-9](Tests?|Spec)\.(java|kt|scala|cs|swift|php)$/.exec(name);
  if (m) return `*${m[1]}.${m[2]}`;
  return undefined;
}

function testLines(files: TreeFile[]): string[] {
  const dirCounts = new Map<string, number>();
  for (const file of files) {
    const parts = file.path.split('/');
    // The outermost test directory on the path, so tests/unit/x and tests/e2e/y count as tests/.
    const at = parts.slice(0, -1).findIndex((p) => TEST_DIR_NAMES.has(p.toLowerCase()));
    if (at < 0) continue;
    const dir = `${parts.slice(0, at + 1).join('/')}/`;
    dirCounts.set(dir, (dirCounts.get(dir) ?? 0) + 1);
  }
  const patterns = new Map<string, number>();
  for (const file of files) {
    const pattern = testPattern(file.path);
    if (pattern) patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
  }
  const lines: string[] = [];
  const dirs = [...dirCounts.entries()].sort((a, b) => compare(a[0], b[0]));
  for (const [dir, count] of dirs.slice(0, MAX_TEST_DIRS)) {
    lines.push(`  ${dir} (${plural(count, 'file')})`);
  }
  if (dirs.length > MAX_TEST_DIRS)
    lines.push(`  … ${dirs.length - MAX_TEST_DIRS} more test directories`);
  const byCount = [...patterns.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  if (byCount.length) {
    lines.push(`  test files: ${byCount.map(([p, n]) => `${p} (${n})`).join(', ')}`);
  }
  return lines.length ? lines : ['  (no test directories or test files found)'];
}

function largestLines(files: TreeFile[]): string[] {
  const largest = [...files]
    .sort((a, b) => b.size - a.size || compare(a.path, b.path))
    .slice(0, MAX_LARGEST);
  return largest.length
    ? largest.map((f) => `  ${f.path} (${formatSize(f.size)})`)
    : ['  (no files)'];
}

/** Joins lines, dropping whole lines from the end (with a marker) until the text fits. */
export function fitLines(lines: string[], maxBytes: number): string {
  const text = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const marker = '… (repository map truncated)\n';
  let budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  if (budget < 0) return '';
  let out = '';
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (size > budget) break;
    out += `${line}\n`;
    budget -= size;
  }
  return out + marker;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Code-unit order: unlike localeCompare it does not depend on the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function isDir(name: string, group: TreeFile[]): boolean {
  return group.some((f) => f.path !== name);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sum(files: TreeFile[]): number {
  return files.reduce((total, f) => total + f.size, 0);
}
