// The `/goal` command language. Pure: comment text in, a command or a precise complaint out, so a
// malformed command always gets a reply that says how to write it, and never costs a model call.
import type { BudgetLimits } from '../engine/index.js';
import { isBlank, isBlockQuote, classifyLines } from './markdown.js';
import { findKnownOption, parseOptions, short, splitObjective, unquote } from './options.js';
import { sanitizeUntrusted } from './sanitize.js';
import { parseBudget } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';

export type GoalCommand =
  | { kind: 'start'; objective: string; budget: Partial<BudgetLimits>; verify: string[] }
  | { kind: 'status' }
  | { kind: 'pause' }
  | { kind: 'resume'; guidance?: string }
  | { kind: 'clear' }
  | { kind: 'budget'; budget: Partial<BudgetLimits> }
  | { kind: 'edit'; objective: string }
  | { kind: 'ask'; question: string };

export type ParsedComment =
  | { kind: 'none' }
  /** `notices`: what was changed on the way in (a text shortened to its cap), for the reply. */
  | { kind: 'command'; command: GoalCommand; notices?: string[] }
  | { kind: 'invalid'; error: string; usage: string };

/**
 * The longest text each command keeps, in characters. Texts are capped here, where they enter, and
 * the reply says so: the goal record keeps every text whole from then on (nothing is cut later, on
 * the way into a comment), and two long `/goal resume` texts cannot make the record unreadable.
 */
export const TEXT_LIMITS = {
  /** The objective of `/goal <objective>` and `/goal edit`: part of every prompt. */
  objective: 12_000,
  /** `/goal resume <guidance>`: kept in the contract's steering, in every prompt after. */
  guidance: 4_000,
  /** `/goal ask <question>`: one side question, never stored. */
  question: 4_000,
} as const;

const WHAT: Record<keyof typeof TEXT_LIMITS, string> = {
  objective: 'objective',
  guidance: 'resume guidance',
  question: 'question',
};

const count = (n: number) => n.toLocaleString('en-US');

/** The text within its cap (never splitting a surrogate pair), and a notice when it was cut. */
export function capText(
  text: string,
  limit: keyof typeof TEXT_LIMITS,
): { text: string; notice?: string } {
  const max = TEXT_LIMITS[limit];
  if (text.length <= max) return { text };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const hint =
    limit === 'objective'
      ? ' State it more briefly with `/goal edit <objective>` if the rest matters.'
      : '';
  return {
    text: text.slice(0, end).trimEnd(),
    notice: `✂️ The ${WHAT[limit]} was ${count(text.length)} characters long; it was shortened to its first ${count(max)} characters.${hint}`,
  };
}

/** A command whose text is capped, with the notice for the reply. */
function capped(
  text: string,
  limit: keyof typeof TEXT_LIMITS,
  make: (text: string) => GoalCommand,
): ParsedComment {
  const cut = capText(text, limit);
  return {
    kind: 'command',
    command: make(cut.text),
    ...(cut.notice ? { notices: [cut.notice] } : {}),
  };
}

/** Words that name a subcommand when they follow `/goal`; an objective starting with one is quoted. */
export const RESERVED_WORDS = [
  'status',
  'pause',
  'resume',
  'clear',
  'budget',
  'edit',
  'ask',
  'help',
] as const;

export const COMMAND_USAGE = `**How to write \`/goal\` commands** — at the start of a line, outside code blocks and quotes:

\`\`\`text
/goal <objective> [options]   start a goal
/goal                         show the status (also: /goal status)
/goal pause                   stop after the current step; nothing is lost
/goal resume [guidance]       continue a paused, blocked, stalled or budget-limited goal
/goal clear                   stop and forget the goal (the branch and PR are kept)
/goal budget <amount>         set or raise the budget: 5M, $20, 6h, 100 iterations, or several
/goal edit <objective>        replace the objective
/goal ask <question>          ask about the goal without disturbing it

Options after the objective:
  --budget 2M          tokens (500k, 2M, 1.5m)
  --usd 5              dollars (or --usd $5)
  --time 3h            wall-clock time (90m, 1h30m, 2d)
  --iterations 40      iterations
  --verify "npm test"  a command that proves the goal; repeat for more
\`\`\`

- The objective (and resume guidance, the new objective of \`edit\`, the question of \`ask\`) starts on the \`/goal\` line and continues on the following lines up to the first blank line.
- An objective that starts with status, pause, resume, clear, budget, edit, ask or help must be quoted: \`/goal "clear the cache on logout"\`.
- An option's value runs to the next option; quote it when it contains \`--\`: \`--verify "npm test -- --ci"\`. Text like \`--dry-run\` in an objective goes in backticks.
- In a budget, \`M\` means million tokens: write minutes as \`90min\` or \`1h30m\` (\`--time 90m\` is minutes).`;

const COMMAND_LINE = /^ {0,3}\/goal(?=\s|$)(.*)$/i;

/** Finds the first `/goal` command in a comment. Text is sanitised first: a reader never sees it. */
export function parseComment(body: string): ParsedComment {
  const lines = classifyLines(sanitizeUntrusted(body));
  let inQuote = false;
  for (let i = 0; i < lines.length; i++) {
    const { text, inCode } = lines[i]!;
    // A line right after a quoted line is a lazy continuation of the quote (CommonMark).
    inQuote = !inCode && (isBlockQuote(text) || (inQuote && !isBlank(text)));
    if (inCode || inQuote) continue;
    const match = COMMAND_LINE.exec(text);
    if (!match) continue;
    const continuation: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (
        next.inCode ||
        isBlank(next.text) ||
        isBlockQuote(next.text) ||
        COMMAND_LINE.test(next.text)
      )
        break;
      continuation.push(next.text.trim());
    }
    return parseCommand(match[1]!.trim(), continuation);
  }
  return { kind: 'none' };
}

