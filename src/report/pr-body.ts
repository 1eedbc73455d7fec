// The draft PR's body: the contract, what the verifiers say, the plan, and at the end the report.
import type { GoalRecord } from '../engine/types.js';
import { STATE_EMOJI, clip, isStopped } from './format.js';
import { code, fitSections, safe, type ReportLinks } from './markdown.js';
import { renderFinalReport } from './final.js';
import {
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
  // The findings already lead the body. The model's own report is bounded so a runaway wrap-up cannot push the contract out.
  const report = stopped
    ? record.report
      ? safe(clip(record.report.trim(), 30_000))
      : renderFinalReport(record, { findings: false })
    : '';
  return fitSections(
    [
      { text: stateHeadline(record) },
      { text: findingsBlock(record.findings) },
      { text: issueLine(record) },
      {
        text: `## Contract\n\n${contractBlock(record.contract, record.contractRevision)}`,
        drop: 2,
      },
      { text: `## Verifiers\n\n${verifierTable(record)}`, drop: 3 },
      {
        text: record.plan.length
          ? `## Plan (${planProgress(record.plan)})\n\n${planItems(record.plan)}`
          : '',
        drop: 4,
      },
      { text: report ? `## Report\n\n${report}` : '', drop: 1 },
      { text: `## Budget\n\n${budgetBlock(record)}`, drop: 5 },
      { text: linksLine(record, links) },
      {
        text: `<sub>${STATE_EMOJI[record.state]} Opened by goal-action for goal ${code(record.id)}. This PR stays a draft: a person reviews and decides.</sub>`,
      },
    ],
    PR_BODY_MAX_CHARS,
  );
}
