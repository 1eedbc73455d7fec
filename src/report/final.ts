// The honest report on stop: each part of the contract against the evidence, what was tried,
// what was abandoned, what is not done and what it cost. Says "not done" plainly.
import type { GoalRecord } from '../engine/types.js';
import {
  STATE_EMOJI,
  capitalize,
  oneLine,
  passingPhrase,
  reasonSentence,
  shortSha,
} from './format.js';
import { cell, code, safe, table } from './markdown.js';
import { costLine, findingsBlock, verifierTable } from './sections.js';
import { verifierRows } from './verifiers.js';

const ABANDONED =
  /\b(abandon\w*|revert\w*|roll(?:ed|ing)? back|undo\w*|undid|gave up|give up|dropp?\w*|didn'?t work|did not work|dead end|instead)\b/i;

function bullets(items: string[], max: number): string {
  const shown = items.slice(-max).map((t) => `- ${safe(oneLine(t, 400))}`);
  const more = items.length > max ? [`- … and ${items.length - max} earlier`] : [];
  return [...more, ...shown].join('\n');
}

function contractOutcomeTable(record: GoalRecord): string {
  const rows = verifierRows(record);
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
    ? failingRequired.length === 0
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
      : `⚠️ ${record.findings.length} tamper finding${record.findings.length === 1 ? '' : 's'} (below)`;
  const blocked =
    reason?.kind === 'blocked'
      ? `🚧 ${cell(oneLine(reason.blocker, 200))}; needs ${cell(oneLine(reason.needs, 200))}`
      : 'not reached';
  return table(
    ['Contract part', 'Result'],
    [
      ['Outcome', `${achieved ? '✅ achieved' : '❌ not achieved'}: ${cell(outcomeEvidence)}`],
      ['Verification', verification],
      ['Constraints', constraints],
      ['Boundaries', boundaries],
      [
        'Iteration policy',
        `${record.iteration} iterations, ${record.checkpoints.length} checkpoints`,
      ],
      ['Blocked condition', blocked],
    ],
  );
}

function tried(record: GoalRecord): { approach: string[]; abandoned: string[] } {
  const approach = record.progress
    .filter((p) => p.kind === 'decision' || p.kind === 'summary')
    .map((p) => `it. ${p.iteration}: ${p.text}`);
  const abandoned = record.progress
    .filter((p) => p.kind !== 'control' && ABANDONED.test(p.text))
    .map((p) => `it. ${p.iteration}: ${p.text}`);
  for (let i = 1; i < record.history.length; i++) {
    const prev = record.history[i - 1]!;
    const cur = record.history[i]!;
    if (cur.passing < prev.passing)
      abandoned.push(
        `it. ${cur.iteration}: verifiers went from ${prev.passing}/${prev.total} to ${cur.passing}/${cur.total}${cur.note ? ` (${cur.note})` : ''}`,
      );
  }
  return { approach, abandoned };
}

function notDone(record: GoalRecord): string[] {
  const items: string[] = [];
  for (const row of verifierRows(record)) {
    if (row.required && row.outcome !== 'pass')
      items.push(`verifier ${row.name}: ${row.outcome}${row.value ? ` (${row.value})` : ''}`);
    else if (row.targetMet === false)
      items.push(`metric ${row.name}: ${row.value} misses its target`);
  }
  for (const step of record.plan)
    if (step.status !== 'completed')
      items.push(`plan: ${step.step} (${step.status.replace('_', ' ')})`);
  return items;
}

export interface FinalReportOptions {
  /** Include the tamper findings block (off when the caller already shows it above). */
  findings?: boolean;
}

export function renderFinalReport(record: GoalRecord, opts: FinalReportOptions = {}): string {
  const { approach, abandoned } = tried(record);
  const missing = notDone(record);
  const sections = [
    `### ${STATE_EMOJI[record.state]} Final report: ${record.state}`,
    `${capitalize(safe(reasonSentence(record)))}.`,
    opts.findings === false ? '' : findingsBlock(record.findings),
    contractOutcomeTable(record),
    `**Approach**\n\n${approach.length ? bullets(approach, 12) : '_No decisions were recorded._'}`,
    `**Tried and abandoned**\n\n${abandoned.length ? bullets(abandoned, 10) : '_Nothing recorded as abandoned._'}`,
    `**Evidence**\n\n${verifierTable(record)}`,
    record.flaky.length > 0
      ? `**Flaky tests** (their passes are not trusted as evidence): ${record.flaky.map(code).join(', ')}`
      : '',
    `**Not done**\n\n${missing.length ? bullets(missing, 20) : '_Nothing: every required verifier passes and the plan is complete._'}`,
    `**Cost**: ${costLine(record)}.`,
  ];
  return sections.filter(Boolean).join('\n\n');
}
