// The ports the engine talks through. Adapters (src/model, src/tools, src/verify, src/git,
// src/github, src/state, src/cli) implement them; the engine never imports an adapter.

import type { CommandEvent, Effect } from '../domain/commands.js';
import type {
  Checkpoint,
  GoalContract,
  GoalRecord,
  PlanStep,
  Usage,
  VerifierResult,
  VerifierSpec,
} from './types.js';

// ---------------------------------------------------------------- model

/** One item of the conversation, in a shape both OpenAI APIs can carry. */
export type ConversationItem =
  | { type: 'message'; role: 'user' | 'assistant'; content: string }
  | { type: 'tool_call'; callId: string; name: string; arguments: string }
  | { type: 'tool_result'; callId: string; output: string }
  /**
   * The model's reasoning from an earlier turn, encrypted by the provider (Responses API with
   * `store: false`). Carried back unchanged so the model keeps its chain of thought; opaque to us.
   */
  | { type: 'reasoning'; encryptedContent: string; summary: string[] };

/** A function tool: name, description and JSON-schema parameters. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  /** The stable prefix: system instructions. Byte-identical across turns between compactions. */
  instructions: string;
  input: ConversationItem[];
  tools: ToolSpec[];
  maxOutputTokens: number;
  /** A stable key that lets the provider route requests to the same prompt cache. */
  cacheKey?: string;
}

export interface ModelToolCall {
  callId: string;
  name: string;
  /** Raw JSON text as the model sent it; may be malformed. */
  arguments: string;
}

export interface ModelResponse {
  text: string;
  toolCalls: ModelToolCall[];
  /** Reasoning items to carry into the next request, in the order the model produced them. */
  reasoning?: Extract<ConversationItem, { type: 'reasoning' }>[];
  usage: Usage;
  /** Time spent waiting for the provider, for the overhead benchmark. */
  durationMs: number;
}

