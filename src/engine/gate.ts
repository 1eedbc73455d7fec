// The budget-gated model wrapper: every model call of the engine goes through here. Before a call
// it checks the limits (and shrinks the output cap near the end of the budget) and makes sure the
// stored records cover the spending (engine/reservation.ts: the calls made by a landed record, this
// one by a record handed to the store); after it charges the usage to the ledger. A call
// interrupted before its usage arrived is charged as much as it could have cost: the provider may
// have billed it.
import { stops } from '../domain/stop.js';
import { BudgetStop, MIN_OUTPUT_TOKENS, Stop, estimateRequest } from './loop-support.js';
import { callWouldExceed, charge, limitReached, remainingTokens, type LimitHit } from './ledger.js';
import { ModelError, type ModelRequest, type ModelResponse } from './ports.js';
import { callCost } from './reservation.js';
import type { RunSession } from './session.js';
import type { Usage } from './types.js';

export class ModelGate {
  constructor(private readonly s: RunSession) {}

  /** Throws the stop when the run is cancelled, a limit is used up or the deadline has passed. */
  guardLimits(withinIteration = false): void {
    const { s } = this;
    s.tick();
    if (s.opts.signal?.aborted) throw new Stop(stops.cancelled());
    const hit = limitReached(s.record, withinIteration);
    if (hit) throw new BudgetStop(hit);
    if (s.opts.deadline !== undefined && s.deps.clock.now() >= s.opts.deadline)
      throw new Stop(stops.deadline());
  }

  /** Would this request, at its output cap, cross a limit? */
  wouldExceed(request: ModelRequest): LimitHit | null {
    return callWouldExceed(
      this.s.record,
      estimateRequest(request),
      request.maxOutputTokens,
      this.s.price,
    );
  }

  /**
   * One model call. `exempt` calls (restatement, wrap-up, review) are not refused by the budget;
   * every call is covered by the stored reservation and charged.
   */
  async call(request: ModelRequest, exempt = false): Promise<ModelResponse> {
    const { s } = this;
    const input = estimateRequest(request);
    if (!exempt) {
      // Near the end of the budget the output cap shrinks to what is left, down to a useful minimum.
      const room = remainingTokens(s.record) - input;
      const maxOutputTokens = Math.min(request.maxOutputTokens, Math.max(MIN_OUTPUT_TOKENS, room));
      const hit = callWouldExceed(s.record, input, maxOutputTokens, s.price);
      if (hit) throw new BudgetStop(hit);
      request = { ...request, maxOutputTokens };
    }
    await s.cover(s.reservation.expected(input, callCost(input, request.maxOutputTokens, s.price)));
    let response: ModelResponse;
    try {
      response = await s.deps.model.turn(request, s.opts.signal);
    } catch (err) {
      if (this.mayHaveBilled(err)) charge(s.record.ledger, worstUsage(input, request), s.price);
      throw err;
    }
    const billed = charge(s.record.ledger, response.usage, s.price);
    s.reservation.observe(response.usage, billed, input);
    s.tick();
    return response;
  }

  /** An aborted or timed-out call may have been billed though its usage never arrived. */
  private mayHaveBilled(err: unknown): boolean {
    if (this.s.opts.signal?.aborted) return true;
    if (err instanceof ModelError) return err.kind === 'timeout';
    return err instanceof Error && err.name === 'AbortError';
  }
}

/** The usage charged for a call whose usage never arrived: the request as sent, the output cap. */
function worstUsage(input: number, request: ModelRequest): Usage {
  return {
    inputTokens: input,
    cachedInputTokens: 0,
    outputTokens: request.maxOutputTokens,
    reasoningTokens: 0,
  };
}
