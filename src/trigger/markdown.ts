// Just enough Markdown structure to know where text is code or a quotation: fenced code blocks
// (``` and ~~~, CommonMark rules) and block quotes. Used to find commands people mean, and to keep
// sanitising away from code that readers can see.

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

export interface LineInfo {
  text: string;
  /** A fence marker line or a line inside a fenced code block. */
  inCode: boolean;
}

/** Marks every line that belongs to a fenced code block. An unclosed fence runs to the end. */
export function classifyLines(text: string): LineInfo[] {
  const lines = text.split('\n');
  const out: LineInfo[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of lines) {
    if (fence) {
      out.push({ text: line, inCode: true });
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length)
        fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain backticks (then it is inline code).
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      out.push({ text: line, inCode: true });
      continue;
    }
    out.push({ text: line, inCode: false });
  }
  return out;
}

export function isBlockQuote(line: string): boolean {
  return /^ {0,3}>/.test(line);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * Inline code spans: a run of N backticks closed by the next run of exactly N backticks. A span never
 * crosses a NUL, which sanitize.ts uses as a placeholder for text it has set aside.
 */
// eslint-disable-next-line no-control-regex
export const INLINE_CODE = /(?<!`)(`+)(?!`)[^\u0000]*?(?<!`)\1(?!`)/g;

/** The longest run of `char` in `text`. */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
