// Whatever happens to a goal, the person ends up where they started: back on their branch, with
// the goal's commits kept on the goal branch (or that branch removed when it holds nothing).
import type { Git } from '../git/git.js';
import { dirtyPaths, statusZ } from '../git/status.js';
import type { StartPoint } from './preflight.js';

export async function branchExists(git: Git, branch: string): Promise<boolean> {
  const res = await git.run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], {
    okExitCodes: [0, 1, 128],
  });
  return res.exitCode === 0;
}

/**
 * Checks out the start point again and says what happened, in one sentence ('' when nothing did). A goal branch this run
 * created without any commit of its own is deleted; one with checkpoints is kept. Nothing happens
 * when a command left uncommitted changes: switching would carry them onto the user's branch.
 */
export async function returnToStart(
  git: Git,
  start: StartPoint,
  goalBranch: string,
  goalBranchExisted: boolean,
): Promise<string> {
  const current = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    okExitCodes: [0, 1],
  });
  const onBranch = current.stdout.trim();
  const startName = start.branch ?? start.sha.slice(0, 12);
  const there = start.branch ? onBranch === start.branch : !onBranch;
  if (!there) {
    const dirty = dirtyPaths(await statusZ(git));
    if (dirty.length)
      return `Still on ${onBranch || 'a detached HEAD'}: it has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}), so goal-action did not switch back to ${startName}.`;
    await git.run(
      start.branch
        ? ['checkout', '--quiet', start.branch]
        : ['checkout', '--quiet', '--detach', start.sha],
    );
  }
  if (!(await branchExists(git, goalBranch))) return there ? '' : `Back on ${startName}.`;
  const own = await git.text(['rev-list', '--count', `${start.sha}..refs/heads/${goalBranch}`]);
  if (goalBranchExisted && own.trim() === '0') return there ? '' : `Back on ${startName}.`;
  if (own.trim() === '0') {
    await git.run(['branch', '--quiet', '-D', goalBranch]);
    return `Back on ${startName}; the goal branch ${goalBranch} had no commit and was removed.`;
  }
  return `Back on ${startName}; the goal's commits are on ${goalBranch}.`;
}
