// What the engine needs from its caller: the adapters (ports) and the knobs, all with finite defaults.
import type {
  Clock,
  Control,
  GoalStore,
  Model,
  Reporter,
  Scratch,
  ToolHost,
  VerifierRunner,
  Workspace,
} from './ports.js';
import type { PriceTable } from './prices.js';
import type { BudgetLimits } from './types.js';

export interface EngineDeps {
  model: Model;
  tools: ToolHost;
  verifiers: VerifierRunner;
  workspace: Workspace;
  store: GoalStore;
  control: Control;
  reporter: Reporter;
  clock: Clock;
  /** Where elided tool outputs are saved for the model to read back; without it they are gone. */
  scratch?: Scratch;
}

export interface EngineOptions {
  runId: string;
  runUrl?: string;
  /** The model's name, for the price table. */
  model: string;
  prices?: PriceTable;
  /** Tool rounds the model may take in one iteration before the harness verifies. */
  maxRoundsPerIteration?: number;
  /** Output-token cap per call, so a single turn cannot blow the budget. */
  maxOutputTokens?: number;
  /** Output-token cap for side turns (restatement, compaction, wrap-up, review). */
  sideOutputTokens?: number;
  /** The model's context window, in tokens. */
  contextWindow?: number;
  /** Share of the context window a request may use. */
  contextShare?: number;
  /** Tool outputs kept whole when old ones are elided. */
  keepRecentToolOutputs?: number;
  /** A single tool output is clipped to this many tokens before it enters the context. */
  maxToolOutputTokens?: number;
  /** Idle iterations before a nudge, and again before `stalled`. */
  stallIterations?: number;
  confirmContract?: boolean;
  rollbackOnRegression?: boolean;
  /** Run the review turn when the goal ends. */
  review?: boolean;
  maxReviewRounds?: number;
  reviewDiffBytes?: number;
  /**
   * A diff from base smaller than this (with no debug leftovers and no cleanup asked for) gets no
   * review turn; 0 reviews every change.
   */
  reviewMinDiffBytes?: number;
  repoMapBytes?: number;
  /** Clock time (ms) at which this run must stop (the job's time limit): the goal pauses. */
  deadline?: number;
  /** Cancellation (SIGINT/SIGTERM): running tools and model calls are aborted. */
  signal?: AbortSignal;
  /**
   * The repository's budget ceiling (`max-budget`), for `/goal budget` commands the loop applies.
   * Without it a command's budget is taken as its adapter capped it.
   */
  maxBudget?: BudgetLimits;
}

export type ResolvedOptions = Required<
  Omit<EngineOptions, 'runUrl' | 'deadline' | 'signal' | 'prices' | 'maxBudget'>
> &
  Pick<EngineOptions, 'runUrl' | 'deadline' | 'signal' | 'maxBudget'> & {
    prices: PriceTable;
    maxRequestTokens: number;
  };

export function resolveOptions(o: EngineOptions): ResolvedOptions {
  const contextWindow = o.contextWindow ?? 200_000;
  const contextShare = o.contextShare ?? 0.6;
  return {
    runId: o.runId,
    model: o.model,
    prices: o.prices ?? {},
    maxRoundsPerIteration: o.maxRoundsPerIteration ?? 40,
    maxOutputTokens: o.maxOutputTokens ?? 16_000,
    sideOutputTokens: o.sideOutputTokens ?? 2_000,
    contextWindow,
    contextShare,
    keepRecentToolOutputs: o.keepRecentToolOutputs ?? 6,
    maxToolOutputTokens: o.maxToolOutputTokens ?? 3_000,
    stallIterations: o.stallIterations ?? 4,
    confirmContract: o.confirmContract ?? false,
    rollbackOnRegression: o.rollbackOnRegression ?? false,
    review: o.review ?? true,
    maxReviewRounds: o.maxReviewRounds ?? 6,
    reviewDiffBytes: o.reviewDiffBytes ?? 40_000,
    reviewMinDiffBytes: o.reviewMinDiffBytes ?? 6_000,
    repoMapBytes: o.repoMapBytes ?? 6_000,
    maxRequestTokens: Math.floor(contextWindow * contextShare),
    ...(o.runUrl ? { runUrl: o.runUrl } : {}),
    ...(o.deadline !== undefined ? { deadline: o.deadline } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.maxBudget ? { maxBudget: o.maxBudget } : {}),
  };
}
