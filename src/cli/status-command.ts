// `goal-action status`: the stored goal of this repository and branch as a person reads it — its
// state and why, the objective, spending against the budget, the last verification, the
// checkpoints, and the exact command that continues it (or why nothing does yet).
import type { GoalRecord } from '../engine/index.js';
import {
  formatDuration,
  formatTokens,
  formatUsd,
  oneLine,
  plural,
  shortSha,
} from '../report/format.js';
import { renderTerminalSummary } from '../report/terminal.js';
import { plain, terminalStateLine } from '../report/terminal-summary.js';
import { localRecord } from './advice.js';
import { EXIT } from './errors.js';
import { unreadableMessage, openStore, selectGoal } from './goal-select.js';
import { liveRun, resumeVerdict } from './goal-rules.js';
import { localNextStep, type LocalOut } from './local-goal.js';
import { openRepository, startDir } from './preflight.js';

/** Checkpoints listed; older ones are counted. */
const SHOWN_CHECKPOINTS = 5;

export async function statusCommand(
  o: { repo?: string; goal?: string },
  out: LocalOut,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const repo = await openRepository(o.repo ?? startDir(env));
  const store = await openStore(repo);
  const selected = selectGoal(repo, store, o.goal);
  out.write(renderStatus(selected.record, selected.path));
  const broken = selected.others.filter((r) => r.kind === 'unreadable');
  for (const b of broken)
    if (b.kind === 'unreadable') out.write(`\nnote: ${unreadableMessage(b)}\n`);
  const more = selected.others.filter((r) => r.kind === 'found');
  if (more.length)
    out.write(
      `\nOther goals here: ${more
        .map((r) => (r.kind === 'found' ? `${r.record.branch} (${r.record.state})` : ''))
        .join(', ')} — goal-action status --goal <branch> shows one.\n`,
    );
  return EXIT.achieved;
}

export function renderStatus(
  stored: GoalRecord,
  path: string,
  alive?: (pid: number) => boolean,
): string {
  const record = localRecord(stored);
  const pid = liveRun(record, alive);
  const lines = [
    `Goal on ${record.branch} (${record.id}), started from ${record.baseRef}`,
    `Record: ${path}`,
    '',
  ];
  if (pid !== undefined)
    lines.push(`running: iteration ${record.iteration} is running in process ${pid}.`);
  else if (record.state === 'pursuing' || record.state === 'queued')
    lines.push(
      `interrupted: the last run ended without stopping the goal (killed or crashed) after iteration ${record.iteration}.`,
    );
  else lines.push(terminalStateLine(record, { nextStepHint: () => '' }));
  // The summary's first line is the state line with the next step: both are said here instead.
  const summary = renderTerminalSummary(record, { nextStepHint: localNextStep });
  lines.push('', summary.split('\n').slice(2).join('\n').trimEnd(), '');
  lines.push(...verificationLines(record));
  lines.push(...checkpointLines(record));
  lines.push(...nextLines(stored, pid, alive));
  return `${lines.join('\n')}\n`;
}

/** 2026-12-01T12:27:48.125Z → "2026-12-01 12:27 UTC". */
function when(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function verificationLines(record: GoalRecord): string[] {
  const run = record.latest;
  if (!run) return ['Last verification: none yet'];
  const passed = run.results.filter((r) => r.passed).length;
  const where = run.iteration === 0 ? 'the baseline' : `iteration ${run.iteration}`;
  return [
    `Last verification: ${where}, ${when(run.at)}${run.sha ? ` on ${shortSha(run.sha)}` : ''} — ${passed} of ${run.results.length} passed`,
  ];
}

function checkpointLines(record: GoalRecord): string[] {
  const all = record.checkpoints;
  if (all.length === 0) return ['Checkpoints: none yet', ''];
  const shown = all.slice(-SHOWN_CHECKPOINTS);
  return [
    `Checkpoints: ${all.length}${all.length > shown.length ? ` (the newest ${shown.length})` : ''}`,
    ...shown.map(
      (c) => `  ${shortSha(c.sha)}  iteration ${c.iteration}  ${plain(oneLine(c.summary, 100))}`,
    ),
    '',
  ];
}

function nextLines(
  record: GoalRecord,
  pid: number | undefined,
  alive?: (pid: number) => boolean,
): string[] {
  const spent = `${formatTokens(record.ledger.tokens)} tokens, ${formatUsd(record.ledger.usd)}, ${formatDuration(record.ledger.elapsedSec)} over ${plural(record.runs.length, 'run')}`;
  const verdict = resumeVerdict(record, alive);
  const next =
    pid !== undefined
      ? 'Press Ctrl-C in its terminal to pause it after the current step.'
      : verdict.ok && (record.state === 'pursuing' || record.state === 'queued')
        ? 'Continue with goal-action resume.'
        : localNextStep(localRecord(record));
  // A run that died leaves its reservation behind: the next run charges it (the calls it covered
  // may have been billed without their usage ever arriving).
  const reserved = record.ledger.reserved;
  const pending =
    reserved && pid === undefined && (reserved.tokens > 0 || reserved.usd > 0)
      ? ` (+ up to ${formatTokens(reserved.tokens)} tokens, ${formatUsd(reserved.usd)} reserved by its last run, charged when it continues)`
      : '';
  return [
    `Spent so far: ${spent}${pending}`,
    ...(next ? [`Next: ${plain(next)}`] : []),
    verdict.ok
      ? 'Resume: possible now (goal-action resume [guidance])'
      : `Resume: not possible now — ${plain(verdict.reason)}.`,
  ];
}
