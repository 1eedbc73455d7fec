// Text helpers for tamper findings: short quotes a reviewer can read, and an order-insensitive
// line difference (moving a line is not adding one).

const SNIPPET_CHARS = 80;

export function snippet(line: string): string {
  const text = line.trim().replace(/\s+/g, ' ');
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text;
}

export function quoted(lines: string[]): string {
  const shown = lines.slice(0, 3).map((l) => `\`${snippet(l)}\``);
  return lines.length > 3 ? `${shown.join(', ')} and ${lines.length - 3} more` : shown.join(', ');
}

/** Items of `a` not matched one-for-one in `b` (a multiset difference, order-insensitive). */
export function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of b) left.set(item.trim(), (left.get(item.trim()) ?? 0) + 1);
  return a.filter((item) => {
    const n = left.get(item.trim()) ?? 0;
    if (n === 0) return true;
    left.set(item.trim(), n - 1);
    return false;
  });
}
