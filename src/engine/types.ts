// The vocabulary of a goal: its contract, its state, its spending and its evidence.
// Pure data: every adapter (GitHub, CLI, renderers, the record store) speaks these types.

export const GOAL_STATES = [
  'queued',
  'pursuing',
  'achieved',
  'blocked',
  'budget-limited',
  'stalled',
  'paused',
  'cleared',
  'failed',
] as const;
export type GoalState = (typeof GOAL_STATES)[number];

/** States in which no loop is running and the goal waits for a person. */
export const TERMINAL_STATES: readonly GoalState[] = [
  'achieved',
  'blocked',
  'budget-limited',
  'stalled',
  'paused',
  'cleared',
  'failed',
];

// ---------------------------------------------------------------- verifiers

/** A metric target: absolute (`< 120`, `>= 0.9`) or relative to the baseline (`-30%`, `+10%`). */
export type MetricTarget =
  | { kind: 'absolute'; op: '<' | '<=' | '>' | '>=' | '=='; value: number }
  | { kind: 'relative'; percent: number };

export interface VerifierSpec {
  name: string;
  command: string;
  timeoutSec: number;
  kind: 'check' | 'metric';
  required: boolean;
  /** For metric verifiers: a regular expression whose first capture group is the number. */
  pattern?: string;
  target?: MetricTarget;
  /** Who declared it. `issue` verifiers (text from a possible non-writer) never run as commands. */
  source: 'config' | 'input' | 'command' | 'issue' | 'cli';
}

export interface VerifierResult {
  name: string;
  passed: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Bounded tail of the combined output, already redacted. */
  outputTail: string;
  /** Metric verifiers: the value extracted from the output (undefined when the pattern missed). */
  metricValue?: number;
  /** Tests the runner reported (`N passed`, `Tests: N total`), when it reports a count. */
  testCount?: number;
  /** Names of failing tests the runner reported, when it reports them. */
  failingTests?: string[];
  /** How many times it ran on this tree (flake re-runs). */
  attempts: number;
  /** It both passed and failed on the same tree. */
  flaky: boolean;
}

export interface VerificationRun {
  iteration: number;
  /** The checkpoint commit the verifiers ran on, when there was one. */
  sha?: string;
  at: string;
  results: VerifierResult[];
}

// ---------------------------------------------------------------- contract

export interface GoalContract {
  /** What must be true. The objective as the user wrote it. */
  outcome: string;
  /** Commands and metric targets that prove it. */
  verification: VerifierSpec[];
  /** Verification text from the issue that did not match a configured verifier (not executed). */
  verificationNotes: string[];
  /** What must not regress. */
  constraints: string[];
  /** Paths and tools the agent may use; protected paths it may never write. */
  boundaries: string[];
  protectedPaths: string[];
  /** How to choose the next step. */
  iterationPolicy: string;
  /** When to stop and report. */
  blockedCondition: string;
  /** Guidance given with `/goal resume …`, oldest first. */
  steering: string[];
  /** Tamper rules the contract explicitly allows (by rule id). */
  allowedChanges: string[];
}

// ---------------------------------------------------------------- budget

export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface BudgetLimits {
  /** Billed tokens: input − cached + output. */
  tokens: number;
  usd: number;
  timeSec: number;
  iterations: number;
}

export interface Ledger {
  usage: Usage;
  /** input − cached + output, as OpenAI bills. */
  tokens: number;
  usd: number;
  /** Wall-clock seconds spent inside loops, over every run. */
  elapsedSec: number;
  modelCalls: number;
  /**
   * Spending a saved record covers beyond the charges above: the most the model calls made after
   * this save can cost (engine/reservation.ts). A run that stops normally leaves none; a run that
   * dies leaves it, and the next run charges it.
   */
  reserved?: { tokens: number; usd: number; calls?: number };
}

export type BudgetDimension = 'tokens' | 'usd' | 'time' | 'iterations' | 'quota';

// ---------------------------------------------------------------- plan, log, findings

export interface PlanStep {
  step: string;
  status: 'pending' | 'in_progress' | 'completed';
}

export interface ProgressEntry {
  iteration: number;
  /** What was tried and what happened, one or two lines. */
  text: string;
  kind: 'action' | 'verification' | 'decision' | 'summary' | 'control';
}

/** A file the goal changed against its base, with its line counts (none for binary files). */
export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  oldPath?: string;
  added?: number;
  removed?: number;
}

export interface TamperFinding {
  rule: string;
  path?: string;
  detail: string;
}

export type StopReason =
  | { kind: 'achieved'; evidence: string }
  | { kind: 'blocked'; blocker: string; needs: string }
  | {
      kind: 'budget-limited';
      dimension: BudgetDimension;
      detail: string;
      /** The limit of that dimension when the goal stopped: resuming needs a higher one. */
      limit?: number;
    }
  | { kind: 'stalled'; detail: string }
  | { kind: 'paused'; detail: string; cause?: PauseCause }
  | { kind: 'cleared'; detail: string }
  | { kind: 'failed'; error: string; action: string; cause?: FailCause };

