// The status comment: one comment per goal, edited in place, readable in ten seconds. A view of
// the goal record, rendered from it at every write (where the record lives in its ref, deleting or
// editing the comment loses nothing). The caller appends STATUS_MARKER and the encoded record;
// this renders only what people read, and says which store keeps the record.
import type { GoalRecord } from '../engine/index.js';
import { metricCharts } from './chart.js';
import { collapseHistory, collapseProgress, iterationsLabel } from './collapse.js';
import { clip, formatTokens, oneLine, plural, shortSha } from './format.js';
import {
  cell,
  code,
  details,
  fitSections,
  link,
  quote,
  safe,
  table,
  type ReportLinks,
} from './markdown.js';
import {
  allowedChangesNote,
  budgetBlock,
  checkpointLine,
  findingsBlock,
  linksLine,
  planChecklist,
  stateHeadline,
  verifierTable,
} from './sections.js';

export const DEFAULT_STATUS_MAX_CHARS = 60_000;

/** The iteration log with only the newest `keep` history rows and progress entries. */
function iterationLog(record: GoalRecord, links: ReportLinks, keep: number): string {
  const parts: string[] = [];
  const history = record.history.slice(Math.max(0, record.history.length - keep));
  if (history.length > 0) {
    const rows = collapseHistory(history).map((h) => {
      const metrics = Object.entries(h.metrics)
        .map(([name, v]) => `${name} ${v}`)
        .join(', ');
      const sha = h.sha ? link(code(shortSha(h.sha)), links.commitUrl?.(h.sha)) : '';
      return [
        h.through > h.iteration ? `${h.iteration}–${h.through}` : String(h.iteration),
        `${h.passing}/${h.total}`,
        cell(metrics),
        formatTokens(h.tokens),
        sha,
        cell(oneLine(h.note, 160)),
      ];
    });
    parts.push(table(['#', 'Verifiers', 'Metrics', 'Tokens', 'Commit', 'Note'], rows));
  }
  const progress = record.progress.slice(Math.max(0, record.progress.length - keep));
  if (progress.length > 0)
    parts.push(
      collapseProgress(progress)
        .map((p) => {
          const times = p.iterations.length > 1 ? ` ×${p.iterations.length}` : '';
          const label = p.iterations.length > 1 ? 'Iterations' : 'Iteration';
          const when = p.iterations.every((n) => n === 0)
            ? '**Baseline**'
            : `**${label} ${iterationsLabel(p.iterations)}**`;
          return `- ${when} · ${p.kind}${times}: ${safe(oneLine(p.text, 400))}`;
        })
        .join('\n'),
    );
  if (parts.length === 0) return '';
  const hidden =
    record.history.length - history.length + (record.progress.length - progress.length);
  if (hidden > 0) parts.unshift(`_${hidden} older entries not shown._`);
  if (record.summary && keep >= Math.max(record.history.length, record.progress.length))
    parts.unshift(`**Earlier**\n\n${quote(clip(record.summary, 3_000))}`);
  return details(`Iteration log (${plural(record.iteration, 'iteration')})`, parts.join('\n\n'));
}

function restatementBlock(record: GoalRecord): string {
  if (!record.restatement) return '';
  const title = record.awaitingConfirmation
    ? 'Contract restatement — confirm with <code>/goal resume</code>'
    : 'Contract restatement';
  return details(title, quote(record.restatement), record.awaitingConfirmation === true);
}

function objectiveLine(record: GoalRecord): string {
  const revision = record.contractRevision > 1 ? ` _(revision ${record.contractRevision})_` : '';
  return `**Objective**${revision}: ${safe(oneLine(record.contract.outcome, 400))}`;
}

function footer(record: GoalRecord, storeLine?: string): string {
  const line = `<sub>Goal ${code(record.id)} · branch ${code(record.branch)} · updated ${record.updatedAt}</sub>`;
  return storeLine ? `${line}\n<sub>${storeLine}</sub>` : line;
}

export function renderStatus(
  record: GoalRecord,
  links: ReportLinks,
  opts: {
    maxChars?: number;
    /** Which store keeps the record (store/messages.ts storeLine), shown under the footer. */
    storeLine?: string;
  } = {},
): string {
  const maxChars = opts.maxChars ?? DEFAULT_STATUS_MAX_CHARS;
  const sections = (keep: number) => [
    { text: stateHeadline(record) },
    { text: allowedChangesNote(record) },
    { text: findingsBlock(record.findings) },
    { text: `${objectiveLine(record)}\n${checkpointLine(record, links)}` },
    { text: verifierTable(record), drop: 2 },
    { text: metricCharts(record), drop: 4 },
    { text: planChecklist(record.plan), drop: 3 },
    { text: budgetBlock(record), drop: 1 },
    { text: linksLine(record, links) },
    { text: restatementBlock(record), drop: record.awaitingConfirmation ? 2 : 5 },
    { text: iterationLog(record, links, keep), drop: 6 },
    { text: footer(record, opts.storeLine), drop: 1 },
  ];
  const length = (keep: number) =>
    sections(keep)
      .map((s) => s.text)
      .filter(Boolean)
      .join('\n\n').length;

  // Shorten the log first: keep the largest number of newest entries that fits.
  const all = Math.max(record.history.length, record.progress.length) + 1;
  let keep = all;
  if (length(all) > maxChars) {
    let lo = 0;
    let hi = all - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (length(mid) <= maxChars) lo = mid;
      else hi = mid - 1;
    }
    keep = lo;
  }
  return fitSections(sections(keep), maxChars);
}
