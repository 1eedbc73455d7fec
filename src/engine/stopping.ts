// How a run ends: the error that unwound the loop becomes the goal's stop reason, and a goal out
// of budget gets one wrap-up turn (its report for the maintainers) before it stops.
import type { ContextKeeper } from './context-keeper.js';
import { CANCELLED, type ModelGate } from './gate.js';
import { limitOf } from './ledger.js';
import { BudgetStop, Stop, errorText, modelErrorAction } from './loop-support.js';
import { ModelError } from './ports.js';
import { WRAP_UP_PROMPT } from './prompts.js';
import { logProgress, stop } from './record.js';
import type { RunSession } from './session.js';
import { estimateTokens } from './tokens.js';
import type { StopReason } from './types.js';

/** The stop reason for what unwound the loop; a budget stop first gets its wrap-up turn. */
export async function stopFor(
  err: unknown,
  s: RunSession,
  gate: ModelGate,
  context: ContextKeeper | undefined,
): Promise<void> {
  const r = s.record;
  if (err instanceof BudgetStop) {
    await wrapUp(s, gate, context);
    const limit = limitOf(r.budget, err.hit.dimension);
    return stop(r, {
      kind: 'budget-limited',
      dimension: err.hit.dimension,
      detail: err.hit.detail,
      ...(limit !== undefined ? { limit } : {}),
    });
  }
  stop(r, reasonFor(err, s.opts.signal?.aborted === true));
}

function reasonFor(err: unknown, aborted: boolean): StopReason {
  if (err instanceof Stop) return err.reason;
  if (err instanceof ModelError && err.kind === 'quota')
    return {
      kind: 'budget-limited',
      dimension: 'quota',
      detail: `The provider's quota is exhausted: ${err.message}`,
    };
  if (aborted) return { kind: 'paused', detail: CANCELLED };
  if (err instanceof ModelError)
    return {
      kind: 'failed',
      error: `Model call failed (${err.kind}): ${err.message}`,
      action: modelErrorAction(err),
    };
  return {
    kind: 'failed',
    error: errorText(err),
    action: 'Fix the cause, then `/goal resume` (or re-run the workflow).',
  };
}

/** The last turn of a goal out of budget: no tools, a short report of where it stands. */
async function wrapUp(
  s: RunSession,
  gate: ModelGate,
  context: ContextKeeper | undefined,
): Promise<void> {
  if (!context?.started) return;
  try {
    const conversation = await context.roomy(estimateTokens(WRAP_UP_PROMPT));
    const response = await gate.call(
      conversation.sideRequest(WRAP_UP_PROMPT, s.opts.sideOutputTokens),
      true,
    );
    if (response.text.trim()) {
      s.record.report = response.text.trim();
      logProgress(s.record, {
        iteration: s.record.iteration,
        kind: 'summary',
        text: `Wrap-up: ${response.text}`,
      });
    }
  } catch (err) {
    await s.note(`Wrap-up turn failed: ${errorText(err)}`);
  }
}
