// The draft PR's body: the contract, what the verifiers say, the plan, and at the end the report.
import type { GoalRecord } from '../engine/index.js';
import { STATE_EMOJI, clip, isStopped } from './format.js';
import { changesBlock } from './changes.js';
import { metricCharts } from './chart.js';
import { code, details, fitSections, quote, type ReportLinks } from './markdown.js';
import { renderFinalReport } from './final.js';
import {
  allowedChangesNote,
  budgetBlock,
  contractBlock,
  findingsBlock,
  linksLine,
  planItems,
  planProgress,
  stateHeadline,
  verifierTable,
} from './sections.js';

export const PR_BODY_MAX_CHARS = 60_000;

/**
 * "Closes #12" only once the goal is achieved, so merging an unfinished draft does not close the
 * issue; "Refs #12" until then.
 */
function issueLine(record: GoalRecord): string {
  if (record.number === undefined) return '';
  return `${record.state === 'achieved' ? 'Closes' : 'Refs'} #${record.number}`;
}

export function renderPrBody(record: GoalRecord, links: ReportLinks): string {
  const stopped = isStopped(record.state);
  // Reviewers read the outcome first: the harness's report, decided from the evidence, then the
  // agent's own summary (bounded, so a runaway wrap-up cannot push the rest out), then the
  // evidence, the budget and, collapsed, the contract.
  const report = stopped ? renderFinalReport(record, { findings: false, lead: false }) : '';
  const agent = stopped && record.report ? clip(record.report.trim(), 20_000) : '';
  const charts = metricCharts(record);
  return fitSections(
    [
      { text: stateHeadline(record) },
      { text: allowedChangesNote(record) },
      { text: findingsBlock(record.findings) },
      { text: issueLine(record) },
      { text: report ? `## Report\n\n${report}` : '', drop: 3 },
      { text: stopped ? charts : '', drop: 5 },
      { text: changesBlock(record), drop: 4 },
      { text: agent ? details("The agent's summary", quote(agent), true) : '', drop: 2 },
      { text: stopped ? '' : `## Evidence\n\n${verifierTable(record)}`, drop: 4 },
      { text: stopped ? '' : charts, drop: 5 },
      {
        text:
          !stopped && record.plan.length
            ? `## Plan (${planProgress(record.plan)})\n\n${planItems(record.plan)}`
            : '',
        drop: 6,
      },
      { text: `## Budget\n\n${budgetBlock(record)}`, drop: 7 },
      {
        text: details(
          `Contract${record.contractRevision > 1 ? ` (revision ${record.contractRevision})` : ''}`,
          contractBlock(record.contract, record.contractRevision),
        ),
        drop: 8,
      },
      { text: linksLine(record, links) },
      {
        text: `<sub>${STATE_EMOJI[record.state]} Opened by goal-action for goal ${code(record.id)}. This PR stays a draft: a person reviews and decides.</sub>`,
      },
    ],
    PR_BODY_MAX_CHARS,
  );
}
