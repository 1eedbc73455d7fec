// The end of a CLI run: the same facts as the status comment, as plain aligned text.
import type { GoalRecord } from '../engine/index.js';
import {
  formatDuration,
  formatPercent,
  formatTokens,
  formatUsd,
  nextStepHint,
  oneLine,
  reasonSentence,
  shortSha,
} from './format.js';
import { projectNextIteration } from './sections.js';
import { verifierRows, type VerifierOutcome } from './verifiers.js';

export interface TerminalTextOptions {
  /** The next-step sentence; the CLI passes its own (its commands are not `/goal …`). */
  nextStepHint?: (record: GoalRecord) => string;
}

const OUTCOME_TEXT: Record<VerifierOutcome, string> = {
  pass: 'pass',
  fail: 'FAIL',
  flaky: 'flaky',
  timeout: 'TIMEOUT',
  'not run': 'not run',
};

const PLAN_BOX = { completed: '[x]', in_progress: '[~]', pending: '[ ]' } as const;

/** Removes terminal control sequences and control characters from text the model or a tool wrote. */
export function plain(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b./g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '')
  );
}

function columns(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    `${indent}${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

/** "budget-limited: The token budget is used up (2.0M of 2.0M); …. Continue with …" */
export function terminalStateLine(record: GoalRecord, opts: TerminalTextOptions = {}): string {
  const hint = (opts.nextStepHint ?? nextStepHint)(record);
  return plain(`${record.state}: ${reasonSentence(record)}.${hint ? ` ${hint}` : ''}`);
}

export function renderTerminalSummary(record: GoalRecord, opts: TerminalTextOptions = {}): string {
  const lines: string[] = [terminalStateLine(record, opts), ''];
  if (record.findings.length > 0) {
    lines.push(`!! Needs reviewer attention: ${record.findings.length} tamper finding(s)`);
    for (const f of record.findings)
      lines.push(
        `   - ${plain(f.rule)}${f.path ? ` ${plain(f.path)}` : ''}: ${plain(oneLine(f.detail, 300))}`,
      );
    lines.push('');
  }
  const last = record.checkpoints.at(-1);
  lines.push(
    ...columns(
      [
        ['Goal', plain(oneLine(record.contract.outcome, 200))],
        ['Checkpoint', last ? `${record.checkpoints.length} (${shortSha(last.sha)})` : 'none yet'],
        ['Iteration', String(record.iteration)],
        // A goal that committed nothing leaves no branch behind (it is removed): none to name.
        ...(last ? [['Branch', record.branch]] : []),
        ...(record.pr ? [['Pull request', record.pr.url]] : []),
      ].map(([k, v]) => [`${k}:`, v ?? '']),
      '',
    ),
    '',
  );

  const rows = verifierRows(record);
  if (rows.length > 0) {
    lines.push('Verifiers');
    lines.push(
      ...columns(
        rows.map((r) => [
          `${plain(r.name)}${r.required ? '' : ' (optional)'}`,
          OUTCOME_TEXT[r.outcome],
          plain(r.value ?? ''),
          [r.change, r.movement].filter(Boolean).join(', '),
        ]),
      ),
    );
    const failing = rows.flatMap((r) =>
      r.failingTests.map((t) => `${plain(t.name)}${t.preExisting ? ' (pre-existing)' : ''}`),
    );
    if (failing.length > 0) lines.push(`  failing tests: ${failing.slice(0, 10).join(', ')}`);
    if (record.flaky.length > 0) lines.push(`  flaky: ${record.flaky.map(plain).join(', ')}`);
    lines.push('');
  }

  if (record.plan.length > 0) {
    const done = record.plan.filter((s) => s.status === 'completed').length;
    lines.push(`Plan (${done} of ${record.plan.length} done)`);
    for (const s of record.plan)
      lines.push(`  ${PLAN_BOX[s.status]} ${plain(oneLine(s.step, 200))}`);
    lines.push('');
  }

  const { budget, ledger } = record;
  lines.push('Budget');
  lines.push(
    ...columns([
      [
        'tokens',
        `${formatTokens(ledger.tokens)} / ${formatTokens(budget.tokens)}`,
        formatPercent(ledger.tokens, budget.tokens),
      ],
      [
        'cost',
        `${formatUsd(ledger.usd)} / ${formatUsd(budget.usd)}`,
        formatPercent(ledger.usd, budget.usd),
      ],
      [
        'time',
        `${formatDuration(ledger.elapsedSec)} / ${formatDuration(budget.timeSec)}`,
        formatPercent(ledger.elapsedSec, budget.timeSec),
      ],
      [
        'iterations',
        `${record.iteration} / ${budget.iterations}`,
        formatPercent(record.iteration, budget.iterations),
      ],
    ]),
  );
  if (ledger.usage.cachedInputTokens > 0)
    lines.push(
      `  prompt cache: ${formatTokens(ledger.usage.cachedInputTokens)} of ${formatTokens(ledger.usage.inputTokens)} input tokens cached`,
    );
  const next = projectNextIteration(record);
  if (next && record.state !== 'achieved' && record.state !== 'cleared')
    lines.push(
      `  next iteration ≈ ${formatTokens(next.tokens)} tokens${next.usd !== undefined ? ` (~${formatUsd(next.usd)})` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}
