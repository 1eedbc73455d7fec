// Shared wording for every renderer: numbers, states, the stop reason said plainly and the exact
// command that continues a goal. One place, so the comment, the PR, the job summary and the
// terminal never disagree about what a state means or what to type next.
import type { BudgetDimension, GoalRecord, GoalState, StopReason } from '../engine/types.js';

/** 340 → "340", 12_345 → "12k", 1_234_567 → "1.2M". */
export function formatTokens(n: number): string {
  const value = Math.max(0, Math.round(n));
  if (value < 1_000) return String(value);
  if (value < 10_000) return `${(value / 1_000).toFixed(1)}k`;
  if (value < 999_500) return `${Math.round(value / 1_000)}k`;
  return `${(value / 1_000_000).toFixed(1)}M`;
}

/** $0.42; tiny non-zero amounts say so instead of rounding to $0.00. */
export function formatUsd(n: number): string {
  if (n > 0 && n < 0.01) return '<$0.01';
  return `$${n.toFixed(2)}`;
}

/** 45 → "45s", 192 → "3m 12s", 3780 → "1h 3m", 100_000 → "1d 3h". */
export function formatDuration(totalSec: number): string {
  const sec = Math.max(0, Math.round(totalSec));
  if (sec < 60) return `${sec}s`;
  const minutes = Math.floor(sec / 60);
  if (minutes < 60) return sec % 60 === 0 ? `${minutes}m` : `${minutes}m ${sec % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}

/** A metric value without float noise: 118, 0.93, 1.2346. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(5)));
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export const STATE_EMOJI: Record<GoalState, string> = {
  queued: '⏳',
  pursuing: '🔄',
  achieved: '✅',
  blocked: '🚧',
  'budget-limited': '💸',
  stalled: '🐢',
  paused: '⏸️',
  cleared: '🧹',
  failed: '❌',
};

/** The loop has stopped and the goal waits for a person. */
export function isStopped(state: GoalState): boolean {
  return state !== 'queued' && state !== 'pursuing';
}

// ---------------------------------------------------------------- budget amounts in commands

/** A token amount as `/goal budget` accepts it: 4M, 500k, 1.5M. */
function tokenAmount(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(1))}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}k`;
  return String(Math.round(n));
}

function usdAmount(n: number): string {
  return Number.isInteger(n) ? `$${n}` : `$${n.toFixed(2)}`;
}

