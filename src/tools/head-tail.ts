// Head+tail capture of command output. A command may print gigabytes; we keep the first and last
// slices (the start says what ran, the end says how it failed) and count what fell in between, so
// memory stays flat and the model still sees an honest "omitted N lines" marker.

const NEWLINE = 0x0a;

export interface HeadTailLimits {
  /** Bytes kept in total, split evenly between head and tail. */
  maxBytes?: number;
  /** Lines kept in total, split evenly between head and tail. Unlimited when absent. */
  maxLines?: number;
}

export class HeadTailBuffer {
  readonly #headCap: number;
  readonly #tailCap: number;
  readonly #maxLines: number;
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  /** Bytes that fell out of the tail window (never seen again). */
  #droppedBytes = 0;
  #lastDroppedByte = -1;
  #newlines = 0;
  #lastByte = -1;
  #totalBytes = 0;

  constructor(limits: HeadTailLimits = {}) {
    const maxBytes = Math.max(2, Math.floor(limits.maxBytes ?? 64 * 1024));
    this.#headCap = Math.floor(maxBytes / 2);
    this.#tailCap = maxBytes - this.#headCap;
    this.#maxLines = Math.max(2, Math.floor(limits.maxLines ?? Number.MAX_SAFE_INTEGER));
  }

  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** Lines seen, counting a final line without a newline. */
  get totalLines(): number {
    return this.#newlines + (this.#totalBytes > 0 && this.#lastByte !== NEWLINE ? 1 : 0);
  }

  push(chunk: Buffer | string): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (data.length === 0) return;
    this.#totalBytes += data.length;
    this.#newlines += countNewlines(data);
    this.#lastByte = data[data.length - 1] ?? -1;

    const headRoom = this.#headCap - this.#headBytes;
    if (headRoom > 0) {
      const part = data.subarray(0, headRoom);
      this.#head.push(Buffer.from(part));
      this.#headBytes += part.length;
      data = data.subarray(part.length);
      if (data.length === 0) return;
    }
    this.#tail.push(Buffer.from(data));
    this.#tailBytes += data.length;
    // Drop whole chunks from the front while the rest still fills the window: memory stays at
    // most one chunk above the cap.
    while (
      this.#tail.length > 1 &&
      this.#tailBytes - (this.#tail[0]?.length ?? 0) >= this.#tailCap
    ) {
      const first = this.#tail.shift()!;
      this.#tailBytes -= first.length;
      this.#droppedBytes += first.length;
      this.#lastDroppedByte = first[first.length - 1] ?? -1;
    }
  }

  toString(): string {
    const head = Buffer.concat(this.#head);
    let tail = Buffer.concat(this.#tail);
    if (tail.length > this.#tailCap) {
      const cut = tail.length - this.#tailCap;
      this.#droppedBytes += cut;
      this.#lastDroppedByte = tail[cut - 1] ?? -1;
      tail = tail.subarray(cut);
      this.#tail = [tail];
      this.#tailBytes = tail.length;
    }
    if (this.#droppedBytes === 0) {
      // Everything is still here: one contiguous text, cut by lines (and bytes) only if needed.
      const all = Buffer.concat([head, tail]);
      if (this.totalLines <= this.#maxLines) return all.toString('utf8');
      const halfLines = Math.floor(this.#maxLines / 2);
      const keptHead = keepHead(
        all.subarray(0, this.#headCap),
        halfLines,
        all.length > this.#headCap,
      );
      const rest = all.subarray(keptHead.length);
      const tailRegion = rest.subarray(Math.max(0, rest.length - this.#tailCap));
      const startsAtLine =
        all[all.length - tailRegion.length - 1] === NEWLINE || tailRegion.length === all.length;
      const keptTail = keepTail(tailRegion, this.#maxLines - halfLines, startsAtLine);
      return this.#join(keptHead, keptTail);
    }
    const halfLines = Math.floor(this.#maxLines / 2);
    const keptHead = keepHead(head, halfLines, true);
    const keptTail = keepTail(tail, this.#maxLines - halfLines, this.#lastDroppedByte === NEWLINE);
    return this.#join(keptHead, keptTail);
  }

  #join(keptHead: Buffer, keptTail: Buffer): string {
    const omittedBytes = this.#totalBytes - keptHead.length - keptTail.length;
    if (omittedBytes <= 0) return Buffer.concat([keptHead, keptTail]).toString('utf8');
    const omittedLines = Math.max(0, this.totalLines - linesIn(keptHead) - linesIn(keptTail));
    return `${keptHead.toString('utf8')}${omissionMarker(omittedLines, omittedBytes, keptHead)}${keptTail.toString('utf8')}`;
  }
}

/** Head+tail truncation for text shown to the model: at most maxBytes (default 10240) and maxLines (default 256). */
export function truncateHeadTail(text: string, limits: HeadTailLimits = {}): string {
  const buffer = new HeadTailBuffer({
    maxBytes: limits.maxBytes ?? 10240,
    maxLines: limits.maxLines ?? 256,
  });
  buffer.push(text);
  return buffer.toString();
}

function omissionMarker(lines: number, bytes: number, before: Buffer): string {
  const lead = before.length > 0 && before[before.length - 1] !== NEWLINE ? '\n' : '';
  const what = lines > 0 ? `${lines} lines (${bytes} bytes)` : `${bytes} bytes`;
  return `${lead}… omitted ${what} …\n`;
}

/** The first `maxLines` lines of the head, cut back to a line end when the text goes on after it. */
function keepHead(part: Buffer, maxLines: number, continues: boolean): Buffer {
  let end = part.length;
  let seen = 0;
  for (let i = 0; i < part.length; i++) {
    if (part[i] === NEWLINE && ++seen === maxLines) {
      end = i + 1;
      break;
    }
  }
  if (continues && end === part.length && part[end - 1] !== NEWLINE) {
    const lastNewline = part.lastIndexOf(NEWLINE, end - 1);
    if (lastNewline >= 0) end = lastNewline + 1;
  }
  while (end > 0 && end < part.length && isContinuationByte(part[end])) end--;
  return part.subarray(0, end);
}

/** The last `maxLines` lines of the tail, starting at a line start (a partial first line is dropped). */
function keepTail(part: Buffer, maxLines: number, startsAtLine: boolean): Buffer {
  let start = 0;
  let seen = 0;
  const scanFrom = part[part.length - 1] === NEWLINE ? part.length - 2 : part.length - 1;
  for (let i = scanFrom; i >= 0; i--) {
    if (part[i] === NEWLINE && ++seen === maxLines) {
      start = i + 1;
      break;
    }
  }
  if (!startsAtLine && start === 0) {
    const firstNewline = part.indexOf(NEWLINE);
    if (firstNewline >= 0 && firstNewline < part.length - 1) start = firstNewline + 1;
  }
  while (start < part.length && isContinuationByte(part[start])) start++;
  return part.subarray(start);
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function countNewlines(data: Buffer): number {
  let count = 0;
  let at = data.indexOf(NEWLINE);
  while (at >= 0) {
    count++;
    at = data.indexOf(NEWLINE, at + 1);
  }
  return count;
}

function linesIn(data: Buffer): number {
  if (data.length === 0) return 0;
  return countNewlines(data) + (data[data.length - 1] === NEWLINE ? 0 : 1);
}
