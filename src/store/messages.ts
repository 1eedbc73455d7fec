// What the store tells people: which store keeps the record (a line in the status comment), and,
// when the stored record cannot be read, what happened and what to do — never a silent new goal.
import { recordRef } from './record-store.js';
import type { Lookup, StoreWhere } from './types.js';

/** The status comment's line saying where the record is kept. */
export function storeLine(where: StoreWhere, issue: number, refusal?: string): string {
  const ref = recordRef(issue);
  if (where === 'ref')
    return `Record: \`${ref}\` (this comment is a view of it; editing or deleting it loses nothing).`;
  const why = refusal ? ` because GitHub refused the ref ${ref}` : '';
  return `Record: in this comment${why} — do not edit or delete it; \`permissions: contents: write\` lets goal-action keep it in a ref instead.`;
}

/**
 * The reply when the stored record cannot be read. Nothing was changed: the goal and its history
 * are where they were, and no new goal replaces them.
 */
export function unreadableMessage(
  found: Extract<Lookup, { kind: 'unreadable' }>,
  issue: number,
): string {
  const ref = recordRef(issue);
  const place = found.where === 'ref' ? `in \`${ref}\`` : 'in the status comment on this issue';
  const upgrade = /newer than this goal-action|upgrade the Action/.test(found.reason);
  const fix = upgrade
    ? 'Use the goal-action version that wrote it (upgrade the Action in the workflow), then send the command again.'
    : found.where === 'ref'
      ? `Restore a readable record (\`git fetch origin ${ref}:${ref}\`, then \`git log ${ref}\` lists its earlier versions; push one back with \`git push --force origin <sha>:${ref}\`), or delete the ref (\`git push origin :${ref}\`) to start over.`
      : 'Restore the status comment from its edit history (the comment\'s "edited" menu), or delete it to start over.';
  return [
    `⚠️ **The goal record on this issue cannot be read**, so nothing was changed: ${found.reason}.`,
    `It is kept ${place} and will not be overwritten. ${fix}`,
  ].join('\n\n');
}
