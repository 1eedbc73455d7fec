// Options after a `/goal` objective: `--budget 2M --usd 5 --time 3h --iterations 40 --verify "npm test"`.
// A value runs to the next option or is quoted ("…", '…', “…”, ‘…’ or `…`). Phones turn `--` into
// an em dash, so `—budget` is read as `--budget` too.
import type { BudgetLimits } from '../engine/index.js';
import { parseBudget } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import { parseDurationSec, parseIterations, parseTokens, parseUsd } from '../config/units.js';

export const OPTION_NAMES = ['budget', 'usd', 'time', 'iterations', 'verify'] as const;
type OptionName = (typeof OPTION_NAMES)[number];
const ALIASES: Record<string, OptionName> = { tokens: 'budget' };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '„': '“' };

/** The start of an option word: `--name`, or an em/en dash before a known name. */
const OPTION_START = new RegExp(
  String.raw`(^|\s)(--[a-z]|[—–](?:${[...OPTION_NAMES, ...Object.keys(ALIASES)].join('|')})\b)`,
  'i',
);
const OPTION_TOKEN = /^(?:--|[—–])([a-z][\w-]*)(?:=(.*))?$/is;

/** Text echoed in a reply, cut so a hostile comment cannot make the reply huge. */
export function short(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface ParsedOptions {
  budget: Partial<BudgetLimits>;
  verify: string[];
}

/**
 * Splits `objective --options…`. A wholly quoted objective (`"clear the cache" --time 1h`) loses its
 * quotes and may contain `--`; otherwise the objective ends at the first option word.
 */
export function splitObjective(text: string): { objective: string; options: string } {
  const trimmed = text.trim();
  const close = QUOTES[trimmed[0] ?? ''];
  if (close) {
    const end = trimmed.indexOf(close, 1);
    const after = end > 0 ? trimmed.slice(end + 1).trim() : undefined;
    if (after !== undefined && (after === '' || OPTION_START.exec(after)?.index === 0)) {
      return { objective: trimmed.slice(1, end).trim(), options: after };
    }
  }
  const match = OPTION_START.exec(trimmed);
  if (!match) return { objective: trimmed, options: '' };
  const at = match.index + match[1]!.length;
  return { objective: trimmed.slice(0, at).trim(), options: trimmed.slice(at) };
}

/** Removes quotes around the whole text, if it is wholly quoted. */
export function unquote(text: string): string {
  const t = text.trim();
  const close = QUOTES[t[0] ?? ''];
  return close && t.length > 1 && t.endsWith(close) && t.indexOf(close, 1) === t.length - 1
    ? t.slice(1, -1).trim()
    : t;
}

/** The first known option word in free text (`--budget`, `—verify`), if any. */
export function findKnownOption(text: string): string | undefined {
  const names = [...OPTION_NAMES, ...Object.keys(ALIASES)].join('|');
  const m = new RegExp(String.raw`(?:^|\s)((?:--|[—–])(?:${names}))(?=[\s=]|$)`, 'i').exec(text);
  return m?.[1];
}

interface Token {
  text: string;
  quoted: boolean;
}

function tokenize(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  // Bounded: every pass consumes at least one character.
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const close = c === '`' ? '`'.repeat(/^`+/.exec(text.slice(i))![0].length) : QUOTES[c];
    if (close) {
      const start = i + close.length;
      const end = text.indexOf(close, start);
      if (end < 0) return { error: `A quote is not closed: ${text.slice(i, i + 40)}…` };
      tokens.push({ text: text.slice(start, end).trim(), quoted: true });
      i = end + close.length;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) {
      // `--verify="npm test"`: the quoted value is its own token.
      if (text[j] === '=' && QUOTES[text[j + 1] ?? ''] && /^(--|[—–])/.test(text.slice(i, j))) {
        j++;
        break;
      }
      j++;
    }
    tokens.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
}

export function parseOptions(text: string): ParsedOptions | { error: string } {
  const result: ParsedOptions = { budget: {}, verify: [] };
  const tokens = tokenize(text);
  if ('error' in tokens) return tokens;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const option = token.quoted ? null : OPTION_TOKEN.exec(token.text);
    if (!option)
      return { error: `Unexpected text "${short(token.text)}" where an option was expected.` };
    const rawName = option[1]!.toLowerCase();
    const name: OptionName | undefined =
      ALIASES[rawName] ?? OPTION_NAMES.find((n) => n === rawName);
    if (!name) {
      return {
        error: `Unknown option \`--${short(rawName)}\`: the options are ${OPTION_NAMES.map((n) => `\`--${n}\``).join(', ')}. If it is part of the objective, put it in backticks (\`--${short(rawName)}\`) or quote the whole objective; if it belongs to a \`--verify\` command, quote the command.`,
      };
    }
    const values: Token[] = option[2] ? [{ text: option[2], quoted: false }] : [];
    for (
      i++;
      i < tokens.length && (tokens[i]!.quoted || !OPTION_TOKEN.test(tokens[i]!.text));
      i++
    ) {
      values.push(tokens[i]!);
    }
    if (values.length === 0 || (values.length === 1 && !values[0]!.text)) {
      return { error: `\`--${name}\` needs a value, e.g. ${EXAMPLE[name]}.` };
    }
    if (values[0]!.quoted && values.length > 1) {
      return {
        error: `Unexpected text after the quoted value of \`--${name}\`: "${values
          .slice(1)
          .map((v) => v.text)
          .join(' ')}". Quote the whole value, e.g. ${EXAMPLE[name]}.`,
      };
    }
    const value = values.map((v) => v.text).join(' ');
    const error = applyOption(result, name, value);
    if (error) return { error };
  }
  return result;
}

