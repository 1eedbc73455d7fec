// Creating and updating the goal record. The record is the goal's memory across runs: everything
// the next run needs to continue is here, and nothing here grows without bound.
import { emptyLedger } from './ledger.js';
import {
  RECORD_VERSION,
  type BudgetLimits,
  type Checkpoint,
  type GoalContract,
  type GoalRecord,
  type IterationSummary,
  type ProgressEntry,
  type StopReason,
} from './types.js';

export const MAX_PROGRESS_ENTRIES = 60;
export const MAX_HISTORY = 100;
export const MAX_CHECKPOINTS = 200;

export interface NewGoal {
  id: string;
  title: string;
  contract: GoalContract;
  budget: BudgetLimits;
  branch: string;
  baseRef: string;
  number?: number;
  now: string;
}

export function newGoalRecord(goal: NewGoal): GoalRecord {
  return {
    version: RECORD_VERSION,
    id: goal.id,
    ...(goal.number !== undefined ? { number: goal.number } : {}),
    title: goal.title,
    contract: goal.contract,
    contractRevision: 1,
    state: 'queued',
    budget: goal.budget,
    ledger: emptyLedger(),
    iteration: 0,
    branch: goal.branch,
    baseRef: goal.baseRef,
    checkpoints: [],
    plan: [],
    progress: [],
    findings: [],
    flaky: [],
    stall: { idle: 0, nudged: false },
    history: [],
    runs: [],
    createdAt: goal.now,
    updatedAt: goal.now,
  };
}

/** Appends to the progress log; the oldest entries fold into the summary line so nothing vanishes. */
export function logProgress(record: GoalRecord, entry: ProgressEntry): void {
  record.progress.push({ ...entry, text: oneLine(entry.text, 400) });
  const excess = record.progress.length - MAX_PROGRESS_ENTRIES;
  if (excess > 0) {
    const folded = record.progress.splice(0, excess);
    const lines = folded.map((e) => `- it.${e.iteration}: ${e.text}`).join('\n');
    record.summary = clipSummary(record.summary ? `${record.summary}\n${lines}` : lines);
  }
}

/** Lists a checkpoint; only the newest MAX_CHECKPOINTS are kept (the last is where a run resumes). */
export function recordCheckpoint(record: GoalRecord, checkpoint: Checkpoint): void {
  record.checkpoints.push(checkpoint);
  if (record.checkpoints.length > MAX_CHECKPOINTS)
    record.checkpoints.splice(0, record.checkpoints.length - MAX_CHECKPOINTS);
}

export function recordIteration(record: GoalRecord, summary: IterationSummary): void {
  record.history.push(summary);
  if (record.history.length > MAX_HISTORY)
    record.history.splice(0, record.history.length - MAX_HISTORY);
}

export function stop(record: GoalRecord, reason: StopReason): void {
  record.state = reason.kind;
  record.stopReason = reason;
  // The next run's snapshot shows why the last one stopped.
  const why =
    'detail' in reason
      ? reason.detail
      : 'error' in reason
        ? reason.error
        : 'blocker' in reason
          ? reason.blocker
          : reason.evidence;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'control',
    text: `Stopped: ${reason.kind} — ${why}`,
  });
}

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The summary keeps its newest part: a compaction summary is rewritten, a folded log only grows. */
function clipSummary(text: string, max = 12_000): string {
  return text.length > max ? `…\n${text.slice(text.length - max)}` : text;
}
