// Applying parsed hunks to a file's text, in memory. Pure, so a patch is checked whole before any
// file is written. A hunk that does not match yields a HunkError with what was sought and the
// nearest region of the file, which is what the model needs to write a better hunk.

import type { Hunk } from './patch-parser.js';

export class HunkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HunkError';
  }
}

interface FileText {
  lines: string[];
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}

/** Returns the new text of `path` after its hunks, or throws a HunkError naming the failed hunk. */
export function applyHunks(path: string, original: string, hunks: Hunk[]): string {
  const file = splitText(original);
  const lines = file.lines;
  const replacements: { start: number; length: number; lines: string[] }[] = [];
  let cursor = 0;
  for (const hunk of hunks) {
    for (const anchor of hunk.anchors) {
      const found = seek(lines, [anchor], cursor, false, true);
      if (found < 0) {
        throw new HunkError(
          `${path}: hunk ${hunk.number} of ${hunks.length}: the @@ anchor line was not found after line ${cursor}:\n` +
            `  ${anchor}\nNo file change was made. Read the file again and use an anchor line that exists.`,
        );
      }
      cursor = found + 1;
    }
    if (hunk.oldLines.length === 0) {
      // Pure addition: after the anchor when there is one, else at the end of the file.
      const at = hunk.anchors.length > 0 ? cursor : lines.length;
      replacements.push({ start: at, length: 0, lines: hunk.newLines });
      cursor = at;
      continue;
    }
    const start = seek(lines, hunk.oldLines, cursor, hunk.endOfFile, false);
    if (start < 0) throw new HunkError(describeMiss(path, lines, hunk, hunks.length, cursor));
    // Context lines keep the file's own text (a whitespace-tolerant match must not rewrite them).
    const replacement = hunk.newLines.map((line, i) => {
      const fromOld = hunk.newFromOld[i] ?? -1;
      return fromOld >= 0 ? (lines[start + fromOld] ?? line) : line;
    });
    replacements.push({ start, length: hunk.oldLines.length, lines: replacement });
    cursor = start + hunk.oldLines.length;
  }
  // Replace from the bottom up so earlier indices stay valid.
  const result = [...lines];
  for (const change of [...replacements].sort((a, b) => b.start - a.start)) {
    result.splice(change.start, change.length, ...change.lines);
  }
  return joinText({ ...file, lines: result });
}

function splitText(text: string): FileText {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // An empty file gets the usual final newline once lines are added to it.
  const finalNewline = text === '' || text.endsWith('\n');
  const body = finalNewline ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
  return { lines: body === '' && !finalNewline ? [] : body.split(/\r?\n/), eol, finalNewline };
}

function joinText(file: FileText): string {
  if (file.lines.length === 0) return '';
  // A file that had no final newline keeps it that way.
  return file.lines.join(file.eol) + (file.finalNewline ? file.eol : '');
}

/**
 * First index at or after `from` where `sought` matches: exactly, then ignoring trailing
 * whitespace (and, for anchors, surrounding whitespace). End-of-file hunks are tried at the end first.
 */
function seek(
  lines: string[],
  sought: string[],
  from: number,
  atEnd: boolean,
  isAnchor: boolean,
): number {
  const comparisons: ((a: string, b: string) => boolean)[] = [
    (a, b) => a === b,
    (a, b) => a.trimEnd() === b.trimEnd(),
  ];
  if (isAnchor) comparisons.push((a, b) => a.trim() === b.trim() || a.includes(b.trim()));
  for (const same of comparisons) {
    if (atEnd) {
      const start = lines.length - sought.length;
      if (start >= from && matchesAt(lines, sought, start, same)) return start;
    }
    for (let start = from; start + sought.length <= lines.length; start++) {
      if (matchesAt(lines, sought, start, same)) return start;
    }
  }
  return -1;
}

function matchesAt(
  lines: string[],
  sought: string[],
  start: number,
  same: (a: string, b: string) => boolean,
): boolean {
  for (let i = 0; i < sought.length; i++) {
    if (!same(lines[start + i] ?? '', sought[i] ?? '')) return false;
  }
  return true;
}

const MAX_SHOWN = 12;

function describeMiss(
  path: string,
  lines: string[],
  hunk: Hunk,
  total: number,
  from: number,
): string {
  const sought = hunk.oldLines;
  const shown = sought.slice(0, MAX_SHOWN).map((line) => `  ${line}`);
  if (sought.length > MAX_SHOWN) shown.push(`  … (${sought.length - MAX_SHOWN} more lines)`);
  const parts = [
    `${path}: hunk ${hunk.number} of ${total} did not apply: these context/removed lines were not found` +
      `${from > 0 ? ` after line ${from}` : ''}${hunk.endOfFile ? ' at the end of the file' : ''}:`,
    ...shown,
  ];
  const closest = closestRegion(lines, sought);
  if (closest && closest.matched === sought.length && closest.start < from) {
    parts.push(
      `They are at line ${closest.start + 1}, before where the previous hunk ended (line ${from}):` +
        ' hunks must follow the order of the file.',
    );
  } else if (closest) {
    parts.push(
      `Closest region of ${path} (lines ${closest.start + 1}-${closest.end}; ${closest.matched} of ${sought.length} lines match):`,
      ...lines
        .slice(closest.start, closest.end)
        .map((line, i) => `${String(closest.start + i + 1).padStart(6)}  ${line}`),
    );
  } else {
    parts.push(`No region of ${path} (${lines.length} lines) resembles them.`);
  }
  parts.push(
    'No file was changed. Read the file again and send a patch whose context matches it exactly.',
  );
  return parts.join('\n');
}

/** The window of the file sharing the most lines (ignoring indentation) with the sought block. */
function closestRegion(
  lines: string[],
  sought: string[],
): { start: number; end: number; matched: number } | undefined {
  if (sought.length === 0 || lines.length === 0) return undefined;
  // Bounded work on huge files: the model gets the sought lines either way.
  if (lines.length * sought.length > 4_000_000) return undefined;
  const wanted = sought.map((line) => line.trim());
  let best = { start: 0, matched: 0 };
  for (let start = 0; start < lines.length; start++) {
    let matched = 0;
    for (let i = 0; i < wanted.length && start + i < lines.length; i++) {
      if ((lines[start + i] ?? '').trim() === wanted[i] && wanted[i] !== '') matched++;
    }
    if (matched > best.matched) best = { start, matched };
  }
  if (best.matched === 0) return undefined;
  const window = Math.min(Math.max(sought.length, 3), MAX_SHOWN);
  return {
    start: best.start,
    end: Math.min(lines.length, best.start + window),
    matched: best.matched,
  };
}
