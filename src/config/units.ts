// Amounts people type: token counts (500k, 2M, 1.5m), dollars ($5, 5 usd), durations (3h, 90m,
// 1h30m, 2d) and iteration counts. Each parser returns undefined when the text is not of its form,
// so callers can try forms in turn and word their own error for the key being read.

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;

const TOKENS_WITH_UNIT = new RegExp(
  String.raw`^${NUMBER}\s*(k|m|thousand|million)?\s*(tokens?|tok)?$`,
  'i',
);
const USD_PREFIX = new RegExp(String.raw`^\$\s*${NUMBER}$`);
const USD_SUFFIX = new RegExp(String.raw`^${NUMBER}\s*(\$|usd|dollars?)$`, 'i');
const ITERATIONS = /^(\d+)\s*(iterations?|iters?)$/i;
const DURATION_PART = new RegExp(
  String.raw`${NUMBER}\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])\s*`,
  'iy',
);

const SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** Amounts are short; longer text is not one (and never reaches a regular expression). */
const MAX_AMOUNT_LENGTH = 60;

function amount(text: string): string | undefined {
  const s = text.trim();
  return s.length <= MAX_AMOUNT_LENGTH ? s.replace(/\s+/g, ' ') : undefined;
}

/**
 * Tokens: `2M`, `500k`, `1.5m`, `2M tokens`, `1234567 tokens`. A bare number (`2000000`) counts
 * only when `bare` is set, i.e. where the context already says "tokens" (`--budget 2000000`).
 */
export function parseTokens(text: string, bare = false): number | undefined {
  const s = amount(text);
  const m = s === undefined ? null : TOKENS_WITH_UNIT.exec(s);
  if (!m) return undefined;
  const [, num, multiplier, word] = m;
  if (!multiplier && !word && !bare) return undefined;
  const scale = !multiplier ? 1 : /^k|^thousand/i.test(multiplier) ? 1_000 : 1_000_000;
  return Math.round(Number(num) * scale);
}

/** Dollars: `$5`, `$ 2.50`, `5 usd`, `5$`, `5 dollars`; a bare number only when `bare` is set. */
export function parseUsd(text: string, bare = false): number | undefined {
  const s = amount(text);
  if (s === undefined) return undefined;
  const m =
    USD_PREFIX.exec(s) ?? USD_SUFFIX.exec(s) ?? (bare ? new RegExp(`^${NUMBER}$`).exec(s) : null);
  return m ? Number(m[1]) : undefined;
}

/** Iterations: `40 iterations`, `40 iters`; a bare whole number only when `bare` is set. */
export function parseIterations(text: string, bare = false): number | undefined {
  const s = amount(text);
  if (s === undefined) return undefined;
  const m = ITERATIONS.exec(s) ?? (bare ? /^(\d+)$/.exec(s) : null);
  return m ? Number(m[1]) : undefined;
}

/**
 * Durations in seconds: `3h`, `90m`, `1h30m`, `1h 30m`, `2d`, `45s`, `1.5h`, `3 hours`, `10 min`.
 * A bare number has no unit and is refused (is `90` minutes or seconds?).
 */
export function parseDurationSec(text: string): number | undefined {
  const s = amount(text);
  if (!s) return undefined;
  let total = 0;
  let pos = 0;
  // Bounded: every pass consumes at least one character of `s`.
  while (pos < s.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(s);
    if (!m) return undefined;
    const unit = m[2]!.toLowerCase();
    const key = unit.startsWith('mi') || unit === 'm' ? 'm' : unit[0]!;
    total += Number(m[1]) * SECONDS[key]!;
    pos = DURATION_PART.lastIndex;
  }
  return Math.round(total);
}

/** `2M`, `1.5M`, `500k`, `1234567`: the shortest exact form (callers add " tokens"). */
export function formatTokens(n: number): string {
  if (n >= 1_000_000 && n % 1_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  if (n >= 10_000 && n % 100 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** `$10`, `$2.50`, `$0.125`. */
export function formatUsd(n: number): string {
  if (Number.isInteger(n)) return `$${n}`;
  const cents = Math.round(n * 100);
  return cents === n * 100 ? `$${n.toFixed(2)}` : `$${n}`;
}

/**
 * `5h`, `1h30m`, `2d`, `45s`. Minutes on their own are written `30min`, because in a budget a lone
 * `30m` means 30 million tokens.
 */
export function formatDuration(totalSec: number): string {
  const sec = Math.round(totalSec);
  const d = Math.floor(sec / 86_400);
  const h = Math.floor((sec % 86_400) / 3_600);
  const m = Math.floor((sec % 3_600) / 60);
  const s = sec % 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean);
  if (parts.length === 0) return '0s';
  if (parts.length === 1 && m) return `${m}min`;
  return parts.join('');
}
