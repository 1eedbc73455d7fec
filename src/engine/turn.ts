// One iteration's turn: the model works through tool calls until it ends its turn, asks to finish
// (update_goal) or uses up the iteration's rounds. The first working turn also carries the
// restatement of the contract, when it has not been given yet.
import type { ContextKeeper } from './context-keeper.js';
import type { Evidence } from './evidence.js';
import type { ModelGate } from './gate.js';
import { billedTokens } from './ledger.js';
import { errorText, type TurnOutcome } from './loop-support.js';
import { RESTATE_FIRST, renderBudget, renderRun } from './prompts.js';
import { oneLine } from './record.js';
import type { RunSession } from './session.js';
import { ITERATION, ITERATION_PARAGRAPH, ROUNDS_USED, TOOL_FAILED } from './templates/iteration.js';
import { renderTemplate } from './templates/render.js';
import { NO_RESTATEMENT } from './templates/side-prompts.js';
import { LATEST_EVIDENCE_LABEL } from './templates/snapshot.js';
import { clipToTokens } from './tokens.js';

export class AgentTurn {
  /** The restatement is still to come, with the first working turn. */
  restatePending = false;

  constructor(
    private readonly s: RunSession,
    private readonly gate: ModelGate,
    private readonly context: ContextKeeper,
    private readonly evidence: Evidence,
    /** Applies the commands that arrived since the last poll (may throw a Stop). */
    private readonly pollControl: () => Promise<void>,
  ) {}

  /** The iteration's opening message: its evidence, the budget and the harness's feedback. */
  iterationMessage(feedback: string[]): string {
    const r = this.s.record;
    const paragraphs = [...feedback, ...(this.restatePending ? [RESTATE_FIRST] : [])];
    return renderTemplate(ITERATION, {
      iteration: r.iteration,
      evidence: renderRun(LATEST_EVIDENCE_LABEL, r.latest, this.evidence.runnableSpecs(), 600),
      budget: renderBudget(r),
      feedback: paragraphs.map((text) => renderTemplate(ITERATION_PARAGRAPH, { text })).join(''),
    });
  }

  /** The model's turn within one iteration: calls tools until it ends its turn or asks to finish. */
  async run(feedback: string[]): Promise<TurnOutcome> {
    const { s, context } = this;
    const outcome: TurnOutcome = { edits: [], failedCommands: [], actions: [] };
    for (let round = 0; round < s.opts.maxRoundsPerIteration; round++) {
      if (round > 0) await this.pollControl();
      this.gate.guardLimits(true);
      await context.fit();
      const response = await context.call();
      await this.captureRestatement(response.text, response.toolCalls.length === 0);
      // Reasoning first, as the model produced it: part of the stable prefix until compaction.
      for (const item of response.reasoning ?? []) context.append(item);
      if (response.text)
        context.append({ type: 'message', role: 'assistant', content: response.text });
      for (const call of response.toolCalls)
        context.append({
          type: 'tool_call',
          callId: call.callId,
          name: call.name,
          arguments: call.arguments,
        });
      await s.emit({
        type: 'model-turn',
        record: s.record,
        text: response.text,
        toolCalls: response.toolCalls.length,
        tokens: billedTokens(response.usage),
      });
      if (response.toolCalls.length === 0) return outcome;

      for (const call of response.toolCalls) {
        const result = await s.deps.tools
          .execute(call.name, call.arguments, { signal: s.opts.signal })
          .catch(
            (err: unknown) =>
              ({
                ok: false,
                output: renderTemplate(TOOL_FAILED, { tool: call.name, error: errorText(err) }),
              }) as const,
          );
        const output = clipToTokens(result.output, s.opts.maxToolOutputTokens);
        context.append({ type: 'tool_result', callId: call.callId, output });
        if ('plan' in result && result.plan) s.record.plan = result.plan;
        if ('goal' in result && result.goal) outcome.goal = result.goal;
        outcome.actions.push({ name: call.name, ok: result.ok });
        if (call.name === 'apply_patch' && result.ok) outcome.edits.push(call.arguments);
        if (call.name === 'shell' && !result.ok) outcome.failedCommands.push(call.arguments);
        await s.emit({
          type: 'tool',
          record: s.record,
          name: call.name,
          summary: oneLine(call.arguments, 160),
          ok: result.ok,
        });
      }
      if (outcome.goal) return outcome;
    }
    feedback.push(renderTemplate(ROUNDS_USED, { rounds: s.opts.maxRoundsPerIteration }));
    return outcome;
  }

  /**
   * The first message of the first working turn is the restatement. A turn that opens with tool
   * calls and no text restates nothing; the next text of the turn is taken, or a note if none.
   */
  async captureRestatement(text: string, turnEnded: boolean): Promise<void> {
    if (!this.restatePending) return;
    const restatement = text.trim();
    if (!restatement && !turnEnded) return;
    this.restatePending = false;
    this.s.record.restatement = restatement || renderTemplate(NO_RESTATEMENT, {});
    await this.s.emit({ type: 'restated', record: this.s.record, text: this.s.record.restatement });
  }
}
