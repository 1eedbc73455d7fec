// Where in a test file an assertion cannot fail the test: inside `try { … } catch {}` whose catch
// swallows the error, under `if (false)`, or (Python) under `try: … except: pass`, `if False:`
// and `with suppress(…)`. Pure text; returns, by line index, why the line is disabled.

/** Replaces string and comment contents with spaces, keeping offsets and newlines. */
function maskJs(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && (ch === '`' || text[j] !== '\n'))
        j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else i++;
  }
  return out.join('');
}

/** Offset just past the `}` matching the `{` at `open`, or the end of the text. */
function blockEnd(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '{') depth++;
    else if (masked[i] === '}' && --depth === 0) return i + 1;
  }
  return masked.length;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A catch or except block that fails the test again: rethrows, asserts or fails explicitly. */
const RETHROWS = /\b(?:throw|raise|assert\w*|expect|fail|reject|done)\b/;

const FALSE_CONDITION = String.raw`(?:false|0|null|undefined|void\s+0|!\s*true|!\s*1|''|"")`;

function jsDisabled(text: string): Map<number, string> {
  const masked = maskJs(text);
  const starts = lineStarts(text);
  const disabled = new Map<number, string>();
  const mark = (from: number, to: number, why: string): void => {
    for (let l = lineOf(starts, from); l <= lineOf(starts, Math.max(from, to - 1)); l++)
      if (!disabled.has(l)) disabled.set(l, why);
  };
  for (const m of masked.matchAll(/\btry\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const end = blockEnd(masked, open);
    const handler = /^\s*catch\s*(?:\([^)]*\))?\s*\{/.exec(masked.slice(end));
    if (!handler) continue;
    const catchOpen = end + handler[0].length - 1;
    const catchBody = text.slice(catchOpen + 1, blockEnd(masked, catchOpen) - 1);
    if (!RETHROWS.test(catchBody))
      mark(open, end, '`try { … } catch {}` that swallows the failure');
  }
  const never = new RegExp(String.raw`\bif\s*\(\s*${FALSE_CONDITION}\s*\)\s*`, 'g');
  for (const m of masked.matchAll(never)) {
    const after = m.index + m[0].length;
    if (masked[after] === '{')
      mark(after, blockEnd(masked, after), '`if (false)`, so it never runs');
    else {
      const semi = masked.indexOf(';', after);
      const nl = masked.indexOf('\n', after);
      const stop = Math.min(semi < 0 ? masked.length : semi, nl < 0 ? masked.length : nl);
      mark(after, stop + 1, '`if (false)`, so it never runs');
    }
  }
  return disabled;
}

const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;

/** Line indexes of the indented block under the header at `header` (exclusive of the header). */
function pyBlock(lines: string[], header: number): [number, number] {
  const ind = indentOf(lines[header]!);
  let end = header + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > ind)) end++;
  return [header + 1, end];
}

function pyDisabled(text: string): Map<number, string> {
  const lines = text.split(/\r?\n/);
  const disabled = new Map<number, string>();
  const mark = ([from, to]: [number, number], why: string): void => {
    for (let l = from; l < to; l++) if (!disabled.has(l)) disabled.set(l, why);
  };
  lines.forEach((line, i) => {
    const never = /^(\s*)if\s+(?:False|0|None|not\s+True)\s*:(.*)$/.exec(line);
    if (never) {
      if (never[2]!.trim() !== '' && !never[2]!.trim().startsWith('#'))
        disabled.set(i, '`if False:`, so it never runs');
      else mark(pyBlock(lines, i), '`if False:`, so it never runs');
    }
    if (/^\s*with\s+(?:contextlib\.)?suppress\s*\(/.test(line))
      mark(pyBlock(lines, i), '`with suppress(…)`, which swallows the failure');
    if (/^\s*try\s*:\s*(?:#.*)?$/.test(line)) {
      const body = pyBlock(lines, i);
      const next = lines[body[1]];
      if (next === undefined || indentOf(next) !== indentOf(line)) return;
      if (!/^\s*except\b/.test(next)) return;
      const handler = pyBlock(lines, body[1]);
      const handlerText = [next.replace(/^\s*except\b[^:]*:/, ''), ...lines.slice(...handler)].join(
        '\n',
      );
      if (!RETHROWS.test(handlerText))
        mark(body, '`try: … except: pass`, which swallows the failure');
    }
  });
  return disabled;
}

/** Why each disabled line of a test file cannot fail its test, by line index. */
export function disabledLines(text: string, path: string): Map<number, string> {
  return path.endsWith('.py') ? pyDisabled(text) : jsDisabled(text);
}