function parseCommand(first: string, continuation: string[]): ParsedComment {
  if (!first) return ok({ kind: 'status' });
  const word = /^([a-z]+)[.!?:,]*(?=\s|$)/i.exec(first);
  const sub = word?.[1]?.toLowerCase();
  if (!word || !sub || !(RESERVED_WORDS as readonly string[]).includes(sub)) {
    const typo =
      word && sub
        ? almostCommand(sub, first.slice(word[0].length).trim(), continuation)
        : undefined;
    if (typo) return typo;
    return parseStart([first, ...continuation].join('\n'));
  }
  const rest = first.slice(word[0].length).trim();
  const text = rest ? [rest, ...continuation].join('\n') : '';
  switch (sub) {
    case 'status':
    case 'pause':
    case 'clear':
      return rest
        ? invalid(
            `\`/goal ${sub}\` takes no text (got "${short(rest)}"). To start a goal whose objective begins with "${sub}", quote it: \`/goal "${sub} ${short(rest, 60)}"\`.`,
          )
        : ok({ kind: sub });
    case 'help':
      return invalid('`/goal help`: here is how to write the commands.');
    case 'budget':
      return parseBudgetCommand(rest);
    case 'edit': {
      if (!text)
        return invalid(
          '`/goal edit` needs the new objective on the same line: `/goal edit <objective>`.',
        );
      const option = findKnownOption(text);
      if (option) {
        return invalid(
          `\`/goal edit\` takes only the new objective, not \`${option}\`: change the budget with \`/goal budget <amount>\`; verifiers come from the workflow's \`verify\` input or \`.github/goal.yml\`.`,
        );
      }
      return capped(unquote(text), 'objective', (objective) => ({ kind: 'edit', objective }));
    }
    case 'ask':
      return text
        ? capped(text, 'question', (question) => ({ kind: 'ask', question }))
        : invalid('`/goal ask` needs a question on the same line: `/goal ask <question>`.');
    default: {
      // resume
      const option = text ? findKnownOption(text) : undefined;
      if (option) {
        return invalid(
          `\`/goal resume\` takes guidance text, not \`${option}\`: raise the budget first with \`/goal budget <amount>\`, then \`/goal resume\`.`,
        );
      }
      return text
        ? capped(text, 'guidance', (guidance) => ({ kind: 'resume', guidance }))
        : ok({ kind: 'resume' });
    }
  }
}

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one ("pasue"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The subcommand a word is a slip of the keyboard away from, if exactly one is that close. */
export function nearestCommand(word: string): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : 2;
  const near = RESERVED_WORDS.map((c) => ({ c, d: editDistance(w, c) }))
    .filter(({ d }) => d > 0 && d <= limit)
    .sort((x, y) => x.d - y.d);
  if (near.length === 0 || (near.length > 1 && near[0]!.d === near[1]!.d)) return undefined;
  return near[0]!.c;
}

/**
 * A word that is almost a subcommand: `/goal pasue`, or a one-word objective like `/goal clean`,
 * or `/goal budgte 5M`. Starting a goal from a typo costs model calls and a PR nobody wanted, so
 * it is refused with the likely command and how to start a goal with that word on purpose.
 */
function almostCommand(
  word: string,
  rest: string,
  continuation: string[],
): ParsedComment | undefined {
  const command = nearestCommand(word);
  if (!command) return undefined;
  const alone = rest === '' && continuation.length === 0;
  const budgetLike =
    command === 'budget' && rest !== '' && parseBudgetCommand(rest).kind === 'command';
  if (!alone && !budgetLike) return undefined;
  const meant =
    rest && command === 'budget' ? `/goal budget ${short(rest, 40)}` : `/goal ${command}`;
  return invalid(
    `\`/goal ${short(word, 40)}\` is not a command — did you mean \`${meant}\`? No goal was started. To start a goal whose objective is that word, quote it: \`/goal "${short(word, 40)}${rest ? ` ${short(rest, 40)}` : ''}"\`.`,
  );
}

function parseStart(text: string): ParsedComment {
  const { objective, options } = splitObjective(text);
  const parsed = parseOptions(options);
  if ('error' in parsed) return invalid(parsed.error);
  if (!objective) {
    return invalid(
      'The objective is empty: write what must become true right after `/goal`, e.g. `/goal make npm test pass on Node 24 --budget 2M`.',
    );
  }
  return capped(objective, 'objective', (text) => ({
    kind: 'start',
    objective: text,
    budget: parsed.budget,
    verify: parsed.verify,
  }));
}

function parseBudgetCommand(rest: string): ParsedComment {
  const usage = 'e.g. `/goal budget 5M`, `/goal budget $20` or `/goal budget 5M tokens, $20, 6h`';
  if (!rest) return invalid(`\`/goal budget\` needs an amount, ${usage}.`);
  if (/^(--|[—–])/.test(rest)) {
    const parsed = parseOptions(rest);
    if ('error' in parsed) return invalid(parsed.error);
    if (parsed.verify.length)
      return invalid(`\`/goal budget\` does not take \`--verify\`; ${usage}.`);
    return ok({ kind: 'budget', budget: parsed.budget });
  }
  try {
    return ok({ kind: 'budget', budget: parseBudget(rest, '/goal budget') });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return invalid(`${error.message} For example: ${usage.replace(/^e\.g\. /, '')}.`);
  }
}

function ok(command: GoalCommand): ParsedComment {
  return { kind: 'command', command };
}

function invalid(error: string): ParsedComment {
  return { kind: 'invalid', error, usage: COMMAND_USAGE };
}
