// Shared wording for every renderer: numbers, states, the stop reason said plainly and the exact
// command that continues a goal. One place, so the comment, the PR, the job summary and the
// terminal never disagree about what a state means or what to type next.
import type { BudgetDimension, GoalRecord, GoalState, StopReason } from '../engine/index.js';

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

/** A reply that mentions `login` exactly once, at the start (notifying them once). */
export function mentionOnce(login: string, text: string): string {
  const at = `@${login}`;
  const rest = text.trim();
  return rest.toLowerCase().startsWith(at.toLowerCase()) ? rest : `${at} ${rest}`;
}

/** "1 test", "2 tests": a count with its noun, singular or plural. */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

/** "~$0.42", or "under $0.01" where a tilde before "<$0.01" would read as noise. */
export function approxUsd(n: number): string {
  return n > 0 && n < 0.01 ? 'under $0.01' : `~${formatUsd(n)}`;
}

/** Rules whose findings say nothing about whether the verifiers' passes can be trusted. */
const NOT_EVIDENCE_RULES = new Set(['ci-edited', 'protected-path']);

/** The findings that mean the verifiers' passes are not evidence. */
export function evidenceFindings(record: GoalRecord): GoalRecord['findings'] {
  return record.findings.filter((f) => !NOT_EVIDENCE_RULES.has(f.rule));
}

/** A finding's detail without the path it already starts with (the path is shown beside it). */
export function findingDetail(f: GoalRecord['findings'][number]): string {
  return f.path && f.detail.startsWith(`${f.path}: `)
    ? f.detail.slice(f.path.length + 2)
    : f.detail;
}

