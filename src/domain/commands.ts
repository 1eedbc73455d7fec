// What a command is to the state machine: who sent it, with which id, carrying what. Adapters turn
// a comment, a dispatch, a label or a CLI call into one of these; the id makes it apply once.
import type {
  AppliedCommand,
  BudgetLimits,
  GoalContract,
  GoalRecord,
  GoalState,
  StopReason,
} from '../engine/types.js';

/** `comment:<commentId>` | `dispatch:<runId>` | `label:<issue>@<iso>` | `cli:<iso>`. */
export type CommandId = string;

export const commandIds = {
  comment: (commentId: number): CommandId => `comment:${commentId}`,
  dispatch: (runId: string): CommandId => `dispatch:${runId}`,
  label: (issue: number, at: string): CommandId => `label:${issue}@${at}`,
  cli: (at: string): CommandId => `cli:${at}`,
};

export type DomainCommand =
  /** A fresh record (state queued) built by the adapter: contract, budget, branch. */
  | { kind: 'start'; goal: GoalRecord }
  | { kind: 'status' }
  | { kind: 'pause' }
  | { kind: 'clear' }
  /** Merged over the goal's budget and capped by the repository maximum here. */
  | { kind: 'budget'; requested: Partial<BudgetLimits> }
  /** The contract for the new objective; the goal's steering is kept. */
  | { kind: 'edit'; contract: GoalContract }
  | { kind: 'ask'; question: string }
  /** Guidance already capped and sanitised where it entered. */
  | { kind: 'resume'; guidance?: string };

export interface CommandEvent {
  id: CommandId;
  actor: string;
  command: DomainCommand;
  /** Said first in the reply: e.g. that a text was shortened where it entered, and to what. */
  notices?: string[];
}

export interface TransitionContext {
  /** A loop drives this goal right now: the caller's own, or another run's with a live lock. */
  loopRunning: boolean;
  /** ISO time of the transition. */
  now: string;
  /** The run applying it. */
  runId: string;
  /** The repository's budget ceiling (`max-budget`). */
  maxBudget: BudgetLimits;
}

/** Work for adapters, as data: the state machine decides, adapters do. */
export type Effect =
  /** Answer the command's author (route job, CLI); the loop ignores replies. */
  | { kind: 'reply'; text: string }
  | { kind: 'label'; state: GoalState }
  /** Re-render the status view although the record did not change (status, a re-run's refresh). */
  | { kind: 'render-status' }
  /** Hand the goal to a loop (this job, or the pursue job). */
  | { kind: 'pursue' }
  /** For the running loop: stop after the current step with this reason. */
  | { kind: 'stop-loop'; reason: StopReason }
  /** For the running loop: another run holds the goal; stop and write nothing more. */
  | { kind: 'abandon-loop'; by: string }
  /** For the running loop: the contract changed; start a new conversation with it. */
  | { kind: 'contract-changed'; revision: number; note: string }
  /** The goal paused at its run deadline: start the next run (action/continue.ts). */
  | { kind: 'dispatch-continuation' }
  | { kind: 'comment-on-pr'; pr: number; text: string }
  /** Ask the model about the goal (action/ask.ts) and reply with its answer. */
  | { kind: 'answer-question'; question: string };

export interface Transition {
  /** The new record; the SAME object as the input when nothing changed; null: no goal. */
  record: GoalRecord | null;
  effects: Effect[];
  /** One line for the log and the run's result. */
  outcome: string;
}

/** How many applied commands the record remembers (enough to outlast any race of two writers). */
export const MAX_COMMAND_LOG = 50;

export function hasApplied(record: GoalRecord, id: CommandId): boolean {
  return (record.commands ?? []).some((c) => c.id === id);
}

/** The record's log with one more command, the oldest dropped past the bound. */
export function withApplied(
  log: AppliedCommand[] | undefined,
  entry: AppliedCommand,
): AppliedCommand[] {
  return [...(log ?? []), entry].slice(-MAX_COMMAND_LOG);
}

export function effectsOf<K extends Effect['kind']>(
  t: Transition,
  kind: K,
): Extract<Effect, { kind: K }>[] {
  return t.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}
