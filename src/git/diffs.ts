// What the goal changed: the list of changed files with their text before and after (for the
// tamper rules), and a unified diff bounded in bytes (for prompts and reports).

import type { FileChange } from '../engine/index.js';
import { GitError, type Git } from './git.js';

/** Larger files are not read into memory for the tamper rules. */
export const MAX_CONTENT_BYTES = 256 * 1024;
/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;
const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--no-color', '-M'];

export async function fileChanges(
  git: Git,
  baseSha: string,
  wantContent: (path: string) => boolean,
): Promise<FileChange[]> {
  // Line counts for the PR's list of changed files; same flags, so renames pair up the same way.
  // Both at once: each is a process, and this runs after every checkpoint.
  const [out, numstat] = await Promise.all([
    git.text(['diff', '--name-status', '-z', ...DIFF_FLAGS, baseSha, 'HEAD']),
    git.text(['diff', '--numstat', '-z', ...DIFF_FLAGS, baseSha, 'HEAD']),
  ]);
  const changes = parseNameStatus(out);
  const counts = parseNumstat(numstat);
  for (const change of changes) {
    const count = counts.get(change.path);
    if (count) Object.assign(change, count);
    if (!wantContent(change.path) && !(change.oldPath && wantContent(change.oldPath))) continue;
    if (change.status !== 'added') {
      change.before = await readText(git, baseSha, change.oldPath ?? change.path);
    }
    if (change.status !== 'deleted') change.after = await readText(git, 'HEAD', change.path);
  }
  return changes;
}

/** Parses `git diff --numstat -z`: `A\tR\tpath\0`, or `A\tR\t\0old\0new\0` for a rename. */
export function parseNumstat(out: string): Map<string, { added: number; removed: number }> {
  const counts = new Map<string, { added: number; removed: number }>();
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(parts[i]!);
    if (!m) continue;
    const path = m[3] === '' ? ((i += 2), parts[i] ?? '') : m[3]!;
    // Binary files report "-": no line counts.
    if (m[1] !== '-') counts.set(path, { added: Number(m[1]), removed: Number(m[2]) });
  }
  return counts;
}

/** Parses `git diff --name-status -z`: `M\0path\0`, `R087\0old\0new\0`. */
export function parseNameStatus(out: string): FileChange[] {
  const tokens = out.split('\0');
  const changes: FileChange[] = [];
  let i = 0;
  while (i < tokens.length) {
    const code = tokens[i++] ?? '';
    if (!code) continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const oldPath = tokens[i++] ?? '';
      const path = tokens[i++] ?? '';
      // A copy leaves its source in place: for the goal it is a new file.
      changes.push({ path, oldPath, status: letter === 'R' ? 'renamed' : 'added' });
      continue;
    }
    const path = tokens[i++] ?? '';
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified';
    changes.push({ path, status });
  }
  return changes;
}

/** The file's text at `rev`, or undefined when it is binary, too large, or not a regular file. */
export async function readText(git: Git, rev: string, path: string): Promise<string | undefined> {
  const spec = `${rev}:${path}`;
  try {
    if ((await git.text(['cat-file', '-t', spec])) !== 'blob') return undefined;
    const size = Number(await git.text(['cat-file', '-s', spec]));
    if (!Number.isFinite(size) || size > MAX_CONTENT_BYTES) return undefined;
    const bytes = await git.bytes(['cat-file', 'blob', spec]);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

/** Unified diff base..HEAD, never more than maxBytes (UTF-8), ending in a note when cut. */
export async function boundedDiff(git: Git, baseSha: string, maxBytes: number): Promise<string> {
  const limit = Math.max(0, Math.floor(maxBytes));
  const res = await git.run(
    ['diff', ...DIFF_FLAGS, '--src-prefix=a/', '--dst-prefix=b/', baseSha, 'HEAD'],
    { maxOutputBytes: limit + 1 },
  );
  const full = Buffer.from(res.stdout, 'utf8');
  if (!res.truncated && full.length <= limit) return res.stdout;

  const names = await git.text(['diff', '--name-only', '-z', '-M', baseSha, 'HEAD']);
  const files = names.split('\0').filter(Boolean);
  const note = truncationNote(files, limit);
  const room = limit - Buffer.byteLength(note, 'utf8');
  if (room <= 0) return fitBytes(note, limit);
  // Cut at a line end: a newline byte is always a UTF-8 character boundary.
  const head = full.subarray(0, room);
  const lastNewline = head.lastIndexOf(0x0a);
  const kept = lastNewline >= 0 ? head.subarray(0, lastNewline + 1) : Buffer.alloc(0);
  return kept.toString('utf8') + note;
}

function truncationNote(files: string[], limit: number): string {
  const shown = files.slice(0, 30).join(', ');
  const more = files.length > 30 ? `, … and ${files.length - 30} more` : '';
  const budget = Math.max(80, Math.floor(limit / 4));
  const note = `\n[diff truncated at ${limit} bytes; ${files.length} files changed: ${shown}${more}]\n`;
  return fitBytes(note, budget);
}

/** The longest prefix of `text` (whole code points) that fits in `maxBytes` UTF-8 bytes. */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}