const EXAMPLE: Record<OptionName, string> = {
  budget: '`--budget 2M` (tokens: 500k, 2M, 1.5m)',
  usd: '`--usd 5` or `--usd $5`',
  time: '`--time 3h` (90m, 1h30m, 2d)',
  iterations: '`--iterations 40`',
  verify: '`--verify "npm test"`',
};

const DIMENSION_OF: Record<Exclude<OptionName, 'verify'>, keyof BudgetLimits> = {
  budget: 'tokens',
  usd: 'usd',
  time: 'timeSec',
  iterations: 'iterations',
};

function applyOption(result: ParsedOptions, name: OptionName, value: string): string | undefined {
  if (name === 'verify') {
    result.verify.push(value);
    return undefined;
  }
  const parsed = optionBudget(name, value);
  if (!parsed)
    return `\`--${name}\` does not understand "${short(value)}": write ${EXAMPLE[name]}.`;
  for (const [dimension, amount] of Object.entries(parsed) as [keyof BudgetLimits, number][]) {
    if (!(amount > 0))
      return `\`--${name}\` must be more than zero (got "${short(value)}"): write ${EXAMPLE[name]}.`;
    if (result.budget[dimension] !== undefined) {
      return `The ${DIMENSION_LABEL[dimension]} limit is given twice (\`--${name} ${short(value)}\`); give it once.`;
    }
    result.budget[dimension] = amount;
  }
  return undefined;
}

const DIMENSION_LABEL: Record<keyof BudgetLimits, string> = {
  tokens: 'token',
  usd: 'USD',
  timeSec: 'time',
  iterations: 'iteration',
};

function optionBudget(
  name: Exclude<OptionName, 'verify'>,
  value: string,
): Partial<BudgetLimits> | undefined {
  const single = (n: number | undefined) =>
    n === undefined ? undefined : { [DIMENSION_OF[name]]: n };
  switch (name) {
    case 'usd':
      return single(parseUsd(value, true));
    case 'time':
      return single(parseDurationSec(value));
    case 'iterations':
      return single(parseIterations(value, true));
    case 'budget': {
      const tokens = parseTokens(value, true);
      if (tokens !== undefined) return { tokens };
      try {
        // `--budget "2M tokens, $5"` or `--budget $5`: a full budget is welcome too.
        return parseBudget(value, '--budget');
      } catch (error) {
        if (error instanceof ConfigError) return undefined;
        throw error;
      }
    }
  }
}
