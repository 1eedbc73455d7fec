// The engine's Control port on GitHub: between steps, the running loop reads new comments on the
// goal's issue and turns authorised `/goal pause|clear|edit|budget` commands into commands for the
// state machine, each with the comment's id: the route job handling the same comment applies the
// same command to the stored record, and the id makes it apply once (src/domain/transitions.ts).
// Other commands (status, ask, resume) are answered by their own workflow runs.
import { commandIds, type CommandEvent } from '../domain/commands.js';
import type { Effect } from '../domain/commands.js';
import type { Control, ControlInput, GoalContract, GoalRecord } from '../engine/index.js';
import { isOwnWrite } from '../github/own-mark.js';
import type { GitHubRepo } from '../github/repo.js';
import { PollPacer, RequestBudget } from './request-budget.js';
import { parseComment, type GoalCommand } from '../trigger/commands.js';

export interface GitHubControlOptions {
  issueNumber: number;
  /** Comments up to this id were already handled (the trigger, or the newest at start). */
  afterCommentId: number;
  /** May this user steer the goal? (write permission, bots by name.) */
  mayControl: (user: string, userType: string) => Promise<boolean>;
  /** The contract for an edited objective. */
  editContract: (objective: string) => GoalContract;
  /** The budget a `/goal budget` asks for, capped by the repository maximum. */
  budgetFor: (requested: Partial<GoalRecord['budget']>) => GoalRecord['budget'];
  /**
   * Effects of commands the goal's store took on for the loop (a `/goal edit` another run wrote,
   * merged in at the loop's write conflict: src/domain/transitions.ts `reconcile`). Drained at
   * every poll, however recent the last comment read: the loop must switch to a new contract at
   * its next step. Dispatched commands never appear as comments: this is how the loop learns of them.
   */
  takeEffects?: () => Effect[];
  /** Minimum time between polls, to spare the API. */
  minIntervalMs: number;
  now: () => number;
  warn: (message: string) => void;
}

export class GitHubControl implements Control {
  private lastId: number;
  /** The caller just read the newest comment id: the first poll can wait its interval. */
  private lastPoll: number;
  private readonly pacer: PollPacer;

  constructor(
    private readonly gh: GitHubRepo,
    private readonly o: GitHubControlOptions,
  ) {
    this.lastId = o.afterCommentId;
    this.lastPoll = o.now();
    this.pacer = new PollPacer(o.minIntervalMs, new RequestBudget(o.now));
  }

  async poll(): Promise<ControlInput[]> {
    const effects = this.o.takeEffects?.() ?? [];
    const applied: ControlInput[] = effects.length ? [{ kind: 'applied', effects }] : [];
    // The interval stretches while nobody writes and when the goal spends over its request budget.
    if (this.o.now() - this.lastPoll < this.pacer.intervalMs()) return applied;
    return [...applied, ...(await this.readComments())];
  }

  private async readComments(): Promise<CommandEvent[]> {
    this.lastPoll = this.o.now();
    let comments;
    try {
      comments = await this.gh.commentsAfter(this.o.issueNumber, this.lastId);
    } catch (err) {
      // A failed poll must not stop the goal; the next poll will see the same comments.
      this.o.warn(`Could not read new comments: ${(err as Error).message}`);
      return [];
    }
    this.pacer.observed(comments.length);
    const events: CommandEvent[] = [];
    for (const comment of comments) {
      this.lastId = Math.max(this.lastId, comment.id);
      // The Action's own comments (whatever account the token is) are never commands.
      if (isOwnWrite(comment.body)) continue;
      const parsed = parseComment(comment.body);
      if (parsed.kind !== 'command') continue;
      if (!(await this.o.mayControl(comment.user, comment.userType).catch(() => false))) continue;
      const command = this.toCommand(parsed.command);
      if (command)
        events.push({
          id: commandIds.comment(comment.id),
          actor: comment.user,
          command,
          ...(parsed.notices ? { notices: parsed.notices } : {}),
        });
    }
    return events;
  }

  private toCommand(command: GoalCommand): CommandEvent['command'] | null {
    switch (command.kind) {
      case 'pause':
      case 'clear':
        return { kind: command.kind };
      case 'edit':
        return { kind: 'edit', contract: this.o.editContract(command.objective) };
      case 'budget':
        // Capped here too: the loop may not know the repository's maximum.
        return { kind: 'budget', requested: this.o.budgetFor(command.budget) };
      default:
        return null;
    }
  }
}
