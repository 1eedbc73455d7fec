// Model-authored Markdown, made safe to post as the bot. The model is an attacker: what it writes
// must not carry our hidden markers or a forged goal record, notify people, load a remote image
// (a channel out through GitHub's image proxy), or inject raw HTML.
//
// The method is chosen so that safety never depends on parsing Markdown exactly as GitHub does:
// - Outside code blocks, every dangerous sequence is broken by a zero-width space (U+200B):
//   `<` + ZWSP + `img` is not a tag, `!` + ZWSP + `[` is a link and not an image, `@` + ZWSP +
//   `name` is not a mention (what Dependabot and Renovate do; a backtick code span is not enough,
//   because a plain-text email reply re-reads the body without formatting). This is invisible and
//   safe whatever GitHub thinks the surrounding text is: prose, inline code or a code block.
// - Fenced code blocks are the one exception, kept byte for byte, because people copy code. Only
//   top-level fences are recognised, and they are re-emitted with a fresh fence at the start of a
//   line; any other line that could open or close a fence (in a list, in a quote, indented) gets
//   a ZWSP before its fence characters, so GitHub sees no fence that this code did not write.
//   Inside kept blocks, only our own marker prefix is broken.
// Pure: imports nothing; callers compose it with the redactor (redact first, then neutralize).

export const ZWSP = '\u200B';

/** Code-block languages GitHub renders as diagrams, maps or math instead of showing the text. */
const RENDERED_LANGS = /^(?:mermaid|geojson|topojson|stl|math)$/i;

/**
 * Invisible text that would mislead a reader or another agent reading the thread: C0/C1 controls
 * (but tab and newline), bidi marks, overrides and isolates, and Unicode tag characters (ASCII
 * smuggling: instructions no person sees).
 */
function isInvisible(cp: number): boolean {
  if (cp < 0x20) return cp !== 0x09 && cp !== 0x0a;
  return (
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

function normalize(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) if (!isInvisible(ch.codePointAt(0)!)) out += ch;
  return out;
}

/**
 * Breaks, on one line of prose (or of anything that is not a kept code block): tags, comments and
 * autolinks (`<` before a letter, `/`, `!` or `?`), images (`![`), mentions of users and teams
 * (`@name`, `@org/team`, also written as `&#64;`/`&#x40;`/`&commat;`), and fence lines.
 */
export function defangLine(line: string): string {
  return (
    line
      // A would-be fence after any container prefix (quote, list marker, indentation).
      .replace(/^([ \t>*+\-.)0-9]*)(`{3,}|~{3,})/, `$1${ZWSP}$2`)
      // `<https://x>` autolinks stay links as bare URLs (GitHub links those itself).
      .replace(/<((?:https?|ftp):\/\/[^\s<>]*)>/gi, '$1')
      .replace(/<(?=[A-Za-z/!?])/g, `<${ZWSP}`)
      .replace(/!(?=\[)/g, `!${ZWSP}`)
      .replace(/&(?:#0*64|#x0*40|commat);(?!\u200B)/gi, (entity) => `${entity}${ZWSP}`)
      // Not after a letter or digit: `me@example.com` is an address, not a mention.
      .replace(/(^|[^A-Za-z0-9])@(?=[A-Za-z0-9&])/g, `$1@${ZWSP}`)
  );
}

/** Inside a kept code block: only the prefix of our own markers, so no comment is taken for ours. */
function defangCodeLine(line: string): string {
  return line.replace(/<!--(?=\s*goal-action)/gi, `<!${ZWSP}--`);
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

interface OpenFence {
  char: '`' | '~';
  length: number;
  indent: number;
  lang: string;
  lines: string[];
}

/** CommonMark's opening fence at the top level: up to three spaces, three or more ` or ~. */
function openFence(line: string): OpenFence | null {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return null;
  const [, indent = '', fence = '', info = ''] = m;
  const char = fence[0] as '`' | '~';
  if (char === '`' && info.includes('`')) return null; // inline code, not a fence
  const word = info.trim().split(/\s+/)[0] ?? '';
  const lang = !/^[\w+#.-]{1,40}$/.test(word) ? '' : RENDERED_LANGS.test(word) ? 'text' : word;
  return { char, length: fence.length, indent: indent.length, lang, lines: [] };
}

function closesFence(line: string, open: OpenFence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === open.char && m[1]!.length >= open.length;
}

/** A kept block, re-fenced with tildes longer than any tilde run inside it. */
function emitFence(open: OpenFence): string[] {
  // CommonMark strips the opening fence's indentation from each content line.
  const strip = new RegExp(`^ {0,${open.indent}}`);
  const lines = open.lines.map((l) => defangCodeLine(l.replace(strip, '')));
  const fence = '~'.repeat(Math.max(3, longestRun(lines.join('\n'), '~') + 1));
  return [`${fence}${open.lang}`, ...lines, fence];
}

/**
 * Model-authored Markdown made safe to post, for use as a block of its own (own lines, at the top
 * level or with every line quoted). Idempotent in effect, readable: lists, tables, links and
 * code look the same; images become links; tags show as text. Clip or truncate BEFORE calling it:
 * a cut through a kept code block leaves it open, swallowing what follows (safe, but ugly).
 */
export function neutralize(markdown: string): string {
  const out: string[] = [];
  let open: OpenFence | null = null;
  for (const line of normalize(markdown).split('\n')) {
    if (open) {
      if (closesFence(line, open)) {
        out.push(...emitFence(open));
        open = null;
      } else open.lines.push(line);
      continue;
    }
    open = openFence(line);
    if (!open) out.push(defangLine(line));
  }
  if (open) out.push(...emitFence(open)); // an unclosed fence runs to the end: close it
  return out.join('\n');
}

/**
 * For text embedded inside a line (a table cell, a list item, a heading): nothing is kept as
 * code, since a code block flattened into one line is no longer code.
 */
export function neutralizeInline(text: string): string {
  return normalize(text).split('\n').map(defangLine).join('\n');
}

/**
 * The model's words under a heading we write, as a block quote: whatever it renders (a table of
 * ✅, a "Goal achieved" heading) is visibly inside the quote, under a line saying whose words they
 * are. Quoting keeps lists, code and links readable, which fencing the whole text would not.
 */
export function quoteModelText(markdown: string, heading: string): string {
  const body = neutralize(markdown.trim() || '(no answer)')
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  return `${heading}\n\n${body}`;
}
