// The engine's Workspace on a real git checkout: one branch per goal, checkpoint commits with
// trailers, pushed with a lease when there is a remote (the Action), commit-only without (the CLI).
// The user's own uncommitted work is never touched, and a commit someone else pushed to the goal
// branch is never overwritten.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Checkpoint,
  CheckpointInfo,
  FileChange,
  GoalRecord,
  Workspace,
} from '../engine/index.js';
import { createGit, GitError, type Git, type GitIdentity } from './git.js';
import { buildCheckpointMessage, checkpointSubject, stagedFiles } from './checkpoint-message.js';
import { boundedDiff, fileChanges, readText } from './diffs.js';
import { buildRepoMap } from './repo-map.js';
import { isProtectedChange } from './protected.js';
import { materialiseTree, type Materialised } from './verify-checkout.js';
import { BranchDivergedError, DirtyTreeError, NotAGitRepoError } from './errors.js';
import { dirtyPaths, statusZ } from './status.js';
import {
  describeCommits,
  hasCommit,
  isAncestor,
  RemoteSync,
  type RefUpdate,
  type RemoteTarget,
} from './remote-sync.js';
import { adoptCheckpoints, parseBranchLog } from './adopt.js';

export { BranchDivergedError, DirtyTreeError, NotAGitRepoError } from './errors.js';

export interface GitWorkspaceOptions {
  root: string;
  /** Author and committer of checkpoints; default: the repository's user.name/user.email, else goal-action. */
  identity?: GitIdentity;
  /** Where checkpoints are pushed; absent for the local CLI (commit only). */
  remote?: RemoteTarget;
  /** Start point when the goal branch does not exist yet (default: current HEAD). */
  startPoint?: string;
  /** Per git command. */
  timeoutMs?: number;
  /**
   * Globs never committed (`.github/workflows/**` …). The tools refuse to write them, but a shell
   * command can: such changes are reverted before every checkpoint, so they are never pushed.
   */
  protectedPaths?: string[];
  /** Told about every protected change that was reverted. */
  onProtectedRevert?: (paths: string[]) => void;
  /**
   * Runs before every git command that reads or writes the worktree, index or refs (the sandbox
   * kills every agent process there, so nothing the agent runs races a privileged git command).
   */
  beforeGit?: () => Promise<void>;
  /** Read no per-user git config (the Action; see GitDefaults.isolated). */
  isolated?: boolean;
  /**
   * What rides in each checkpoint's push (the goal record's ref, store/rider.ts): it calls `push`
   * with the refs to move atomically with the branch, and may call it again (bounded) when its
   * own ref moved. Without it the branch is pushed alone.
   */
  rider?: CheckpointRider;
}

export interface CheckpointRider {
  ride(
    git: Git,
    checkpoint: Checkpoint,
    push: (along: RefUpdate[]) => Promise<void>,
  ): Promise<void>;
}

/** How many commits of the goal branch are searched for checkpoints the record lacks. */
const ADOPT_SCAN = 200;

export type GitWorkspace = Workspace & {
  headSha(): Promise<string>;
  /**
   * A fresh copy of the tree being verified — the staged checkpoint while a checkpoint verifies,
   * HEAD otherwise — under `parent`, for verifiers to run on.
   */
  materialiseForVerification(
    parent: string,
    remove: (dir: string) => Promise<void>,
  ): Promise<Materialised>;
  /** The goal branch, once prepare() has run. */
  branch(): string | undefined;
};

export const FALLBACK_IDENTITY: GitIdentity = {
  name: 'goal-action',
  email: 'goal-action@users.noreply.github.com',
};

