// The read_file tool: numbered lines of one workspace file, a bounded window per call, with the
// exact arguments to read on. Streams the file so a huge log costs no memory.

import type { FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { resolveInWorkspace } from './paths.js';
import { openForRead, workspaceRoot } from './safe-fs.js';

export const READ_MAX_LINES = 400;
export const READ_MAX_BYTES = 20 * 1024;
const MAX_LINE_CHARS = 2000;

export interface ReadFileArgs {
  path: string;
  start_line?: number;
  end_line?: number;
}

export async function readWorkspaceFile(
  root: string,
  args: ReadFileArgs,
): Promise<{ ok: boolean; output: string }> {
  const target = resolveInWorkspace(root, args.path, { allowAbsolute: true });
  // Opened once; everything below reads that handle, so the path cannot be swapped under us.
  const handle = await openForRead(await workspaceRoot(root), target.absolute, target.relative);
  if (!handle)
    return {
      ok: false,
      output: `${target.relative} does not exist. Use search with a glob to find the right path.`,
    };
  try {
    return await readOpened(handle, target.relative, args);
  } finally {
    await handle.close();
  }
}

async function readOpened(
  handle: FileHandle,
  relative: string,
  args: ReadFileArgs,
): Promise<{ ok: boolean; output: string }> {
  const target = { relative };
  const info = await handle.stat();
  if (info.isDirectory()) {
    return {
      ok: false,
      output: `${target.relative} is a directory; use search with a glob (e.g. "${target.relative}/**") to list its files.`,
    };
  }
  // FIFOs and devices would block or never end.
  if (!info.isFile()) return { ok: false, output: `${target.relative} is not a regular file.` };
  const size = info.size;
  if (size > 0 && (await looksBinary(handle))) {
    return {
      ok: false,
      output: `${target.relative} is a binary file (${size} bytes); read_file shows text files.`,
    };
  }

  const start = Math.max(1, Math.floor(args.start_line ?? 1));
  const requestedEnd =
    args.end_line === undefined ? Number.POSITIVE_INFINITY : Math.floor(args.end_line);
  if (requestedEnd < start) {
    return { ok: false, output: `end_line (${requestedEnd}) is before start_line (${start}).` };
  }
  const end = Math.min(requestedEnd, start + READ_MAX_LINES - 1);

  const shown: string[] = [];
  let bytes = 0;
  let total = 0;
  let lastShown = start - 1;
  let stoppedForBytes = false;
  const lines = createInterface({
    input: handle.createReadStream({ encoding: 'utf8', start: 0, autoClose: false }),
    crlfDelay: Infinity,
  });
  for await (const raw of lines) {
    total++;
    if (total < start || total > end || stoppedForBytes) continue;
    const line =
      raw.length > MAX_LINE_CHARS
        ? `${raw.slice(0, MAX_LINE_CHARS)}… (line cut at ${MAX_LINE_CHARS} characters)`
        : raw;
    const numbered = `${String(total).padStart(6)}\t${line}`;
    const cost = Buffer.byteLength(numbered) + 1;
    if (bytes + cost > READ_MAX_BYTES && shown.length > 0) {
      stoppedForBytes = true;
      continue;
    }
    shown.push(numbered);
    bytes += cost;
    lastShown = total;
  }

  if (total === 0) return { ok: true, output: `${target.relative} is empty.` };
  if (start > total) {
    return {
      ok: false,
      output: `${target.relative} has ${total} lines; start_line ${start} is past the end.`,
    };
  }
  const footer =
    lastShown < total && lastShown < requestedEnd
      ? `(lines ${start}-${lastShown} of ${total}; call read_file with start_line=${lastShown + 1} to read on)`
      : `(lines ${start}-${lastShown} of ${total})`;
  return { ok: true, output: `${target.relative}\n${shown.join('\n')}\n${footer}` };
}

async function looksBinary(handle: FileHandle): Promise<boolean> {
  const probe = Buffer.alloc(8192);
  const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
  return probe.subarray(0, bytesRead).includes(0);
}
