// Start-up asks GitHub a handful of independent questions — the sender's permission, the goal's
// record (its ref, the record file, the status comment), .github/goal.yml, the issue (or pull
// request), the default branch — and routing used to ask them one after another, a round trip
// each, all before the first model request. Asked together as soon as the event is known they
// cost about one round trip (two for the record file). Each early answer is
// handed out once, to the first caller that asks the same question; later calls ask GitHub again,
// so nothing reads an answer older than the run's first second. Only questions routing will ask
// for this event are asked (a comment without a command asks none).
//
// Up to seven reads at once, once per run: GitHub's secondary limit is on sustained concurrency
// (100 concurrent requests), and everything after start-up stays one request at a time.
import { GOAL_YML_PATH } from '../config/goal-yml.js';
import { GitHubRepo } from '../github/repo.js';
import { STATUS_MARKER } from '../state/codec.js';
import { RECORD_FILE, recordRef } from '../store/record-store.js';
import type { Intent } from '../trigger/event.js';

export class WarmRepo extends GitHubRepo {
  private readonly early = new Map<string, Promise<unknown>>();

  /**
   * Asks, in parallel, what routing will ask for this event; returns what it asked. Never throws;
   * call once.
   * `routes`: this job routes the command (modes `both` and `route`); a start then reads the issue
   * and the default branch to build the goal, which the pursue job never does.
   */
  warm(intent: Intent, routes: boolean): string[] {
    if (intent.kind === 'ignore') return [];
    const parsed = intent.kind === 'label' ? undefined : intent.parsed;
    if (parsed && parsed.kind !== 'command') return [];
    const starts = routes && (!parsed || parsed.command.kind === 'start');
    const pullRequest = intent.kind === 'comment' && intent.isPullRequest;
    if (intent.actorType !== 'Bot')
      this.ask(`permission:${intent.actor}`, () => super.permission(intent.actor));
    this.ask(`find:${intent.number}`, () => super.findComment(intent.number, STATUS_MARKER));
    // The record's ref, and the record file of the commit it points at, as the store reads them.
    const ref = recordRef(intent.number);
    this.ask(`ref:${ref}`, () =>
      super.refSha(ref).then((sha) => {
        if (sha) this.ask(`file-at:${sha}:${RECORD_FILE}`, () => super.fileAt(sha, RECORD_FILE));
        return sha;
      }),
    );
    this.ask(`file:${GOAL_YML_PATH}`, () => super.readFile(GOAL_YML_PATH));
    if (pullRequest) this.ask(`pull:${intent.number}`, () => super.pull(intent.number));
    if (starts || intent.kind !== 'comment')
      this.ask(`issue:${intent.number}`, () => super.issue(intent.number));
    if (starts && !pullRequest) this.ask('default-branch', () => super.defaultBranch());
    return [...this.early.keys()];
  }

  private ask(key: string, read: () => Promise<unknown>): void {
    const answer = read();
    // Nobody may ever ask: a failure is then nobody's, and the caller that does ask gets it.
    answer.catch(() => undefined);
    this.early.set(key, answer);
  }

  /** The early answer to `key` (once), else a fresh read. */
  private take<T>(key: string, read: () => Promise<T>): Promise<T> {
    const answer = this.early.get(key);
    if (!answer) return read();
    this.early.delete(key);
    return answer as Promise<T>;
  }

  override permission(username: string): ReturnType<GitHubRepo['permission']> {
    return this.take(`permission:${username}`, () => super.permission(username));
  }

  override findComment(issueNumber: number, marker: string): ReturnType<GitHubRepo['findComment']> {
    if (marker !== STATUS_MARKER) return super.findComment(issueNumber, marker);
    return this.take(`find:${issueNumber}`, () => super.findComment(issueNumber, marker));
  }

  override readFile(path: string, ref?: string): ReturnType<GitHubRepo['readFile']> {
    if (ref !== undefined) return super.readFile(path, ref);
    return this.take(`file:${path}`, () => super.readFile(path));
  }

  override refSha(ref: string): ReturnType<GitHubRepo['refSha']> {
    return this.take(`ref:${ref}`, () => super.refSha(ref));
  }

  override fileAt(commit: string, path: string): ReturnType<GitHubRepo['fileAt']> {
    return this.take(`file-at:${commit}:${path}`, () => super.fileAt(commit, path));
  }

  override pull(n: number): ReturnType<GitHubRepo['pull']> {
    return this.take(`pull:${n}`, () => super.pull(n));
  }

  override issue(n: number): ReturnType<GitHubRepo['issue']> {
    return this.take(`issue:${n}`, () => super.issue(n));
  }

  override defaultBranch(): ReturnType<GitHubRepo['defaultBranch']> {
    return this.take('default-branch', () => super.defaultBranch());
  }
}