/**
 * Why a goal paused, as a value (never read back from the detail text): `user` (/goal pause),
 * `deadline` (the run reached its job time limit: the Action continues it itself), `signal` (the
 * run was cancelled), `confirm` (waiting for a maintainer to confirm the restated contract),
 * `lock-lost` (another run took the goal over). Optional only for records written before it
 * existed; those read as `user`.
 */
export type PauseCause = 'user' | 'deadline' | 'signal' | 'confirm' | 'lock-lost';
export const PAUSE_CAUSES = ['user', 'deadline', 'signal', 'confirm', 'lock-lost'] as const;

/**
 * Why a goal failed: `transient` (the provider or network was down: a re-run may succeed),
 * `model` (the model call failed in a way only a change fixes), `config` (a bad input, a missing
 * API key, a broken goal.yml), `start-up` (the run died before the loop), `crash` (an unexpected
 * error inside the loop). A re-run continues `transient`, `start-up` and `crash`.
 */
export type FailCause = 'transient' | 'model' | 'config' | 'start-up' | 'crash';
export const FAIL_CAUSES = ['transient', 'model', 'config', 'start-up', 'crash'] as const;

export const COMMAND_KINDS = [
  'start',
  'status',
  'pause',
  'resume',
  'clear',
  'budget',
  'edit',
  'ask',
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

/**
 * A command the goal already applied, so that the route job and the running loop's comment poller
 * apply each command exactly once (src/domain/transitions.ts). `text` says what it changed.
 */
export interface AppliedCommand {
  /** `comment:<id>`, `dispatch:<runId>`, `label:<issue>@<time>`, `cli:<time>`. */
  id: string;
  kind: CommandKind;
  actor: string;
  at: string;
  /** The run that applied it: a re-run of that run continues the goal it queued. */
  runId?: string;
  text: string;
}

export interface Checkpoint {
  sha: string;
  iteration: number;
  at: string;
  summary: string;
}

/** One line of the iteration log: what the verifiers said after an iteration. */
export interface IterationSummary {
  iteration: number;
  /** Required verifiers passing / required verifiers. */
  passing: number;
  total: number;
  /** Metric verifier values by name. */
  metrics: Record<string, number>;
  /** Billed tokens spent in this iteration. */
  tokens: number;
  sha?: string;
  note: string;
}

export interface RunInfo {
  id: string;
  url?: string;
  startedAt: string;
  endedAt?: string;
}

// ---------------------------------------------------------------- the record

export const RECORD_VERSION = 1;

export interface GoalRecord {
  version: typeof RECORD_VERSION;
  id: string;
  /** Issue or PR number on GitHub; undefined for local goals. */
  number?: number;
  title: string;
  contract: GoalContract;
  /** Increments whenever the contract is edited (`/goal edit`, resume guidance). */
  contractRevision: number;
  /** The model's restatement of the contract, before its first edit. */
  restatement?: string;
  /** Waiting for `/goal resume` after the restatement (confirm-contract). */
  awaitingConfirmation?: boolean;
  state: GoalState;
  stopReason?: StopReason;
  budget: BudgetLimits;
  ledger: Ledger;
  iteration: number;
  branch: string;
  baseRef: string;
  baseSha?: string;
  checkpoints: Checkpoint[];
  baseline?: VerificationRun;
  latest?: VerificationRun;
  best?: VerificationRun;
  plan: PlanStep[];
  /** Bounded log of what was tried; older entries are folded into `summary`. */
  progress: ProgressEntry[];
  /** Compaction summary of everything older than `progress`. */
  summary?: string;
  findings: TamperFinding[];
  /** What the checkpointed branch changes against the base (bounded), for the PR body. */
  changes?: ChangedFile[];
  flaky: string[];
  /** Iterations without verifier progress, and whether the model was already told to change course. */
  stall: { idle: number; nudged: boolean; bestScore?: number };
  /** Bounded iteration log (newest last), for the status table and metric chart. */
  history: IterationSummary[];
  runs: RunInfo[];
  /** Which run is driving the loop now; guards against two runs writing at once. */
  lock?: { runId: string; heartbeatAt: string };
  pr?: { number: number; url: string };
  /**
   * The Action's own continuation past the job time limit: the hash of the one-time nonce its
   * workflow_dispatch carries, and the run that consumed it (src/state/continuation.ts).
   */
  continuation?: { nonceHash: string; issuedAt: string; byRun: string; consumedBy?: string };
  report?: string;
  /** Commands applied to this goal, newest last, bounded (src/domain/commands.ts). */
  commands?: AppliedCommand[];
  createdAt: string;
  updatedAt: string;
}
