// Does a goal branch still hold what the goal's record says it made? A stored goal continues only
// on a branch that ends with its last checkpoint (plus, at most, checkpoints of this same goal a
// killed run committed before it could record them); anything else on the branch is someone's
// work the record does not know, and the goal refuses rather than build on it or reset it.
import type { GoalRecord } from '../engine/index.js';
import type { Git } from '../git/git.js';
import { TRAILER_KEYS } from '../git/checkpoint-message.js';
import { describeCommits, isAncestor } from '../git/remote-sync.js';

export type BranchState =
  /** The branch does not exist. */
  | { kind: 'gone' }
  /** The branch ends with what the record knows; `unrecorded` own checkpoints follow it. */
  | { kind: 'ok'; unrecorded: number }
  /** Commits the record does not know, newest first (bounded). */
  | { kind: 'foreign'; commits: string[]; known: string }
  /** The branch no longer contains the goal's last checkpoint. */
  | { kind: 'rewritten'; last: string; commits: string[] };

/** Commits listed at most, for the message. */
const SHOWN = 5;

export async function branchState(
  git: Git,
  record: GoalRecord,
  startSha: string,
): Promise<BranchState> {
  const tip = await rev(git, `refs/heads/${record.branch}`);
  if (!tip) return { kind: 'gone' };
  const last = record.checkpoints.at(-1)?.sha;
  if (last && !(await isAncestor(git, last, tip)))
    return { kind: 'rewritten', last, commits: await describeCommits(git, tip, last, SHOWN) };
  // What the record knows the branch to end with: its last checkpoint, else its base, else (a goal
  // that never started) the commit the person is on now.
  const known = last ?? record.baseSha ?? startSha;
  const log = await git.run(
    [
      'log',
      `--format=%H%x1f%(trailers:key=${TRAILER_KEYS.goalId},valueonly,separator=%x2c)%x1e`,
      `${known}..${tip}`,
    ],
    { okExitCodes: [0, 128] },
  );
  const commits = log.stdout
    .split('\x1e')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [sha = '', goalId = ''] = entry.split('\x1f');
      return { sha, goalId: goalId.trim() };
    });
  const foreign = commits.filter((c) => c.goalId !== record.id);
  if (foreign.length === 0) return { kind: 'ok', unrecorded: commits.length };
  return { kind: 'foreign', commits: await describeCommits(git, tip, known, SHOWN), known };
}

/** Why the goal cannot continue on its branch and what to type, or null when it can. */
export function branchProblem(
  record: GoalRecord,
  state: BranchState,
  /** Where the record is kept, for the way to start over. */
  recordPath: string,
): { reason: string; fix: string } | null {
  const b = record.branch;
  switch (state.kind) {
    case 'ok':
      return null;
    case 'gone':
      // A goal that never committed left no branch behind: it starts the branch again.
      if (record.checkpoints.length === 0) return null;
      return {
        reason: `its branch ${b} no longer exists, so its ${record.checkpoints.length} checkpoint(s) are not there to continue from`,
        fix: `Restore the branch (git branch ${b} ${record.checkpoints.at(-1)!.sha.slice(0, 12)}) and resume. To start a new goal instead, move its record aside (mv "${recordPath}" "${recordPath}.old").`,
      };
    case 'rewritten':
      return {
        reason: `${b} no longer contains the goal's last checkpoint ${state.last.slice(0, 12)} (its history was rewritten); it now ends with:\n${list(state.commits)}`,
        fix: `Restore it (git branch -f ${b} ${state.last.slice(0, 12)}) and resume. To start a new goal instead, move its record aside (mv "${recordPath}" "${recordPath}.old") and delete the branch (git branch -D ${b}).`,
      };
    case 'foreign':
      return {
        reason: `${b} has commits the goal's record does not know (not made by this goal):\n${list(state.commits)}`,
        fix: `The goal would build on them without knowing what they are. Move them to a branch of your own (git branch my-work ${b}), put ${b} back where the goal left it (git branch -f ${b} ${state.known.slice(0, 12)}), then resume.`,
      };
  }
}

function list(commits: string[]): string {
  return commits.map((c) => `  ${c}`).join('\n');
}

async function rev(git: Git, spec: string): Promise<string | undefined> {
  const res = await git.run(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return res.exitCode === 0 ? res.stdout.trim() : undefined;
}