export function createGitWorkspace(opts: GitWorkspaceOptions): GitWorkspace {
  /**
   * Unstages and restores staged changes to protected paths (new files are removed), judged on the
   * staged tree itself: every changed path, renames as delete + add, and a path that replaces a
   * directory holding protected paths (`.github/workflows` or `.github` turned into a symlink).
   * Returns whether anything is staged when its listing tells (nothing was reverted), else
   * undefined.
   */
  async function revertProtected(): Promise<boolean | undefined> {
    const globs = opts.protectedPaths ?? [];
    if (globs.length === 0) return undefined;
    const staged = await git.text([
      'diff',
      '--cached',
      '--name-only',
      '--no-renames',
      '-z',
      'HEAD',
    ]);
    const listed = staged.split('\0').filter(Boolean);
    const paths = listed.filter((p) => isProtectedChange(p, globs));
    if (paths.length === 0) return listed.length > 0;
    for (const path of paths) {
      const probe = await git.run(['cat-file', '-e', `HEAD:${path}`], { okExitCodes: [0, 1, 128] });
      const tracked = probe.exitCode === 0;
      if (tracked) {
        // rm first: a symlink or file the agent put where a directory was would be written through.
        await git.run(['rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '--', path]);
        await rm(join(opts.root, path), { force: true, recursive: true });
        await git.run(['restore', '--source=HEAD', '--staged', '--worktree', '--', path]);
      } else {
        await git.run(['rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '--', path]);
        await rm(join(opts.root, path), { force: true, recursive: true });
      }
    }
    opts.onProtectedRevert?.(paths);
    return undefined;
  }

  const gitDefaults = { timeoutMs: opts.timeoutMs, ...(opts.isolated ? { isolated: true } : {}) };
  let git: Git = createGit(opts.root, { identity: opts.identity, ...gitDefaults });
  const quiet = async () => opts.beforeGit?.();
  /** The staged tree while a checkpoint verifies it. */
  let pendingTree: string | undefined;
  let branch: string | undefined;
  /** Commits this goal made (recorded checkpoints and this run's): the remote may hold these. */
  const own = new Set<string>();
  let sync: RemoteSync | undefined;

  const rev = async (spec: string): Promise<string | undefined> => {
    const res = await git.run(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], {
      okExitCodes: [0, 1, 128],
    });
    return res.exitCode === 0 ? res.stdout.trim() : undefined;
  };
  const headSha = async () => git.text(['rev-parse', 'HEAD']);
  const statusPaths = async () => dirtyPaths(await statusZ(git));
  const requireBranch = (): string => {
    if (!branch) throw new Error('The workspace is not prepared: call prepare() before using it.');
    return branch;
  };

  async function requireOnBranch(b: string, what: string): Promise<void> {
    const res = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
      okExitCodes: [0, 1],
    });
    const current = res.stdout.trim();
    if (current !== b) {
      throw new Error(
        `${what}: the checkout is on ${current ? `branch "${current}"` : 'a detached HEAD'}, not the goal branch ${b}; ` +
          `a command switched branches. Check out ${b} again (git checkout ${b}) and resume.`,
      );
    }
  }

  async function checkRepository(): Promise<void> {
    const res = await git.run(['rev-parse', '--is-inside-work-tree'], { okExitCodes: [0, 128] });
    if (res.exitCode !== 0 || res.stdout.trim() !== 'true') {
      throw new NotAGitRepoError(opts.root, res.stderr.trim().split('\n')[0] ?? '');
    }
    if (!(await rev('HEAD'))) {
      throw new Error(
        `The repository at ${opts.root} has no commits yet. Make a first commit, then run again.`,
      );
    }
    if (!opts.identity) {
      const name = await git.run(['config', 'user.name'], { okExitCodes: [0, 1] });
      const email = await git.run(['config', 'user.email'], { okExitCodes: [0, 1] });
      const configured = name.stdout.trim() && email.stdout.trim();
      if (!configured) git = createGit(opts.root, { identity: FALLBACK_IDENTITY, ...gitDefaults });
    }
  }

  async function diverged(
    b: string,
    tip: string,
    base: string | undefined,
    why: string,
    todo: string,
  ) {
    return new BranchDivergedError(b, await describeCommits(git, tip, base), why, todo);
  }

  async function checkoutGoalBranch(
    record: GoalRecord,
    b: string,
    startSha: string,
  ): Promise<void> {
    const localSha = await rev(`refs/heads/${b}`);
    const remoteSha = sync ? await sync.tip(b) : undefined;
    if (sync && remoteSha) {
      await sync.fetchBranch(b);
      let target = remoteSha;
      if (localSha && localSha !== remoteSha) {
        if (await sync.branchContains(b, localSha, remoteSha)) target = localSha;
        else if (!(await sync.branchContains(b, remoteSha, localSha))) {
          throw await diverged(
            b,
            remoteSha,
            localSha,
            `the remote branch and your local branch have both moved; the remote has:`,
            `Reconcile them (git pull --rebase, then git push) or delete the local branch (git branch -D ${b}), then run again.`,
          );
        }
      }
      await git.run(['checkout', '--quiet', '-B', b, target]);
      const last = record.checkpoints.at(-1)?.sha;
      if (last && !(await sync.branchContains(b, target, last))) {
        throw await diverged(
          b,
          target,
          undefined,
          `the branch no longer contains the goal's last checkpoint ${last.slice(0, 12)}; its history was rewritten. The branch now ends with:`,
          `If that was a mistake, restore it (git push --force-with-lease origin ${last}:refs/heads/${b}) and resume; otherwise clear the goal and start a new one.`,
        );
      }
      return;
    }
    if (localSha) await git.run(['checkout', '--quiet', b]);
    else await git.run(['checkout', '--quiet', '-b', b, startSha]);
    const last = record.checkpoints.at(-1)?.sha;
    if (last && !(await isAncestor(git, last, 'HEAD'))) {
      throw await diverged(
        b,
        'HEAD',
        undefined,
        `the branch does not contain the goal's last checkpoint ${last.slice(0, 12)} (was it deleted or rewritten?). It now ends with:`,
        `Restore the checkpoint (git branch -f ${b} ${last}) and run again, or start a new goal.`,
      );
    }
  }

  async function pushCheckpoint(checkpoint: Checkpoint): Promise<void> {
    if (!sync || !branch) return;
    const { sha } = checkpoint;
    const b = branch;
    const remote = sync;
    const tip = await remote.tip(b);
    if (tip && !own.has(tip)) {
      // Not one of ours: it must already be in our history, or someone else pushed to the branch.
      if (!(await hasCommit(git, tip))) await remote.fetchBranch(b);
      if (!(await remote.branchContains(b, sha, tip))) {
        throw await diverged(
          b,
          tip,
          sha,
          'someone else pushed commits the goal does not have; they were not overwritten:',
          `Resume the goal to continue on top of them (the next run starts from the branch as it is), or move them to another branch.`,
        );
      }
    }
    const push = async (along: RefUpdate[]): Promise<void> => {
      try {
        await remote.push(b, sha, tip, along);
      } catch (error) {
        // The lease failed because the branch moved after we looked: report it as divergence.
        const now = error instanceof GitError ? await remote.tip(b) : undefined;
        if (now && now !== tip && !own.has(now)) {
          await remote.fetchBranch(b);
          throw await diverged(
            b,
            now,
            sha,
            'someone pushed to the branch while the goal was pushing; their commits were not overwritten:',
            'Resume the goal to continue on top of them.',
          );
        }
        throw error;
      }
    };
    if (opts.rider) await opts.rider.ride(git, checkpoint, push);
    else await push([]);
  }

  /** Checkpoints of this goal on the branch that the record does not list (see store/adopt.ts). */
  async function adoptFromBranch(record: GoalRecord): Promise<void> {
    // From the last recorded checkpoint (or the base); with neither, the branch's recent history:
    // only commits whose Goal-Id trailer names this goal are taken.
    const from = record.checkpoints.at(-1)?.sha ?? record.baseSha;
    if (from && !(await hasCommit(git, from))) return;
    const res = await git.run(
      [
        'log',
        `--max-count=${ADOPT_SCAN}`,
        '--format=%H%x1f%cI%x1f%s%x1f%(trailers:only,unfold)%x1e',
        from ? `${from}..HEAD` : 'HEAD',
      ],
      { okExitCodes: [0, 128] },
    );
    if (res.exitCode !== 0) return;
    const commits = parseBranchLog(res.stdout).reverse();
    if (adoptCheckpoints(record, commits) > 0) for (const c of record.checkpoints) own.add(c.sha);
  }

  return {
    headSha,
    branch: () => branch,

    async prepare(record) {
      await quiet();
      await checkRepository();
      sync = opts.remote ? new RemoteSync(git, opts.remote) : undefined;
      const dirty = await statusPaths();
      if (dirty.length) throw new DirtyTreeError(dirty);
      const b = record.branch;
      const valid = await git.run(['check-ref-format', '--branch', b], {
        okExitCodes: [0, 1, 128],
      });
      if (valid.exitCode !== 0 || !b.trim()) {
        throw new Error(
          `"${b}" is not a valid git branch name; the goal record's branch must be one.`,
        );
      }
      const start = opts.startPoint ?? 'HEAD';
      const startSha = await rev(start);
      if (!startSha) throw new Error(`The start point "${start}" is not a commit in ${opts.root}.`);
      for (const c of record.checkpoints) own.add(c.sha);
      await checkoutGoalBranch(record, b, startSha);
      branch = b;
      await adoptFromBranch(record);
      const baseSha = record.baseSha ?? startSha;
      if (!(await hasCommit(git, baseSha)) && !(await sync?.fetchCommit(baseSha))) {
        throw new Error(
          `The goal's base commit ${baseSha} is not in the repository and could not be fetched. ` +
            'Fetch it (git fetch origin <sha>) or check out with more history (fetch-depth: 0).',
        );
      }
      return { baseSha, branch: b };
    },

    async hasChanges() {
      await quiet();
      return (await statusPaths()).length > 0;
    },

    async isClean() {
      await quiet();
      return (await statusPaths()).length === 0;
    },

    async materialiseForVerification(parent, remove) {
      return materialiseTree(git, pendingTree ?? 'HEAD', parent, opts.root, remove);
    },

    async checkpoint(info: CheckpointInfo): Promise<Checkpoint | null> {
      // A command may have switched branches; committing there and pushing it would replace the
      // goal's history with something else.
      await quiet();
      await requireOnBranch(requireBranch(), 'checkpoint');
      await git.run(['add', '--all']);
      // The protected-path check lists what is staged: when it reverted nothing, that answers.
      const anything =
        (await revertProtected()) ?? !(await git.test(['diff', '--cached', '--quiet']));
      if (!anything) return null;
      pendingTree = await git.text(['write-tree']);
      // The subject says what this checkpoint changed; the trailers keep the bookkeeping.
      const staged = await stagedFiles(git);
      // The index now holds exactly the tree that will be committed; verifiers run on it before the
      // commit, and the commit is made from the index, so a file a verifier leaves behind is not in
      // it (and the tree is no longer clean, which the engine checks before granting completion).
      let verifierSummary = info.verifierSummary;
      try {
        if (info.verify) verifierSummary = await info.verify();
      } finally {
        pendingTree = undefined;
      }
      // Verifiers ran inside the sandbox: nothing of theirs may be alive for the commit and push.
      await quiet();
      await git.run(['commit', '--quiet', '--no-verify', '--cleanup=whitespace', '--file=-'], {
        input: buildCheckpointMessage({ ...info, verifierSummary }, staged),
      });
      const sha = await headSha();
      own.add(sha);
      const checkpoint: Checkpoint = {
        sha,
        iteration: info.iteration,
        at: new Date().toISOString(),
        summary: checkpointSubject(info, staged),
      };
      await pushCheckpoint(checkpoint);
      return checkpoint;
    },

    changes: (baseSha: string, wantContent: (path: string) => boolean): Promise<FileChange[]> =>
      fileChanges(git, baseSha, wantContent),

    diff: (baseSha: string, maxBytes: number) => boundedDiff(git, baseSha, maxBytes),

    readAt: (sha: string, path: string) => readText(git, sha, path),

    repoMap: (maxBytes: number) => buildRepoMap(git, maxBytes),

    async resetTo(sha: string) {
      const b = requireBranch();
      const full = await rev(sha);
      if (!full || !own.has(full)) {
        throw new Error(
          `resetTo(${sha}): not a checkpoint of this goal; only checkpoints can be restored.`,
        );
      }
      await quiet();
      await requireOnBranch(b, 'resetTo');
      await git.run(['reset', '--quiet', '--hard', full]);
      // Files the rolled-back iteration created but never committed; ignored files (deps, caches) stay.
      await git.run(['clean', '--quiet', '-d', '--force']);
    },
  };
}
