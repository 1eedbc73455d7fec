// Small pieces of the loop: how it unwinds (Stop, BudgetStop), request sizing, and the texts it
// writes about what happened.
import { WIRE_FACTOR, itemText } from './context.js';
import type { LimitHit } from './ledger.js';
import type { GoalRequest, ModelError, ModelRequest } from './ports.js';
import { estimateTokens } from './tokens.js';
import type { StopReason } from './types.js';

/** The smallest output cap worth a call: below it a turn cannot do useful work. */
export const MIN_OUTPUT_TOKENS = 1_024;

/** Unwinds the loop with the reason the goal stops. */
export class Stop extends Error {
  constructor(readonly reason: StopReason) {
    super(reason.kind);
  }
}

export class BudgetStop extends Error {
  constructor(readonly hit: LimitHit) {
    super(hit.detail);
  }
}

export interface TurnOutcome {
  goal?: GoalRequest;
  /** What the model did, one entry per tool call, for the progress log. */
  actions: { name: string; ok: boolean }[];
  edits: string[];
  failedCommands: string[];
}

export function estimateRequest(request: ModelRequest): number {
  let total = estimateTokens(request.instructions) + estimateTokens(JSON.stringify(request.tools));
  for (const item of request.input) total += estimateTokens(itemText(item)) + 8;
  return Math.ceil(total * WIRE_FACTOR);
}

/** "apply_patch ×2, shell ×3 (1 failed)": what an iteration did, for the log a later run reads. */
export function summarizeActions(actions: { name: string; ok: boolean }[]): string {
  const counts = new Map<string, { n: number; failed: number }>();
  for (const a of actions) {
    const c = counts.get(a.name) ?? { n: 0, failed: 0 };
    c.n += 1;
    if (!a.ok) c.failed += 1;
    counts.set(a.name, c);
  }
  return [...counts]
    .map(([name, c]) => `${name} ×${c.n}${c.failed ? ` (${c.failed} failed)` : ''}`)
    .join(', ');
}

export function modelErrorAction(err: ModelError): string {
  switch (err.kind) {
    case 'auth':
      return 'Check the `openai-api-key` secret (and `base-url` for other providers), then `/goal resume`.';
    case 'context-length':
      return 'Use a model with a larger context window or lower `context-window` in .github/goal.yml, then `/goal resume`.';
    case 'bad-request':
      return 'Check the `model` and `api` inputs for this provider, then `/goal resume`.';
    default:
      return 'The provider was unavailable; `/goal resume` (or re-run the workflow) continues from the last checkpoint.';
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
