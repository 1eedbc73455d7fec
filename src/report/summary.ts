// The job summary (GITHUB_STEP_SUMMARY): what this run left the goal at, for the Actions UI.
import type { GoalRecord } from '../engine/index.js';
import { oneLine } from './format.js';
import { code, fitSections, safe, type ReportLinks } from './markdown.js';
import {
  allowedChangesNote,
  budgetBlock,
  checkpointLine,
  findingsBlock,
  linksLine,
  stateHeadline,
  verifierTable,
} from './sections.js';

/** GitHub caps a step summary at 1 MiB; a summary this size is read at a glance. */
export const JOB_SUMMARY_MAX_CHARS = 60_000;

export function renderJobSummary(record: GoalRecord, links: ReportLinks): string {
  const title = `## Goal${record.number !== undefined ? ` #${record.number}` : ''}: ${safe(oneLine(record.title, 200))}`;
  return fitSections(
    [
      { text: title },
      { text: stateHeadline(record) },
      { text: allowedChangesNote(record) },
      { text: findingsBlock(record.findings) },
      { text: checkpointLine(record, links) },
      { text: verifierTable(record), drop: 2 },
      { text: budgetBlock(record), drop: 1 },
      { text: linksLine(record, links) },
      { text: `<sub>Goal ${code(record.id)} · branch ${code(record.branch)}</sub>` },
    ],
    JOB_SUMMARY_MAX_CHARS,
  );
}
