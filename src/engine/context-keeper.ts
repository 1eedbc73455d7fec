// The context keeper: the conversation the model works in, and what keeps it within the request
// budget. Old tool outputs are elided in one batch (each leaves a pointer to its saved copy); when
// that is not enough the conversation is compacted into the record and a fresh one starts from a
// snapshot (engine/compaction.ts). A new contract revision also starts a fresh conversation: the
// contract is part of the stable prefix.
import { keepSummary, summarizeConversation } from './compaction.js';
import { Conversation } from './context.js';
import type { ModelGate } from './gate.js';
import { ModelError, type ConversationItem, type ModelResponse } from './ports.js';
import { renderInstructions, renderSnapshot } from './prompts.js';
import type { RunSession } from './session.js';

/** Share of the request budget the newest tool outputs may keep when a batch elides the rest. */
const KEPT_OUTPUTS_SHARE = 0.1;

export class ContextKeeper {
  private current?: Conversation;
  /** Tool outputs saved to the scratch area so far, for unique names. */
  private savedOutputs = 0;

  constructor(
    private readonly s: RunSession,
    private readonly gate: ModelGate,
    private readonly repoMap: string,
  ) {}

  /** True once the first conversation has started (after the baseline). */
  get started(): boolean {
    return this.current !== undefined;
  }

  get conversation(): Conversation {
    if (!this.current) throw new Error('the conversation has not started');
    return this.current;
  }

  /** A conversation from a fresh snapshot of the record (not kept: see restart). */
  fresh(): Conversation {
    return new Conversation(
      renderInstructions(this.s.record, this.repoMap),
      this.s.deps.tools.specs(),
      renderSnapshot(this.s.record),
    );
  }

  /** Starts the working conversation over from a fresh snapshot. */
  restart(): void {
    this.current = this.fresh();
  }

  append(item: ConversationItem, elideTo?: string): void {
    this.conversation.append(item, elideTo);
  }

  /** The working turn's call: on a provider's "too long", compact and try once more. */
  async call(): Promise<ModelResponse> {
    const { opts, record } = this.s;
    try {
      return await this.gate.call(this.conversation.request(opts.maxOutputTokens, record.id));
    } catch (err) {
      if (!(err instanceof ModelError) || err.kind !== 'context-length') throw err;
      // The provider counts differently from our estimate: compact now and try once more.
      await this.compact('the provider reported the request too long');
      return this.gate.call(this.conversation.request(opts.maxOutputTokens, record.id));
    }
  }

  /** Makes the conversation fit the request budget: elide old outputs, else compact. */
  async fit(): Promise<void> {
    const { opts } = this.s;
    const limit = opts.maxRequestTokens - opts.maxOutputTokens;
    if (this.conversation.tokens() <= limit) return;
    // The recent outputs kept whole take at most a tenth of the budget: the batch frees the rest.
    const keep = this.conversation.recentToKeep(
      opts.keepRecentToolOutputs,
      Math.floor(limit * KEPT_OUTPUTS_SHARE),
    );
    await this.elide(this.conversation, keep);
    if (this.conversation.tokens() <= limit) return;
    await this.compact('the conversation outgrew the request budget');
  }

  /** The conversation, made to fit one more side prompt: elide tool outputs, else start fresh. */
  async roomy(extraTokens: number): Promise<Conversation> {
    const { opts } = this.s;
    const limit = opts.maxRequestTokens - opts.sideOutputTokens - extraTokens;
    if (this.conversation.tokens() <= limit) return this.conversation;
    await this.elide(this.conversation, 0);
    if (this.conversation.tokens() <= limit) return this.conversation;
    return this.fresh();
  }

  /** Summarises the conversation into the record and starts a fresh one from the snapshot. */
  private async compact(why: string): Promise<void> {
    const { summary, ok } = await summarizeConversation(this.conversation, this.s.opts, (request) =>
      this.gate.call(request),
    );
    keepSummary(this.s.record, summary, why, ok);
    this.restart();
    await this.s.emit({ type: 'compacted', record: this.s.record, ok });
  }

  /** Elides in one batch; each output leaves a pointer to its saved copy where one could be saved. */
  private async elide(conversation: Conversation, keepRecent: number): Promise<void> {
    const paths = new Map<string, string>();
    const scratch = this.s.deps.scratch;
    if (scratch)
      for (const { callId, output } of conversation.elisionCandidates(keepRecent)) {
        this.savedOutputs += 1;
        const name = `output-${this.s.record.iteration}-${this.savedOutputs}.txt`;
        // Saving is a convenience for the model: a failure only leaves the pointer out.
        const path = await scratch.save(name, output).catch(() => undefined);
        if (path) paths.set(callId, path);
      }
    conversation.elide(keepRecent, (callId) => paths.get(callId));
  }
}
