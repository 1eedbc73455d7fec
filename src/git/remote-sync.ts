// Talking to the goal branch's remote: find its tip, fetch it (bounded in a shallow clone, as
// actions/checkout makes with fetch-depth 1), fetch single commits, and push with a lease so a
// commit someone else pushed is never overwritten. Credentials go to each command, never to config.

import { GitError, type Git, type GitCredentials } from './git.js';

export interface RemoteTarget {
  /** The remote's name ('origin'); also names the remote-tracking refs we update. */
  name: string;
  /** Push/fetch URL; defaults to the named remote's URL. */
  url?: string;
  token?: string;
}

/** A ref pushed with the checkpoint: its new commit, and the value the remote must still hold. */
export interface RefUpdate {
  /** Fully qualified (refs/goal-action/12). */
  ref: string;
  sha: string;
  /** undefined: the ref must not exist yet. */
  expected: string | undefined;
}

/** How far a shallow clone is deepened, step by step, when looking for a checkpoint. */
const SHALLOW_DEPTH = 50;
const DEEPEN_STEPS = [500];

export class RemoteSync {
  private resolvedUrl?: string;

  constructor(
    private readonly git: Git,
    private readonly remote: RemoteTarget,
  ) {}

  /** The URL we push to: explicit, or the named remote's (so a changed `pushurl` is ignored). */
  async url(): Promise<string> {
    if (this.resolvedUrl) return this.resolvedUrl;
    this.resolvedUrl =
      this.remote.url ?? (await this.git.text(['remote', 'get-url', this.remote.name]));
    return this.resolvedUrl;
  }

  private async credentials(): Promise<GitCredentials | undefined> {
    return this.remote.token ? { url: await this.url(), token: this.remote.token } : undefined;
  }

  trackingRef(branch: string): string {
    return `refs/remotes/${this.remote.name}/${branch}`;
  }

  /** The branch's commit on the remote, or undefined when the remote has no such branch. */
  async tip(branch: string): Promise<string | undefined> {
    const out = await this.git.text(
      ['ls-remote', '--heads', await this.url(), `refs/heads/${branch}`],
      {
        credentials: await this.credentials(),
      },
    );
    for (const line of out.split('\n')) {
      const [sha, ref] = line.split('\t');
      if (sha && ref === `refs/heads/${branch}`) return sha;
    }
    return undefined;
  }

  /** Fetches the branch into its remote-tracking ref; returns the fetched tip. */
  async fetchBranch(branch: string): Promise<string> {
    // In a shallow clone a plain fetch would download the branch's whole history; a depth keeps
    // it bounded, and in a full clone a depth would make the repository shallow, so none there.
    const depth = (await isShallow(this.git)) ? [`--depth=${SHALLOW_DEPTH}`] : [];
    await this.git.run(
      [
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        ...depth,
        await this.url(),
        `+refs/heads/${branch}:${this.trackingRef(branch)}`,
      ],
      { credentials: await this.credentials() },
    );
    return this.git.text(['rev-parse', '--verify', `${this.trackingRef(branch)}^{commit}`]);
  }

  /** Fetches one commit by id (GitHub allows any reachable SHA). Returns false when it is not there. */
  async fetchCommit(sha: string): Promise<boolean> {
    const depth = (await isShallow(this.git)) ? ['--depth=1'] : [];
    try {
      await this.git.run(
        ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...depth, await this.url(), sha],
        { credentials: await this.credentials() },
      );
    } catch (error) {
      if (error instanceof GitError) return false;
      throw error;
    }
    return hasCommit(this.git, sha);
  }

  /**
   * True when `sha` is in the history of `tip`. In a shallow clone the history may be cut above
   * `sha`; then the branch is deepened a bounded number of times before answering no.
   */
  async branchContains(branch: string, tip: string, sha: string): Promise<boolean> {
    if (await isAncestor(this.git, sha, tip)) return true;
    for (const step of DEEPEN_STEPS) {
      if (!(await isShallow(this.git))) return false;
      await this.git.run(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          '--no-write-fetch-head',
          `--deepen=${step}`,
          await this.url(),
          `+refs/heads/${branch}:${this.trackingRef(branch)}`,
        ],
        { credentials: await this.credentials() },
      );
      if (await isAncestor(this.git, sha, tip)) return true;
    }
    return false;
  }

  /**
   * Pushes `sha` to the branch only if the remote still holds `expected` (undefined: the branch
   * must not exist yet). A concurrent push makes git refuse rather than overwrite. Refs in `along`
   * (the goal record's ref) go in the same push, atomically (`--atomic`: all move or none does),
   * each under its own lease.
   */
  async push(
    branch: string,
    sha: string,
    expected: string | undefined,
    along: RefUpdate[] = [],
  ): Promise<void> {
    const leases = along.map((r) => `--force-with-lease=${r.ref}:${r.expected ?? ''}`);
    await this.git.run(
      [
        'push',
        '--quiet',
        '--no-verify',
        '--porcelain',
        ...(along.length ? ['--atomic'] : []),
        `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
        ...leases,
        await this.url(),
        `${sha}:refs/heads/${branch}`,
        ...along.map((r) => `${r.sha}:${r.ref}`),
      ],
      { credentials: await this.credentials() },
    );
    // Keep the remote-tracking ref current, so `git log origin/<branch>` shows what was pushed.
    await this.git.run(['update-ref', this.trackingRef(branch), sha]);
  }
}

export async function isShallow(git: Git): Promise<boolean> {
  return (await git.text(['rev-parse', '--is-shallow-repository'])) === 'true';
}

export async function hasCommit(git: Git, sha: string): Promise<boolean> {
  const res = await git.run(['cat-file', '-e', `${sha}^{commit}`], { okExitCodes: [0, 1, 128] });
  return res.exitCode === 0;
}

export async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  if (!(await hasCommit(git, ancestor)) || !(await hasCommit(git, descendant))) return false;
  const res = await git.run(['merge-base', '--is-ancestor', ancestor, descendant], {
    okExitCodes: [0, 1, 128],
  });
  return res.exitCode === 0;
}

/** `abc1234 Author: subject` lines for commits in `tip` but not in `base`, newest first, bounded. */
export async function describeCommits(
  git: Git,
  tip: string,
  base: string | undefined,
  max = 10,
): Promise<string[]> {
  const range = base && (await hasCommit(git, base)) ? [`${base}..${tip}`] : [tip];
  const res = await git.run(['log', `--max-count=${max}`, '--format=%h %an: %s', ...range], {
    okExitCodes: [0, 128],
  });
  return res.stdout.split('\n').filter(Boolean);
}