function timeAmount(sec: number): string {
  const minutes = Math.ceil(sec / 60);
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** The `/goal budget …` amount that doubles the limit that ran out. */
export function raisedBudgetCommand(
  record: GoalRecord,
  dimension: BudgetDimension,
): string | undefined {
  const { budget } = record;
  switch (dimension) {
    case 'tokens':
      return `/goal budget ${tokenAmount(Math.max(budget.tokens * 2, record.ledger.tokens * 1.5))}`;
    case 'usd':
      return `/goal budget ${usdAmount(Math.ceil(Math.max(budget.usd * 2, record.ledger.usd * 1.5)))}`;
    case 'time':
      return `/goal budget ${timeAmount(Math.max(budget.timeSec * 2, record.ledger.elapsedSec * 1.5))}`;
    case 'iterations':
      return `/goal budget ${Math.max(budget.iterations * 2, record.iteration + 1)} iterations`;
    case 'quota':
      return undefined;
  }
}

// ---------------------------------------------------------------- reasons and next steps

function budgetSentence(record: GoalRecord, dimension: BudgetDimension, detail: string): string {
  const { budget, ledger } = record;
  switch (dimension) {
    case 'tokens':
      return `token budget used (${formatTokens(ledger.tokens)} of ${formatTokens(budget.tokens)})`;
    case 'usd':
      return `cost budget used (${formatUsd(ledger.usd)} of ${formatUsd(budget.usd)})`;
    case 'time':
      return `time budget used (${formatDuration(ledger.elapsedSec)} of ${formatDuration(budget.timeSec)})`;
    case 'iterations':
      return `iteration budget used (${record.iteration} of ${budget.iterations})`;
    case 'quota':
      return `the model provider refused for lack of quota${detail ? ` (${oneLine(detail, 200)})` : ''}`;
  }
}

/** Why the goal is where it is, in one sentence without the next step. */
export function reasonSentence(record: GoalRecord): string {
  if (record.awaitingConfirmation)
    return 'waiting for you to confirm the contract restatement before any edit';
  const reason: StopReason | undefined = record.stopReason;
  if (record.state === 'queued') return 'waiting for a runner to start the loop';
  if (record.state === 'pursuing' || !reason || reason.kind !== record.state) {
    if (record.state === 'pursuing')
      return `iteration ${record.iteration}, ${passingPhrase(record)}`;
    return `${record.state} after iteration ${record.iteration}, ${passingPhrase(record)}`;
  }
  switch (reason.kind) {
    case 'achieved':
      return `every verifier passes${record.latest?.sha ? ` on ${shortSha(record.latest.sha)}` : ''} after ${record.iteration} iteration${record.iteration === 1 ? '' : 's'}`;
    case 'blocked':
      return `${trimStop(oneLine(reason.blocker, 300))}. Needs: ${trimStop(oneLine(reason.needs, 300))}`;
    case 'budget-limited':
      return budgetSentence(record, reason.dimension, reason.detail);
    case 'stalled':
      return `verifier results stopped improving (${trimStop(oneLine(reason.detail, 300))})`;
    case 'paused':
    case 'cleared':
      return trimStop(oneLine(reason.detail, 300)) || reason.kind;
    case 'failed':
      return `${trimStop(oneLine(reason.error, 300))}. ${trimStop(oneLine(reason.action, 300))}`;
  }
}

/** The exact commands that continue the goal, in the order to type them; empty when none does. */
export function nextCommands(record: GoalRecord): string[] {
  if (record.awaitingConfirmation) return ['/goal resume'];
  const reason = record.stopReason;
  switch (record.state) {
    case 'queued':
    case 'pursuing':
    case 'cleared':
      return [];
    case 'achieved':
      return [];
    case 'budget-limited': {
      if (reason?.kind !== 'budget-limited') return ['/goal resume'];
      const raise = raisedBudgetCommand(record, reason.dimension);
      return raise ? [raise, '/goal resume'] : ['/goal resume'];
    }
    case 'blocked':
      return ['/goal resume <answer>'];
    case 'stalled':
      return ['/goal resume <new direction>'];
    case 'paused':
    case 'failed':
      return ['/goal resume'];
  }
}

/** "Continue with `/goal budget 4M` then `/goal resume`." — or an empty string when nothing continues it. */
export function nextStepHint(record: GoalRecord): string {
  const commands = nextCommands(record).map((c) => `\`${c}\``);
  if (record.state === 'pursuing') return 'Send `/goal pause` to stop after the current step.';
  if (record.state === 'achieved')
    return 'Review the draft PR; `/goal edit <objective>` sets a new objective on this branch.';
  if (record.state === 'cleared') return '';
  if (commands.length === 0) return '';
  const quota =
    record.stopReason?.kind === 'budget-limited' && record.stopReason.dimension === 'quota';
  const prefix = quota ? 'Add credit to the provider account, then continue with' : 'Continue with';
  const guidance = record.state === 'blocked' ? ' once you can provide what it needs' : '';
  return `${prefix} ${commands.join(' then ')}${guidance}.`;
}

/** The first line of every renderer: state and reason, with the next step. No emoji, no markup. */
export function stateLine(record: GoalRecord): string {
  const hint = nextStepHint(record);
  return `${record.state}: ${reasonSentence(record)}.${hint ? ` ${hint}` : ''}`;
}

/** "2 of 3 required verifiers passing" from the latest run, or what is known before one ran. */
export function passingPhrase(record: GoalRecord): string {
  const counts = requiredCounts(record);
  if (!counts) return 'no verifier run yet';
  return `${counts.passing} of ${counts.total} required verifier${counts.total === 1 ? '' : 's'} passing`;
}

export function requiredCounts(record: GoalRecord): { passing: number; total: number } | null {
  if (!record.latest) return null;
  const required = new Set(
    record.contract.verification.filter((v) => v.required).map((v) => v.name),
  );
  const results = record.latest.results.filter((r) => required.size === 0 || required.has(r.name));
  return { passing: results.filter((r) => r.passed).length, total: results.length };
}

// ---------------------------------------------------------------- text hygiene

/** Collapses whitespace and clips, so user or model text stays on one line. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function trimStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
