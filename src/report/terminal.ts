// The live progress display of a CLI run. On a TTY: event lines scroll above one status line that
// is redrawn in place. Elsewhere (CI logs, pipes): one plain line per event, no escape codes, no
// spinner, so logs stay greppable.
import type { EngineEvent, Reporter } from '../engine/index.js';
import type { GoalRecord, VerifierResult } from '../engine/index.js';
import {
  formatDuration,
  formatNumber,
  formatTokens,
  formatUsd,
  oneLine,
  passingPhrase,
  requiredCounts,
  shortSha,
} from './format.js';
import { plain, terminalStateLine, type TerminalTextOptions } from './terminal-summary.js';
import { targetText } from './verifiers.js';

export { renderTerminalSummary, type TerminalTextOptions } from './terminal-summary.js';

export interface TerminalOut {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface TerminalReporterOptions extends TerminalTextOptions {
  /** Colours; defaults to on for a TTY and off otherwise. Cursor movement is never used off a TTY. */
  color?: boolean;
  /** Spinner frame interval on a TTY; 0 turns the spinner off (tests). */
  spinnerMs?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

type Paint = (text: string, style: 'green' | 'red' | 'yellow' | 'dim' | 'bold') => string;

const STYLE_CODES = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;

function verifiedLine(record: GoalRecord, results: VerifierResult[], paint: Paint): string {
  const parts = results.map((r) => {
    const spec = record.contract.verification.find((s) => s.name === r.name);
    const base = record.baseline?.results.find((b) => b.name === r.name)?.metricValue;
    const value =
      r.metricValue !== undefined
        ? ` ${formatNumber(r.metricValue)}${spec?.target ? ` (target ${targetText(spec.target, base)})` : ''}`
        : '';
    const name = plain(r.name);
    if (r.flaky) return paint(`⚠ ${name} flaky${value}`, 'yellow');
    if (r.passed) return paint(`✓ ${name}${value}`, 'green');
    return paint(`✗ ${name}${r.timedOut ? ' timed out' : ''}${value}`, 'red');
  });
  const ms = results.reduce((n, r) => n + r.durationMs, 0);
  // How long the verifiers took: where a slow iteration's time went (and the bench's denominator).
  const took = results.length ? paint(` in ${seconds(ms)}`, 'dim') : '';
  return `  verified: ${parts.join(' · ') || 'no verifiers'}${took}`;
}

/** 0.61 s, 3.6 s, 95 s: a verifier run's duration, to two significant digits or more. */
function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 1 ? s.toFixed(2) : s < 60 ? s.toFixed(1) : Math.round(s)} s`;
}

function budgetFacts(record: GoalRecord): string {
  const { ledger, budget } = record;
  return `${formatTokens(ledger.tokens)}/${formatTokens(budget.tokens)} tokens · ${formatUsd(ledger.usd)}/${formatUsd(budget.usd)} · ${formatDuration(ledger.elapsedSec)}`;
}

function eventLines(event: EngineEvent, paint: Paint, opts: TerminalTextOptions): string[] {
  const { record } = event;
  switch (event.type) {
    case 'started': {
      const b = record.budget;
      return [
        paint(`goal ${record.id}: ${plain(oneLine(record.title, 120))}`, 'bold'),
        `  budget ${formatTokens(b.tokens)} tokens, ${formatUsd(b.usd)}, ${formatDuration(b.timeSec)}, ${b.iterations} iterations · branch ${record.branch}`,
      ];
    }
    case 'baseline':
      return [`baseline: ${passingPhrase(record)}`];
    case 'restated': {
      const text = plain(event.text).trim().split('\n');
      const shown = text.slice(0, 12).map((l) => `  │ ${l}`);
      return [
        'contract restated:',
        ...shown,
        ...(text.length > 12 ? [`  │ … ${text.length - 12} more lines`] : []),
      ];
    }
    case 'iteration-start':
      return [paint(`── iteration ${record.iteration} ──`, 'bold')];
    case 'model-turn': {
      const said = plain(oneLine(event.text, 160));
      const calls = `${event.toolCalls} tool call${event.toolCalls === 1 ? '' : 's'}, ${formatTokens(event.tokens)} tokens`;
      return [paint(`  model: ${said ? `${said} ` : ''}(${calls})`, 'dim')];
    }
    case 'tool': {
      const mark = event.ok ? paint('✓', 'green') : paint('✗', 'red');
      return [`  ${mark} ${plain(event.name)}: ${plain(oneLine(event.summary, 200))}`];
    }
    case 'checkpoint':
      return [
        `  checkpoint ${shortSha(event.checkpoint.sha)}: ${plain(oneLine(event.checkpoint.summary, 160))}`,
      ];
    case 'verified':
      return [verifiedLine(record, event.results, paint)];
    case 'compacted':
      return [
        event.ok
          ? paint('  context compacted', 'dim')
          : paint('  context compaction failed; continuing with a clipped conversation', 'yellow'),
      ];
    case 'note':
      return [`  note: ${plain(oneLine(event.text, 300))}`];
    case 'iteration-end':
      return [
        paint(
          `  iteration ${record.iteration} done: ${passingPhrase(record)} · ${budgetFacts(record)}`,
          'dim',
        ),
      ];
    case 'stopped':
      return [
        paint(terminalStateLine(record, opts), record.state === 'achieved' ? 'green' : 'bold'),
      ];
  }
}

/** Compact, so the facts survive an 80-column terminal: the activity is what gets clipped. */
function statusText(record: GoalRecord | undefined, activity: string): string {
  if (!record) return 'starting…';
  const counts = requiredCounts(record);
  const verifiers = counts ? `${counts.passing}/${counts.total} verifiers` : 'not verified yet';
  const { ledger, budget } = record;
  const facts = `iteration ${record.iteration}/${budget.iterations} · ${verifiers} · ${formatTokens(ledger.tokens)}/${formatTokens(budget.tokens)} tokens · ${formatUsd(ledger.usd)}`;
  return activity ? `${facts} · ${activity}` : facts;
}

export function createTerminalReporter(
  out: TerminalOut,
  opts: TerminalReporterOptions = {},
): Reporter & { close(): void } {
  const tty = out.isTTY === true;
  const color = opts.color ?? tty;
  const paint: Paint = (text, style) =>
    color ? `\x1b[${STYLE_CODES[style]}m${text}\x1b[0m` : text;
  let record: GoalRecord | undefined;
  let activity = '';
  let frame = 0;
  let statusShown = false;
  let closed = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const width = () => Math.max(20, (out.columns ?? 80) - 1);
  const status = () => {
    // Clip before painting: the line must stay on one row or the redraw leaves debris.
    const text = `${SPINNER[frame % SPINNER.length]} ${statusText(record, activity)}`;
    return paint(text.length > width() ? `${text.slice(0, width() - 1)}…` : text, 'dim');
  };
  const redraw = () => {
    if (!tty || closed) return;
    out.write(`${CLEAR_LINE}${status()}`);
    statusShown = true;
  };
  const stopSpinner = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const clearStatus = () => {
    if (tty && statusShown) out.write(CLEAR_LINE);
    statusShown = false;
  };

  const spinnerMs = opts.spinnerMs ?? 100;
  if (tty && spinnerMs > 0) {
    timer = setInterval(() => {
      frame += 1;
      redraw();
    }, spinnerMs);
    // Never keep the process alive for a spinner.
    timer.unref?.();
  }

  return {
    onEvent(event: EngineEvent) {
      if (closed) return;
      try {
        record = event.record;
        if (event.type === 'tool')
          activity = `${plain(event.name)}: ${plain(oneLine(event.summary, 60))}`;
        if (event.type === 'iteration-start') activity = '';
        const lines = eventLines(event, paint, opts);
        const text = lines.map((l) => `${l}\n`).join('');
        if (tty) {
          // One write per event: clear the status line, print, redraw it. No flicker, no debris.
          const clear = statusShown ? CLEAR_LINE : '';
          if (event.type === 'stopped') stopSpinner();
          const redrawn = event.type === 'stopped' ? '' : `${CLEAR_LINE}${status()}`;
          out.write(`${clear}${text}${redrawn}`);
          statusShown = redrawn !== '';
        } else {
          out.write(text);
        }
      } catch {
        // A broken terminal must not stop the goal; the record still holds every fact.
      }
    },
    close() {
      if (closed) return;
      stopSpinner();
      try {
        clearStatus();
      } catch {
        // The stream is already gone.
      }
      closed = true;
    },
  };
}
