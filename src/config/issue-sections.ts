// An issue body as contract parts: the sections of the goal issue form (### Outcome, ### Verification,
// …) and the headings people commonly write instead (## Acceptance criteria → outcome). The body must
// already be sanitised.
import { classifyLines, INLINE_CODE } from '../trigger/markdown.js';

export type ContractPart =
  | 'outcome'
  | 'verification'
  | 'constraints'
  | 'boundaries'
  | 'iterationPolicy'
  | 'blockedCondition';

const PART_HEADINGS: ReadonlyArray<[ContractPart, RegExp]> = [
  [
    'outcome',
    /^(outcome|goal|objective|acceptance criteria|definition of done|done when|success criteria|expected (behaviou?r|result|outcome)|what must be true|requirements?)$/,
  ],
  [
    'verification',
    /^(verification|verify|verifiers?|how to verify|how to test|test plan|testing|tests|evidence)$/,
  ],
  ['constraints', /^(constraints?|must not regress|non regressions?|invariants?|do not break)$/],
  ['boundaries', /^(boundaries|boundary|scope|allowed paths|out of scope|non goals?)$/],
  ['iterationPolicy', /^(iteration policy|iteration|approach|strategy|how to proceed)$/],
  [
    'blockedCondition',
    /^(blocked condition|blocked when|when blocked|when to stop|stop condition|blockers?|escalation)$/,
  ],
];

export function partOf(heading: string): ContractPart | undefined {
  const normal = heading
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "Outcome (what must be true)"
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return PART_HEADINGS.find(([, re]) => re.test(normal))?.[0];
}

export interface IssueSections {
  parts: Partial<Record<ContractPart, string>>;
  /** Text before the first heading and under headings that are no contract part, with headings. */
  context: string;
}

const HEADING = /^ {0,3}#{1,6}[ \t](.*)$/;

/** "## Outcome ##" → "Outcome" (without a regex that backtracks on long runs). */
function headingText(raw: string): string {
  let text = raw.trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end < text.length && (end === 0 || /\s/.test(text[end - 1]!)))
    text = text.slice(0, end).trim();
  return text;
}

/** Splits a body at its headings. Empty issue-form answers ("_No response_") count as empty. */
export function parseIssueSections(body: string): IssueSections {
  const parts: Partial<Record<ContractPart, string>> = {};
  const context: string[] = [];
  let current: { part?: ContractPart; heading?: string; lines: string[] } = { lines: [] };
  const flush = () => {
    const text = current.lines.join('\n').trim();
    const value = /^_?no response_?$/i.test(text) ? '' : text;
    if (current.part) {
      if (value) parts[current.part] = [parts[current.part], value].filter(Boolean).join('\n\n');
    } else if (value || current.heading) {
      if (value) context.push(current.heading ? `${current.heading}\n\n${value}` : value);
    }
  };
  for (const line of classifyLines(body)) {
    const heading = line.inCode ? null : HEADING.exec(line.text);
    if (!heading) {
      current.lines.push(line.text);
      continue;
    }
    const title = headingText(heading[1]!);
    if (!title) {
      current.lines.push(line.text);
      continue;
    }
    const part = partOf(title);
    flush();
    current = { ...(part ? { part } : { heading: line.text.trim() }), lines: [] };
  }
  flush();
  return { parts, context: context.join('\n\n') };
}

/** List items (`- x`, `* x`, `1. x`, `- [ ] x`) or, without a list, paragraphs. */
export function splitItems(text: string): string[] {
  const items: string[] = [];
  const listItem = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
  const hasList = text.split('\n').some((l) => listItem.test(l));
  if (!hasList) {
    return text
      .split(/\n\s*\n/)
      .map((p) =>
        p
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .join(' '),
      )
      .filter(Boolean);
  }
  for (const line of text.split('\n')) {
    const m = listItem.exec(line);
    if (m) items.push(m[1]!.trim());
    else if (line.trim() && items.length) items[items.length - 1] += ` ${line.trim()}`;
    else if (line.trim()) items.push(line.trim());
  }
  return items.filter(Boolean);
}

/**
 * Commands in a Verification section: every line of its code blocks (without a `$ ` prompt) and
 * every inline code span; the remaining prose lines are criteria in words.
 */
export function verificationCandidates(text: string): { commands: string[]; prose: string[] } {
  const commands: string[] = [];
  const prose: string[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})/;
  for (const line of classifyLines(text)) {
    if (line.inCode) {
      const command = line.text.trim().replace(/^\$\s+/, '');
      if (command && !fence.test(line.text) && !command.startsWith('#')) commands.push(command);
      continue;
    }
    const spans = [...line.text.matchAll(INLINE_CODE)].map((m) =>
      m[0].slice(m[1]!.length, -m[1]!.length).trim(),
    );
    commands.push(...spans.filter(Boolean));
    if (spans.length === 0 && line.text.trim()) {
      prose.push(line.text.trim().replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, ''));
    }
  }
  return { commands: [...new Set(commands)], prose: prose.filter(Boolean) };
}
