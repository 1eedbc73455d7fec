// Which stored goal `status`, `resume` and `budget` mean: the one named with --goal, else the goal
// of the branch checked out (a goal branch), else the newest goal started from this branch. An
// unreadable record in the way is reported with its path and what to do, never skipped silently.
import type { GoalRecord } from '../engine/index.js';
import { CliError } from './errors.js';
import { FileStore, type RecordLookup } from './file-store.js';
import type { Repository } from './preflight.js';

export interface SelectedGoal {
  record: GoalRecord;
  path: string;
  /** Other goals of this repository, for `status` to mention. */
  others: Exclude<RecordLookup, { kind: 'absent' }>[];
}

/** The repository's goal store, in its common git directory (shared by every worktree). */
export async function openStore(repo: Repository): Promise<FileStore> {
  const dir = await repo.git.text(['rev-parse', '--path-format=absolute', '--git-common-dir']);
  return new FileStore(repo.root, dir);
}

export function unreadableMessage(found: { path: string; reason: string }): string {
  return (
    `The goal record ${found.path} cannot be read: ${found.reason}. It was left exactly as it is. ` +
    `If you edited it, undo the edit; otherwise move it away (mv "${found.path}" "${found.path}.broken") ` +
    'to start the goal over, or report it with the file attached.'
  );
}

export function selectGoal(repo: Repository, store: FileStore, want?: string): SelectedGoal {
  const all = store.list();
  const others = (path: string) => all.filter((r) => r.path !== path);
  if (want) {
    const hit = all.find(
      (r) => r.kind === 'found' && (r.record.branch === want || r.record.id === want),
    );
    if (hit?.kind === 'found')
      return { record: hit.record, path: hit.path, others: others(hit.path) };
    const direct = store.lookup(want);
    if (direct.kind === 'unreadable') throw new CliError(unreadableMessage(direct));
    throw new CliError(`No goal named ${want} in this repository.${listing(all)}`);
  }
  const here = repo.start.branch;
  if (here) {
    const own = store.lookup(here);
    if (own.kind === 'unreadable') throw new CliError(unreadableMessage(own));
    if (own.kind === 'found')
      return { record: own.record, path: own.path, others: others(own.path) };
  }
  const from = all.filter(
    (r): r is Extract<RecordLookup, { kind: 'found' }> =>
      r.kind === 'found' && r.record.baseRef === (here ?? 'HEAD'),
  );
  const newest = from[0];
  if (newest) return { record: newest.record, path: newest.path, others: others(newest.path) };
  const broken = all.find((r) => r.kind === 'unreadable');
  // It may be this branch's goal: say so rather than "no goal".
  if (broken?.kind === 'unreadable') throw new CliError(unreadableMessage(broken));
  throw new CliError(
    `No goal was started from ${here ?? 'this detached HEAD'}. Start one with goal-action run "<objective>".${listing(all)}`,
  );
}

/** " Goals in this repository: …; pick one with --goal <branch>." — or '' when there are none. */
function listing(all: Exclude<RecordLookup, { kind: 'absent' }>[]): string {
  if (all.length === 0) return '';
  const items = all
    .slice(0, 10)
    .map((r) =>
      r.kind === 'found'
        ? `${r.record.branch} (${r.record.state}, started from ${r.record.baseRef})`
        : `${r.path} (unreadable)`,
    );
  return ` Goals in this repository: ${items.join('; ')}${all.length > 10 ? '; …' : ''}. Pick one with --goal <branch>.`;
}