/** Errors a model adapter throws. The engine decides what each means for the goal. */
export class ModelError extends Error {
  constructor(
    readonly kind:
      | 'auth' // 401/403: the key is wrong
      | 'quota' // insufficient_quota: stop as budget-limited, never retry
      | 'context-length' // the request was too large
      | 'rate-limit' // retries exhausted on 429
      | 'server' // retries exhausted on 5xx / connection
      | 'timeout'
      | 'bad-request',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface Model {
  readonly name: string;
  turn(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}

// ---------------------------------------------------------------- tools

export interface ToolCallContext {
  signal?: AbortSignal;
}

/** What the goal-level tools ask the engine to do; the engine decides. */
export type GoalRequest =
  { status: 'complete'; evidence: string } | { status: 'blocked'; blocker: string; needs?: string };

export interface ToolOutcome {
  /** Text returned to the model (already truncated and redacted). */
  output: string;
  /** False when the call failed (bad arguments, non-zero exit, failed hunk). */
  ok: boolean;
  /** update_plan: the new plan. */
  plan?: PlanStep[];
  /** update_goal: the request. */
  goal?: GoalRequest;
  /** The call may have changed files in the workspace. */
  mutating?: boolean;
}

export interface ToolHost {
  /** Tool definitions, always in the same order (prompt-cache stability). */
  specs(): ToolSpec[];
  execute(name: string, rawArguments: string, ctx: ToolCallContext): Promise<ToolOutcome>;
}

/**
 * Keeps text the model may want back (a tool output elided from the context) where its `read_file`
 * tool can read it: a scratch area of the workspace that checkpoints never commit.
 */
export interface Scratch {
  /** Saves `text` as `name`; returns the workspace-relative path to tell the model, or undefined. */
  save(name: string, text: string): Promise<string | undefined>;
}

// ---------------------------------------------------------------- verification

export interface VerifyOptions {
  /** Put these paths back to their content at `sha` in the tree being verified (the oracle run). */
  restoreFromBase?: { sha: string; paths: string[] };
}

export interface VerifierRunner {
  /** Runs each verifier on the current workspace tree, with flake re-runs. */
  run(
    specs: VerifierSpec[],
    signal?: AbortSignal,
    options?: VerifyOptions,
  ): Promise<VerifierResult[]>;
  /**
   * True when `restoreFromBase` is honoured (the Action verifies a fresh copy it can change); a
   * runner that verifies the live worktree (the CLI's) cannot, and the oracle run is skipped.
   */
  readonly restoresFromBase?: boolean;
}

// ---------------------------------------------------------------- workspace and checkpoints

export interface FileChange {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  oldPath?: string;
  /** Text before (at base) and after (at the checkpoint), for files the tamper rules read. */
  before?: string;
  after?: string;
  /** Lines added and removed (git's numstat); undefined for binary files or when not counted. */
  added?: number;
  removed?: number;
}

export interface CheckpointInfo {
  goalId: string;
  iteration: number;
  subject: string;
  verifierSummary: string;
  tokens: number;
  usd: number;
  /**
   * Runs the verifiers on the committed tree before the checkpoint is pushed; its summary replaces
   * `verifierSummary` in the commit's trailers, so every pushed checkpoint says how it verified.
   */
  verify?: () => Promise<string>;
}

export interface Workspace {
  /** Create or check out the goal's branch; returns the base commit the goal is measured against. */
  prepare(record: GoalRecord): Promise<{ baseSha: string; branch: string }>;
  /** True when the working tree differs from the last checkpoint (or base). */
  hasChanges(): Promise<boolean>;
  /** Commit everything as a checkpoint (and push where there is a remote). Null when nothing changed. */
  checkpoint(info: CheckpointInfo): Promise<Checkpoint | null>;
  /** True when the tree is exactly the last checkpoint (verifiers did not leave changes behind). */
  isClean(): Promise<boolean>;
  /** Changes from base to HEAD, with file contents for the paths the caller asks about. */
  changes(baseSha: string, wantContent: (path: string) => boolean): Promise<FileChange[]>;
  /** Unified diff from base to HEAD, bounded. */
  diff(baseSha: string, maxBytes: number): Promise<string>;
  /** A compact map of the repository for the stable prompt prefix. */
  repoMap(maxBytes: number): Promise<string>;
  /** A file's text at a commit (undefined when absent or binary). */
  readAt?(sha: string, path: string): Promise<string | undefined>;
  /** Reset the branch to an earlier checkpoint (roll back a regression). */
  resetTo?(sha: string): Promise<void>;
}

// ---------------------------------------------------------------- record, control, reporting

/** What a stored record accounts for: its ledger plus its reservation (engine/reservation.ts). */
export interface SpendingCover {
  tokens: number;
  usd: number;
  calls: number;
}

/** The spending cover of a record as it is now. */
export function coverOf(record: GoalRecord): SpendingCover {
  const l = record.ledger;
  return {
    tokens: l.tokens + (l.reserved?.tokens ?? 0),
    usd: l.usd + (l.reserved?.usd ?? 0),
    calls: l.modelCalls + (l.reserved?.calls ?? 0),
  };
}

/** Float slack for USD comparisons. */
const EPSILON_USD = 1e-9;

/** Does `cover` account for what `ledger` counts, plus `more` (a call about to be made)? */
export function covers(
  cover: SpendingCover,
  ledger: GoalRecord['ledger'],
  more: SpendingCover = { tokens: 0, usd: 0, calls: 0 },
): boolean {
  return (
    ledger.tokens + more.tokens <= cover.tokens &&
    ledger.usd + more.usd <= cover.usd + EPSILON_USD &&
    ledger.modelCalls + more.calls <= cover.calls
  );
}

export interface SaveOptions {
  /**
   * The record carries a reservation the budget gate counts on (engine/reservation.ts): a store
   * that keeps a cheaper view between durable writes must send this one to the durable store.
   */
  durable?: boolean;
}

export interface GoalStore {
  /** Persist the record. Throws if another run has written it since we loaded it. */
  save(record: GoalRecord, options?: SaveOptions): Promise<void>;
  /**
   * Resolves when every record passed to save() before this call has landed (or its write failed
   * and was reported). A store whose save() is durable once it returns leaves this out. The engine
   * awaits it only when the spending reservation of the stored record would run out.
   *
   * It may resolve at once with the `SpendingCover` of a record already stored that accounts for
   * every call made so far (one a checkpoint's push carried, say): then nothing is written for the
   * wait, and the engine counts on that record's cover, not on the later ones it handed over.
   */
  saved?(): Promise<SpendingCover | void>;
}

/** A command a person sent while the loop runs (GitHub comments, Ctrl-C, SIGTERM). */
export type ControlSignal =
  | { kind: 'pause'; reason: string }
  | { kind: 'clear'; reason: string }
  | { kind: 'edit'; contract: GoalContract; note: string }
  | { kind: 'budget'; record: Pick<GoalRecord, 'budget'> };

/**
 * Effects of commands the store already applied to the loop's record (a write conflict reloaded
 * the stored record and reconciled it in place, src/domain/transitions.ts `reconcile`): the loop
 * only performs them (stop after this step, a new conversation for a new contract).
 */
export interface AppliedEffects {
  kind: 'applied';
  effects: Effect[];
}

/**
 * What a poll returns: a command for the state machine (src/domain/commands.ts: it carries an id,
 * so it applies once across channels), effects already applied, or a signal of the older shape.
 */
export type ControlInput = ControlSignal | CommandEvent | AppliedEffects;

export interface Control {
  /** Polled between steps; returns at most what arrived since the last poll. */
  poll(): Promise<ControlInput[]>;
}

export type EngineEvent =
  | { type: 'started'; record: GoalRecord }
  | { type: 'baseline'; record: GoalRecord }
  | { type: 'restated'; record: GoalRecord; text: string }
  | { type: 'iteration-start'; record: GoalRecord }
  | { type: 'model-turn'; record: GoalRecord; text: string; toolCalls: number; tokens: number }
  | { type: 'tool'; record: GoalRecord; name: string; summary: string; ok: boolean }
  | { type: 'checkpoint'; record: GoalRecord; checkpoint: Checkpoint }
  | { type: 'verified'; record: GoalRecord; results: VerifierResult[] }
  | { type: 'compacted'; record: GoalRecord; ok: boolean }
  | { type: 'note'; record: GoalRecord; text: string }
  | { type: 'iteration-end'; record: GoalRecord }
  | { type: 'stopped'; record: GoalRecord };

export interface Reporter {
  /** Must not throw into the loop; adapters log their own failures. */
  onEvent(event: EngineEvent): void | Promise<void>;
}

export interface Clock {
  now(): number;
}
