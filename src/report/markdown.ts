// Markdown building blocks. Text that came from people or the model passes through `safe` (or
// `quote`) so it cannot carry HTML (a comment hiding the rest, a forged record marker, a closing
// </details>, a remote <img>), images, or notifying @mentions: see src/untrusted/neutralize.ts.

import { neutralize, neutralizeInline } from '../untrusted/neutralize.js';

export interface ReportLinks {
  runUrl?: string;
  prUrl?: string;
  commitUrl?: (sha: string) => string;
}

export function safe(text: string): string {
  return neutralizeInline(text);
}

/** A table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return safe(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const fence = flat.includes('`') ? '``' : '`';
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function link(label: string, url: string | undefined): string {
  return url ? `[${label}](${url})` : label;
}

/** Multi-line text as a block quote. */
export function quote(text: string): string {
  return neutralize(text.trim())
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

/**
 * Joins sections, dropping the least important ones until the text fits; the last resort clips
 * the text itself so the bound always holds. Sections with higher `drop` go first.
 */
export function fitSections(
  sections: { text: string; drop?: number }[],
  maxChars: number,
  join = '\n\n',
): string {
  let kept = sections.filter((s) => s.text.length > 0);
  const render = () => kept.map((s) => s.text).join(join);
  let text = render();
  while (text.length > maxChars) {
    const droppable = kept.filter((s) => (s.drop ?? 0) > 0);
    if (droppable.length === 0) break;
    const worst = droppable.reduce((a, b) => ((b.drop ?? 0) > (a.drop ?? 0) ? b : a));
    kept = kept.filter((s) => s !== worst);
    text = render();
  }
  if (text.length <= maxChars) return text;
  const note = '\n\n… (cut to fit the comment size limit)';
  return `${text.slice(0, Math.max(0, maxChars - note.length))}${note}`.slice(0, maxChars);
}
