// The honest report on stop: each part of the contract against the evidence, what was tried,
// what was abandoned, what is not done and what it cost. Says "not done" plainly.
import type { GoalRecord, ProgressEntry } from '../engine/index.js';
import {
  STATE_EMOJI,
  capitalize,
  oneLine,
  passingPhrase,
  plural,
  reasonSentence,
  ruleList,
  shortSha,
} from './format.js';
import { cell, code, safe, table } from './markdown.js';
import { costLine, findingsBlock, verifierTable } from './sections.js';
import { collapseProgress, iterationsLabel } from './collapse.js';
import { decideReport, type ReportDecision } from './decision.js';

const ABANDONED =
  /\b(abandon\w*|revert\w*|roll(?:ed|ing)? back|undo\w*|undid|gave up|give up|dropp?\w*|didn'?t work|did not work|dead end|instead)\b/i;

function bullets(items: string[], max: number): string {
  const shown = items.slice(-max).map((t) => `- ${safe(oneLine(t, 400))}`);
  const more = items.length > max ? [`- … and ${items.length - max} earlier`] : [];
  return [...more, ...shown].join('\n');
}

function contractOutcomeTable(record: GoalRecord, decision: ReportDecision): string {
  const rows = decision.rows;
  const untrusted = rows.filter((r) => r.outcome === 'pass' && !r.trusted);
  const failingRequired = rows.filter(
    (r) => r.required && r.outcome !== 'pass' && r.outcome !== 'flaky',
  );
  const flaky = rows.filter((r) => r.outcome === 'flaky');
  const flakyNote = flaky.length ? `; flaky: ${flaky.map((r) => code(r.name)).join(', ')}` : '';
  const regressed = rows.filter((r) => r.change === 'regressed');
  const reason = record.stopReason;
  const achieved = record.state === 'achieved';
  const outcomeEvidence =
    reason?.kind === 'achieved' ? oneLine(reason.evidence, 300) : passingPhrase(record);
  const verification = record.latest
    ? untrusted.length > 0
      ? `⚠️ ${untrusted.map((r) => code(r.name)).join(', ')} ${untrusted.length === 1 ? 'passes' : 'pass'} only with the flagged changes${failingRequired.length ? `; not passing: ${failingRequired.map((r) => code(r.name)).join(', ')}` : ''}`
      : failingRequired.length === 0
        ? `all required pass${record.latest.sha ? ` on ${code(shortSha(record.latest.sha))}` : ''}${flakyNote}`
        : `not passing: ${failingRequired.map((r) => code(r.name)).join(', ')}${flakyNote}`
    : 'no verifier run yet';
  const constraints =
    regressed.length === 0
      ? record.baseline
        ? '✅ no verifier regressed against the baseline'
        : '➖ no baseline to compare with'
      : `❌ regressed: ${regressed.map((r) => code(r.name)).join(', ')}`;
  const boundaries =
    record.findings.length === 0
      ? '✅ no tamper finding'
      : `⚠️ ${plural(record.findings.length, 'tamper finding')} (${ruleList(record.findings)})`;
  const blocked =
    reason?.kind === 'blocked'
      ? `🚧 ${cell(oneLine(reason.blocker, 200))}; needs ${cell(oneLine(reason.needs, 200))}`
      : 'not reached';
  return table(
    ['Contract part', 'Result'],
    [
      [
        'Outcome',
        achieved
          ? `✅ achieved: ${cell(outcomeEvidence)}`
          : `❌ not achieved: ${decision.notDone.length > 0 ? `${plural(decision.notDone.length, 'requirement')} not met (see **Not done**)` : cell(outcomeEvidence)}`,
      ],
      ['Verification', verification],
      ['Constraints', constraints],
      ['Boundaries', boundaries],
      [
        'Iteration policy',
        `${plural(record.iteration, 'iteration')}, ${plural(record.checkpoints.length, 'checkpoint')}`,
      ],
      ['Blocked condition', blocked],
    ],
  );
}

/** "Iteration 3: …", "Iterations 1–9 (×9): …" — repeated events said once. */
function labelled(entries: ProgressEntry[]): string[] {
  return collapseProgress(entries).map((e) =>
    e.iterations.length > 1
      ? `Iterations ${iterationsLabel(e.iterations)} (×${e.iterations.length}): ${e.text}`
      : `Iteration ${e.iterations[0]}: ${e.text}`,
  );
}

function tried(record: GoalRecord): { approach: string[]; abandoned: string[] } {
  const approach = labelled(
    record.progress.filter((p) => p.kind === 'decision' || p.kind === 'summary'),
  );
  const abandoned = labelled(
    record.progress.filter((p) => p.kind !== 'control' && ABANDONED.test(p.text)),
  );
  for (let i = 1; i < record.history.length; i++) {
    const prev = record.history[i - 1]!;
    const cur = record.history[i]!;
    if (cur.passing < prev.passing)
      abandoned.push(
        `Iteration ${cur.iteration}: verifiers went from ${prev.passing}/${prev.total} to ${cur.passing}/${cur.total}${cur.note ? ` (${cur.note})` : ''}`,
      );
  }
  return { approach, abandoned };
}

export interface FinalReportOptions {
  /** Include the tamper findings block (off when the caller already shows it above). */
  findings?: boolean;
  /** Include the title and the reason sentence (off when the caller's headline already says it). */
  lead?: boolean;
}

export function renderFinalReport(record: GoalRecord, opts: FinalReportOptions = {}): string {
  const { approach, abandoned } = tried(record);
  const decision = decideReport(record);
  const missing = decision.notDone;
  const sections = [
    opts.lead === false ? '' : `### ${STATE_EMOJI[record.state]} Final report: ${record.state}`,
    opts.lead === false ? '' : `${capitalize(safe(reasonSentence(record)))}.`,
    opts.findings === false ? '' : findingsBlock(record.findings),
    contractOutcomeTable(record, decision),
    `**Approach**\n\n${approach.length ? bullets(approach, 12) : '_No decisions were recorded._'}`,
    `**Tried and abandoned**\n\n${abandoned.length ? bullets(abandoned, 10) : '_Nothing recorded as abandoned._'}`,
    `**Evidence**\n\n${verifierTable(record)}`,
    record.flaky.length > 0
      ? `**Flaky tests** (their passes are not trusted as evidence): ${record.flaky.map(code).join(', ')}`
      : '',
    `**Not done**\n\n${missing.length ? bullets(missing, 20) : '_Nothing: every required verifier passes, no tamper rule fired and the plan is complete._'}`,
    `**Cost**: ${costLine(record)}.`,
  ];
  return sections.filter(Boolean).join('\n\n');
}
