// Parser for the `*** Begin Patch` format of openai/codex, which OpenAI's coding models are trained
// to write. Pure: text in, operations out, or a PatchSyntaxError naming the line that is wrong.

export interface Hunk {
  /** 1-based position in the file's list of hunks, for error messages. */
  number: number;
  /** `@@ <text>` anchors, sought in order before the hunk's lines. */
  anchors: string[];
  /** Context and removed lines: what must be found in the file. */
  oldLines: string[];
  /** Context and added lines: what replaces them. */
  newLines: string[];
  /** For each of newLines: the index in oldLines of the same context line, or -1 for an added line. */
  newFromOld: number[];
  /** `*** End of File`: the hunk must match at the end of the file. */
  endOfFile: boolean;
}

export type PatchOperation =
  | { kind: 'add'; path: string; lines: string[] }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo?: string; hunks: Hunk[] };

export class PatchSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchSyntaxError';
  }
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const END_OF_FILE = '*** End of File';
/** A unified-diff range header (`@@ -3,7 +3,8 @@`) carries no anchor text; models sometimes write one. */
const UNIFIED_RANGE = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?/;

export function parsePatch(text: string): PatchOperation[] {
  const lines = unwrap(text);
  const begin = lines.findIndex((line) => line.trim() === BEGIN);
  if (begin < 0)
    throw new PatchSyntaxError(`The patch must start with "${BEGIN}" on its own line.`);
  const end = lines.findLastIndex((line) => line.trim() === END);
  if (end < begin) throw new PatchSyntaxError(`The patch must end with "${END}" on its own line.`);

  const operations: PatchOperation[] = [];
  let at = begin + 1;
  while (at < end) {
    const line = lines[at] ?? '';
    const where = `line ${at + 1}`;
    if (line.trim() === '') {
      at++;
    } else if (line.startsWith(ADD)) {
      const path = headerPath(line, ADD, where);
      const body: string[] = [];
      let bareBlankTail = 0;
      at++;
      while (at < end && !isFileHeader(lines[at] ?? '')) {
        const bodyLine = lines[at] ?? '';
        if (bodyLine.startsWith('+')) {
          body.push(bodyLine.slice(1));
          bareBlankTail = 0;
        } else if (bodyLine.trim() === '') {
          body.push('');
          bareBlankTail++;
        } else {
          throw new PatchSyntaxError(
            `line ${at + 1}: every line of an added file starts with "+" (in "${ADD}${path}"), got: ${bodyLine}`,
          );
        }
        at++;
      }
      // Bare blank lines before the next header are spacing, not content.
      operations.push({ kind: 'add', path, lines: body.slice(0, body.length - bareBlankTail) });
    } else if (line.startsWith(DELETE)) {
      operations.push({ kind: 'delete', path: headerPath(line, DELETE, where) });
      at++;
    } else if (line.startsWith(UPDATE)) {
      const path = headerPath(line, UPDATE, where);
      at++;
      let moveTo: string | undefined;
      if ((lines[at] ?? '').startsWith(MOVE)) {
        moveTo = headerPath(lines[at] ?? '', MOVE, `line ${at + 1}`);
        at++;
      }
      const parsed = parseHunks(lines, at, end, path);
      at = parsed.next;
      if (parsed.hunks.length === 0 && moveTo === undefined) {
        throw new PatchSyntaxError(
          `${where}: "${UPDATE}${path}" has no hunks; add @@ hunks or remove it.`,
        );
      }
      operations.push({
        kind: 'update',
        path,
        hunks: parsed.hunks,
        ...(moveTo === undefined ? {} : { moveTo }),
      });
    } else {
      throw new PatchSyntaxError(
        `${where}: expected "${ADD}", "${DELETE}" or "${UPDATE}" followed by a path, got: ${line}`,
      );
    }
  }
  if (operations.length === 0) throw new PatchSyntaxError('The patch contains no file operations.');
  return operations;
}

function parseHunks(
  lines: string[],
  start: number,
  end: number,
  path: string,
): { hunks: Hunk[]; next: number } {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  const fresh = (): Hunk => ({
    number: hunks.length + 1,
    anchors: [],
    oldLines: [],
    newLines: [],
    newFromOld: [],
    endOfFile: false,
  });
  const finish = (): void => {
    if (current && (current.oldLines.length > 0 || current.newLines.length > 0))
      hunks.push(current);
    else if (current && current.anchors.length > 0) {
      throw new PatchSyntaxError(
        `"${UPDATE}${path}": hunk ${current.number} has an @@ line but no lines after it.`,
      );
    }
    current = undefined;
  };
  let at = start;
  for (; at < end; at++) {
    const line = lines[at] ?? '';
    if (isFileHeader(line)) break;
    if (line.trim() === END_OF_FILE) {
      if (!current)
        throw new PatchSyntaxError(`line ${at + 1}: "${END_OF_FILE}" must follow a hunk.`);
      current.endOfFile = true;
      finish();
      continue;
    }
    if (line.startsWith('@@')) {
      // Consecutive @@ lines narrow the search: `@@ class Foo` then `@@ def bar`.
      if (current && (current.oldLines.length > 0 || current.newLines.length > 0)) finish();
      current ??= fresh();
      const anchor = line.replace(UNIFIED_RANGE, '@@ ').slice(2).trim();
      if (anchor !== '') current.anchors.push(anchor);
      continue;
    }
    current ??= fresh();
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    const marker = line[0];
    const content = line.slice(1);
    if (line === '' || marker === ' ') {
      current.newFromOld.push(current.oldLines.length);
      current.oldLines.push(content);
      current.newLines.push(content);
    } else if (marker === '-') {
      current.oldLines.push(content);
    } else if (marker === '+') {
      current.newFromOld.push(-1);
      current.newLines.push(content);
    } else {
      throw new PatchSyntaxError(
        `line ${at + 1}: in "${UPDATE}${path}", hunk lines start with " " (context), "-" (remove) or "+" (add); got: ${line}`,
      );
    }
  }
  finish();
  // A trailing blank line before the next header is spacing, not an empty context line.
  for (const hunk of hunks) {
    while (hunk.oldLines.at(-1) === '' && hunk.newLines.at(-1) === '' && hunk.oldLines.length > 1) {
      hunk.oldLines.pop();
      hunk.newLines.pop();
      hunk.newFromOld.pop();
    }
  }
  return { hunks, next: at };
}

function isFileHeader(line: string): boolean {
  return (
    line.startsWith(ADD) ||
    line.startsWith(DELETE) ||
    line.startsWith(UPDATE) ||
    line.trim() === END
  );
}

function headerPath(line: string, prefix: string, where: string): string {
  const path = line.slice(prefix.length).trim();
  if (path === '') throw new PatchSyntaxError(`${where}: "${prefix.trim()}" needs a path.`);
  return path;
}

/** Lines of the patch; text around the markers (code fences, `apply_patch <<'EOF'` heredocs) is ignored. */
function unwrap(text: string): string[] {
  return text.replace(/\r\n/g, '\n').split('\n');
}
