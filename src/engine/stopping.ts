// How a run ends: the error that unwound the loop becomes the goal's stop reason, and a goal out
// of budget gets one wrap-up turn (its report for the maintainers) before it stops.
import type { ContextKeeper } from './context-keeper.js';
import { stops } from '../domain/stop.js';
import type { ModelGate } from './gate.js';
import { limitOf } from './ledger.js';
import { BudgetStop, Stop, errorText, modelErrorAction } from './loop-support.js';
import { ModelError } from './ports.js';
import { WRAP_UP_PROMPT } from './prompts.js';
import { logProgress } from './record.js';
import type { RunSession } from './session.js';
import { estimateTokens } from './tokens.js';
import type { StopReason } from './types.js';

/** The stop reason for what unwound the loop; a budget stop first gets its wrap-up turn. */
export async function stopFor(
  err: unknown,
  s: RunSession,
  gate: ModelGate,
  context: ContextKeeper | undefined,
): Promise<StopReason> {
  if (!(err instanceof BudgetStop)) return reasonFor(err, s.opts.signal?.aborted === true);
  await wrapUp(s, gate, context);
  const limit = limitOf(s.record.budget, err.hit.dimension);
  return {
    kind: 'budget-limited',
    dimension: err.hit.dimension,
    detail: err.hit.detail,
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** Provider failures a later run may get past by itself. */
const TRANSIENT: readonly ModelError['kind'][] = ['rate-limit', 'server', 'timeout'];

function reasonFor(err: unknown, aborted: boolean): StopReason {
  if (err instanceof Stop) return err.reason;
  if (err instanceof ModelError && err.kind === 'quota')
    return {
      kind: 'budget-limited',
      dimension: 'quota',
      detail: `The provider's quota is exhausted: ${err.message}`,
    };
  if (aborted) return stops.cancelled();
  if (err instanceof ModelError)
    return stops.failed(
      `Model call failed (${err.kind}): ${err.message}`,
      modelErrorAction(err),
      TRANSIENT.includes(err.kind) ? 'transient' : 'model',
    );
  return stops.failed(
    errorText(err),
    'Fix the cause, then `/goal resume` (or re-run the workflow).',
    'crash',
  );
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
