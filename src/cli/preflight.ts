// The checks a person expects before a goal starts, in the order they would make them: is this a
// git repository, with a commit, and a clean working tree? Each failure is one message that says
// what to type. (The API key and the model endpoint come next, in run-command.ts.)
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGit, GitError, type Git } from '../git/git.js';
import { dirtyPaths, statusZ } from '../git/status.js';
import { DirtyTreeError, NotAGitRepoError } from '../git/workspace.js';
import { CliError } from './errors.js';

/** Where the run started, so the CLI can go back there when it ends. */
export interface StartPoint {
  /** The branch checked out, or undefined on a detached HEAD. */
  branch?: string;
  sha: string;
}

export interface Repository {
  /** The top of the working tree (the run may start in a subdirectory). */
  root: string;
  git: Git;
  start: StartPoint;
}

/**
 * The directory the person ran the command in. `npm --prefix <goal-action> run goal-action -- …`
 * runs the script inside goal-action's own folder and keeps the caller's directory in INIT_CWD;
 * only that script's runs use it (npx and a global install run where they were started).
 */
export function startDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event === 'goal-action' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/** Finds the repository that contains `dir` and checks it can host a goal. */
export async function openRepository(
  dir: string,
  opts: { flag?: string; requireCommit?: boolean } = {},
): Promise<Repository> {
  const flag = opts.flag ?? '--repo';
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new CliError(`${flag} ${dir}: no such directory.`);
  const probe = createGit(path, { timeoutMs: 30_000 });
  const top = await gitRun(probe, ['rev-parse', '--show-toplevel'], [0, 128]);
  if (top.exitCode !== 0) {
    const detail = top.stderr.trim().split('\n')[0] ?? '';
    throw new NotAGitRepoError(path, detail.replace(/^fatal: /, ''));
  }
  const root = top.stdout.trim();
  const git = createGit(root);
  const head = await gitRun(
    git,
    ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'],
    [0, 1, 128],
  );
  if (head.exitCode !== 0 && opts.requireCommit !== false)
    throw new CliError(
      `The repository at ${root} has no commits yet. Make a first commit (git add -A && git commit -m "First commit"), then run again.`,
    );
  const branch = await gitRun(git, ['symbolic-ref', '--quiet', '--short', 'HEAD'], [0, 1]);
  return {
    root,
    git,
    start: {
      sha: head.stdout.trim(),
      ...(branch.exitCode === 0 && branch.stdout.trim() ? { branch: branch.stdout.trim() } : {}),
    },
  };
}

/** Refuses a working tree with uncommitted changes: the goal would mix them into its commits. */
export async function requireCleanTree(repo: Repository): Promise<void> {
  const dirty = dirtyPaths(await statusZ(repo.git));
  if (dirty.length) throw new DirtyTreeError(dirty);
}

/**
 * The same, for continuing a stored goal: a run that was killed leaves the checkout on the goal
 * branch with its uncommitted work, which is in no checkpoint; say that rather than "your changes".
 */
export async function requireCleanTreeFor(repo: Repository, goalBranch: string): Promise<void> {
  const dirty = dirtyPaths(await statusZ(repo.git));
  if (dirty.length === 0) return;
  if (repo.start.branch !== goalBranch) throw new DirtyTreeError(dirty);
  const shown = `${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}`;
  throw new CliError(
    `The checkout is on the goal branch ${goalBranch} with uncommitted changes (${shown}), most likely left by the goal's last run when it was interrupted; they are in no checkpoint. ` +
      'Put them aside with git stash --include-untracked (or discard them), then run the command again: the goal continues from its last checkpoint.',
  );
}

async function gitRun(git: Git, args: string[], okExitCodes: number[]) {
  try {
    return await git.run(args, { okExitCodes });
  } catch (err) {
    if (err instanceof GitError && err.exitCode === undefined && !err.timedOut)
      throw new CliError(
        'git could not be started: install git (2.31 or newer) and make sure it is on PATH.',
      );
    throw err;
  }
}
