// Errors the workspace throws when it must not go on. Each message says what was found and what
// the person should do about it.

export class NotAGitRepoError extends Error {
  constructor(
    readonly root: string,
    detail = '',
  ) {
    super(
      `${root} is not inside a git repository${detail ? ` (${detail})` : ''}. ` +
        'Run goal-action from a git checkout (git init && git commit, or git clone).',
    );
    this.name = 'NotAGitRepoError';
  }
}

const MAX_LISTED_PATHS = 20;

export class DirtyTreeError extends Error {
  constructor(readonly paths: string[]) {
    const listed = paths.slice(0, MAX_LISTED_PATHS).map((p) => `  ${p}`);
    if (paths.length > MAX_LISTED_PATHS)
      listed.push(`  … and ${paths.length - MAX_LISTED_PATHS} more`);
    super(
      `The working tree has uncommitted changes, which the goal would mix into its commits:\n` +
        `${listed.join('\n')}\n` +
        'Commit or stash them (git stash --include-untracked), then run again.',
    );
    this.name = 'DirtyTreeError';
  }
}

export class BranchDivergedError extends Error {
  constructor(
    readonly branch: string,
    /** The commits on the remote (or the branch) that the goal does not have, newest first. */
    readonly foreignCommits: string[],
    explanation: string,
    whatToDo: string,
  ) {
    const list = foreignCommits.length
      ? `\n${foreignCommits.map((c) => `  ${c}`).join('\n')}\n`
      : ' ';
    super(`Branch ${branch}: ${explanation}${list}${whatToDo}`);
    this.name = 'BranchDivergedError';
  }
}
