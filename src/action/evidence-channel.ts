// The goal's channel to GitHub (status comment, draft PR, labels: GoalChannel) plus what reviewers
// see on the commits and the issue: each checkpoint commit gets the verifier results as a
// `goal-action` check run (or commit status), and a pull request GitHub refused to open is said
// on the issue, naming the setting, instead of being a line in the log. It subscribes to the
// engine's events like any reporter; the engine knows nothing of checks.
import { statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import {
  logProgress,
  type EngineEvent,
  type GoalRecord,
  type VerifierResult,
} from '../engine/index.js';
import type { GitHubRepo } from '../github/repo.js';
import { checkpointEvidence } from './checkpoint-evidence.js';
import {
  GoalChannel,
  LockLostError,
  type ChannelOptions,
  type ChannelStart,
} from './goal-channel.js';

export interface EvidenceOptions {
  /** The checkout root, to make absolute paths in verifier output repository paths. */
  workspace: string;
  runUrl: string;
}

const PR_REFUSED_NOTE = 'Could not open the draft pull request';

export class EvidenceChannel extends GoalChannel {
  // ES private fields (#): they can never collide with GoalChannel's own private members.
  /** Results of the verifier run that the next checkpoint commits (verified before committing). */
  #pending?: VerifierResult[];
  #refusalSaid = false;
  readonly #gh: GitHubRepo;
  readonly #options: ChannelOptions;
  readonly #evidence: EvidenceOptions;

  constructor(
    gh: GitHubRepo,
    issueNumber: number,
    start: ChannelStart,
    options: ChannelOptions,
    evidence: EvidenceOptions,
  ) {
    super(gh, issueNumber, start, options);
    this.#gh = gh;
    this.#options = options;
    this.#evidence = evidence;
  }

  override async onEvent(event: EngineEvent): Promise<void> {
    await super.onEvent(event);
    try {
      await this.#afterEvent(event);
    } catch (err) {
      if (err instanceof LockLostError) throw err;
      this.#options.warn(
        `Could not publish evidence after "${event.type}": ${(err as Error).message}`,
      );
    }
  }

  async #afterEvent(event: EngineEvent): Promise<void> {
    switch (event.type) {
      case 'verified':
        this.#pending = event.results;
        return;
      // A verifier run that no checkpoint followed (the baseline, a run on an earlier commit)
      // belongs to no new commit.
      case 'baseline':
      case 'iteration-start':
      case 'iteration-end':
        this.#pending = undefined;
        return;
      case 'checkpoint': {
        // Composed now, from this checkpoint's results; sent off the loop's path, one write per
        // commit (a key per SHA: no checkpoint's check replaces another's).
        const evidence = checkpointEvidence({
          record: event.record,
          checkpoint: event.checkpoint,
          results: this.#pending,
          isFile: (path) => repositoryFile(this.#evidence.workspace, path),
          runUrl: this.#evidence.runUrl,
        });
        this.#pending = undefined;
        await this.enqueue(`check:${evidence.sha}`, async () => {
          await this.#gh.publishEvidence(evidence);
        });
        // After the PR write the checkpoint queued: by then GitHub has answered it.
        await this.enqueue('pr-refused', () => this.#sayPullRequestRefused(event.record));
        return;
      }
      case 'stopped':
        await this.enqueue('pr-refused', () => this.#sayPullRequestRefused(event.record));
        return;
      default:
        return;
    }
  }

  /** Once per goal: the PR was refused, why, and how to allow it. */
  async #sayPullRequestRefused(record: GoalRecord): Promise<void> {
    const refusal = this.#gh.pullRequestsRefused;
    if (!refusal || this.#refusalSaid || record.pr) return;
    this.#refusalSaid = true;
    if (record.progress.some((p) => p.text.startsWith(PR_REFUSED_NOTE))) return;
    logProgress(record, {
      iteration: record.iteration,
      kind: 'decision',
      text: `${PR_REFUSED_NOTE}: ${refusal.message}`,
    });
    await this.#gh.comment(
      this.issueNumber,
      this.#options.redact(`⚠️ **${PR_REFUSED_NOTE}.** ${refusal.message}`),
    );
  }
}

export function openChannel(
  gh: GitHubRepo,
  issueNumber: number,
  start: ChannelStart,
  options: ChannelOptions,
  evidence: EvidenceOptions,
): EvidenceChannel {
  return new EvidenceChannel(gh, issueNumber, start, options, evidence);
}

/** A regular file inside the workspace (never outside it, whatever the path says). */
function repositoryFile(workspace: string, path: string): boolean {
  const root = resolve(workspace);
  const full = resolve(join(root, path));
  if (!full.startsWith(root + sep)) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}