/** "`test-skipped` and `fewer-tests`": the distinct rule ids of the findings. */
export function ruleList(findings: GoalRecord['findings']): string {
  const ids = [...new Set(findings.map((f) => `\`${f.rule}\``))];
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

function budgetSentence(record: GoalRecord, dimension: BudgetDimension, detail: string): string {
  const { budget, ledger } = record;
  const nextCall = /^the next call\b/i.test(detail);
  switch (dimension) {
    case 'tokens':
      return nextCall
        ? `the goal stopped before the next model call, which would have passed the token budget (${formatTokens(ledger.tokens)} of ${formatTokens(budget.tokens)} used)`
        : `the token budget is used up (${formatTokens(ledger.tokens)} of ${formatTokens(budget.tokens)})`;
    case 'usd':
      return nextCall
        ? `the goal stopped before the next model call, which would have passed the cost budget (${formatUsd(ledger.usd)} of ${formatUsd(budget.usd)} used)`
        : `the cost budget is used up (${formatUsd(ledger.usd)} of ${formatUsd(budget.usd)})`;
    case 'time':
      return `the time budget is used up (${formatDuration(ledger.elapsedSec)} of ${formatDuration(budget.timeSec)})`;
    case 'iterations':
      return `all ${plural(budget.iterations, 'iteration')} of the budget are used`;
    case 'quota':
      return `the model provider refused the call for lack of quota${detail ? ` (${oneLine(detail, 200)})` : ''}`;
  }
}

/** How many of the latest iterations left the verifier results exactly as they were before. */
function unchangedIterations(record: GoalRecord): number {
  const baseline = record.baseline?.results ?? [];
  let prev = {
    passing: baseline.filter((r) => r.passed).length,
    metrics: JSON.stringify(
      Object.fromEntries(
        baseline.filter((r) => r.metricValue !== undefined).map((r) => [r.name, r.metricValue]),
      ),
    ),
  };
  let lastChange = 0;
  for (const h of record.history) {
    const now = { passing: h.passing, metrics: JSON.stringify(h.metrics) };
    if (now.passing !== prev.passing || now.metrics !== prev.metrics) lastChange = h.iteration;
    prev = now;
  }
  const run = record.iteration - lastChange;
  return run > 0 ? run : Math.max(1, record.stall.idle);
}

/** Why the goal stopped, as a clause ("the token budget is used up (…)"), or undefined. */
function stopClause(record: GoalRecord): string | undefined {
  const reason: StopReason | undefined = record.stopReason;
  if (!reason || reason.kind !== record.state) return undefined;
  switch (reason.kind) {
    case 'achieved':
      return undefined;
    case 'blocked':
      return `${trimStop(oneLine(reason.blocker, 300))}; the agent needs ${trimStop(oneLine(reason.needs, 300))}`;
    case 'budget-limited':
      return budgetSentence(record, reason.dimension, reason.detail);
    case 'stalled': {
      const idle = unchangedIterations(record);
      const nudged = record.stall.nudged
        ? ', even after the agent was asked to change approach'
        : '';
      return `${idle === 1 ? 'the last iteration' : `the last ${idle} iterations`} changed nothing the verifiers measure${nudged}`;
    }
    case 'paused': {
      const detail = trimStop(oneLine(reason.detail, 300)).replace(/;?\s*continue with .*$/i, '');
      return `it was paused after iteration ${record.iteration}${detail ? ` (${detail.charAt(0).toLowerCase()}${detail.slice(1)})` : ''}`;
    }
    case 'cleared':
      return 'the goal was cleared; its branch and draft PR are kept';
    case 'failed':
      return `${trimStop(oneLine(reason.error, 300))}`;
  }
}

/**
 * What happened, in one plain sentence without the next step and without a final stop. Decided
 * from the same facts as completion: a goal whose verifiers pass only through tampering says so
 * first, whatever else stopped it.
 */
export function reasonSentence(record: GoalRecord): string {
  if (record.awaitingConfirmation)
    return 'The agent restated the contract and waits for your confirmation before it edits anything';
  if (record.state === 'queued') return 'The goal waits for a runner to start it';
  if (record.state === 'pursuing')
    return `Iteration ${record.iteration} is running; ${passingPhrase(record)}`;
  const tampered = evidenceFindings(record);
  const clause = stopClause(record);
  if (record.state === 'achieved')
    return `Every required verifier passes${record.latest?.sha ? ` on ${shortSha(record.latest.sha)}` : ''} after ${plural(record.iteration, 'iteration')}, and no tamper rule fired`;
  if (tampered.length > 0 && record.state !== 'cleared') {
    const why = `the verifiers pass only with changes that weaken them (${ruleList(tampered)})`;
    return capitalize(clause ? `${why}, and ${clause}` : why);
  }
  if (!clause)
    return `${capitalize(record.state)} after iteration ${record.iteration}; ${passingPhrase(record)}`;
  const progress =
    record.state === 'budget-limited' || record.state === 'stalled' || record.state === 'paused'
      ? `; ${passingPhrase(record)}`
      : '';
  return capitalize(`${clause}${progress}`);
}

/** The exact commands that continue the goal, in the order to type them; empty when none does. */
export function nextCommands(record: GoalRecord): string[] {
  if (record.awaitingConfirmation) return ['/goal resume'];
  const reason = record.stopReason;
  const steer =
    evidenceFindings(record).length > 0 ? '/goal resume <what to do instead>' : undefined;
  switch (record.state) {
    case 'queued':
    case 'pursuing':
    case 'cleared':
    case 'achieved':
      return [];
    case 'budget-limited': {
      const resume = steer ?? '/goal resume';
      if (reason?.kind !== 'budget-limited') return [resume];
      const raise = raisedBudgetCommand(record, reason.dimension);
      return raise ? [raise, resume] : [resume];
    }
    case 'blocked':
      return ['/goal resume <answer>'];
    case 'stalled':
      return ['/goal resume <new direction>'];
    case 'paused':
      return [steer ?? '/goal resume'];
    case 'failed':
      return ['/goal resume'];
  }
}

/** The next step with its exact command — or an empty string when nothing continues the goal. */
export function nextStepHint(record: GoalRecord): string {
  if (record.awaitingConfirmation)
    return 'Confirm with `/goal resume`, or change it with `/goal edit <objective>`.';
  if (record.state === 'pursuing') return 'Send `/goal pause` to stop it after the current step.';
  if (record.state === 'achieved') return achievedHint(record);
  if (record.state === 'failed' && record.stopReason?.kind === 'failed') {
    const action = trimStop(oneLine(record.stopReason.action, 300));
    const resume = 'Continue with `/goal resume`.';
    if (!action) return resume;
    return action.includes('/goal') ? `${capitalize(action)}.` : `${capitalize(action)}. ${resume}`;
  }
  const commands = nextCommands(record).map((c) => `\`${c}\``);
  if (commands.length === 0) return '';
  const quota =
    record.stopReason?.kind === 'budget-limited' && record.stopReason.dimension === 'quota';
  if (quota)
    return `Add credit to the provider account, then continue with ${commands.join(' then ')}.`;
  if (record.state === 'blocked') return `Answer with ${commands.join(' then ')}.`;
  if (record.state === 'stalled') return `Give it a new direction with ${commands.join(' then ')}.`;
  if (evidenceFindings(record).length > 0)
    return `Undo the flagged changes (or allow them with \`allowed-changes:\` in \`.github/goal.yml\`), then continue with ${commands.join(' then ')}.`;
  return `Continue with ${commands.join(' then ')}.`;
}

/**
 * What to do with an achieved goal. Only a goal with a PR has a PR to review: an objective the code
 * already met changed nothing, and the local CLI commits to a branch without opening one.
 */
function achievedHint(record: GoalRecord): string {
  if (record.pr)
    return `Review the draft PR #${record.pr.number}; it stays a draft until a person merges it.`;
  if (record.checkpoints.length === 0)
    return 'Nothing needed changing: the verifiers already pass on the code as it is.';
  return `Review the commits on branch \`${record.branch}\`; nothing is merged until a person does it.`;
}

/** The first line of every renderer: state and reason, with the next step. No emoji, no markup. */
export function stateLine(record: GoalRecord): string {
  const hint = nextStepHint(record);
  return `${record.state}: ${reasonSentence(record)}.${hint ? ` ${hint}` : ''}`;
}

/** "2 of 3 required verifiers pass" from the latest run, or what is known before one ran. */
export function passingPhrase(record: GoalRecord): string {
  const counts = requiredCounts(record);
  if (!counts) return 'no verifier has run yet';
  if (counts.total === 1)
    return `the required verifier ${counts.passing === 1 ? 'passes' : 'fails'}`;
  return `${counts.passing} of ${counts.total} required verifiers pass`;
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
