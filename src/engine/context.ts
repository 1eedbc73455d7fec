// The context builder. A conversation is an append-only transcript that starts from a snapshot of
// the goal record: the stable prefix (instructions + contract + repository map + tools) never
// changes between compactions, so every continuation request extends the previous one byte for
// byte and hits the provider's prompt cache. When the transcript no longer fits the request budget,
// old tool outputs are elided first; if that is not enough the caller compacts: the transcript is
// summarised into the record and a new conversation starts from a fresh snapshot.
import type { ConversationItem, ModelRequest, ToolSpec } from './ports.js';
import { estimateTokens } from './tokens.js';

interface Entry {
  item: ConversationItem;
  tokens: number;
}

/** Per-item overhead of the wire format (role, ids, JSON punctuation). */
const ITEM_OVERHEAD = 8;
/** Measured: requests on the wire are ~15% larger than their text (JSON escaping, item wrappers). */
export const WIRE_FACTOR = 1.15;

/** The text an item puts on the wire, for estimates. */
export function itemText(item: ConversationItem): string {
  switch (item.type) {
    case 'message':
      return item.content;
    case 'tool_call':
      return `${item.name}${item.arguments}`;
    case 'tool_result':
      return item.output;
    case 'reasoning':
      // The encrypted blob travels whole; counting it overestimates a little, which is the safe side.
      return item.summary.join('\n') + item.encryptedContent;
  }
}

export class Conversation {
  private readonly entries: Entry[] = [];
  private readonly fixedTokens: number;

  constructor(
    readonly instructions: string,
    readonly tools: ToolSpec[],
    opener: string,
  ) {
    this.fixedTokens = estimateTokens(instructions) + estimateTokens(JSON.stringify(tools));
    this.append({ type: 'message', role: 'user', content: opener });
  }

  append(item: ConversationItem): void {
    this.entries.push({ item, tokens: estimateTokens(itemText(item)) + ITEM_OVERHEAD });
  }

  /** Estimated input tokens of the next request, as sent (JSON escaping and wrappers included). */
  tokens(): number {
    return Math.ceil(
      (this.fixedTokens + this.entries.reduce((sum, e) => sum + e.tokens, 0)) * WIRE_FACTOR,
    );
  }

  get length(): number {
    return this.entries.length;
  }

  /**
   * Replaces the output of every tool result but the newest `keepRecent` with a short note.
   * Returns the tokens saved. The snapshot (first entry) and all messages are kept.
   */
  elideToolOutputs(keepRecent: number): number {
    const results = this.entries.filter((e) => e.item.type === 'tool_result');
    let saved = 0;
    for (const entry of results.slice(0, Math.max(0, results.length - keepRecent))) {
      const item = entry.item as Extract<ConversationItem, { type: 'tool_result' }>;
      if (item.output.startsWith('[output elided')) continue;
      const note = `[output elided to save context: ${item.output.length} characters]`;
      const tokens = estimateTokens(note) + ITEM_OVERHEAD;
      saved += entry.tokens - tokens;
      entry.item = { ...item, output: note };
      entry.tokens = tokens;
    }
    return saved;
  }

  /** The transcript after the snapshot, as plain text, for a compaction call. */
  transcriptText(maxTokens: number): string {
    const lines = this.entries.slice(1).flatMap(({ item }) => {
      switch (item.type) {
        case 'message':
          return [`${item.role}: ${item.content}`];
        case 'tool_call':
          return [`tool call ${item.name}: ${item.arguments}`];
        case 'tool_result':
          return [`tool result: ${item.output}`];
        case 'reasoning':
          // Encrypted reasoning is unreadable as text; its summary (when given) is what survives.
          return item.summary.length ? [`reasoning: ${item.summary.join(' ')}`] : [];
      }
    });
    // Keep the newest lines that fit: the end of the transcript is what a continuation needs most.
    const kept: string[] = [];
    let budget = maxTokens;
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!.length > 4000 ? `${lines[i]!.slice(0, 4000)} …` : lines[i]!;
      const cost = estimateTokens(line) + 1;
      if (cost > budget) break;
      kept.unshift(line);
      budget -= cost;
    }
    return kept.join('\n');
  }

  /** The tool calls made in this conversation, one line each, for a summary when compaction fails. */
  toolCallLines(max: number): string[] {
    return this.entries
      .filter((e) => e.item.type === 'tool_call')
      .slice(-max)
      .map(({ item }) => {
        const call = item as Extract<ConversationItem, { type: 'tool_call' }>;
        return `${call.name} ${call.arguments.slice(0, 160)}`;
      });
  }

  request(maxOutputTokens: number, cacheKey?: string): ModelRequest {
    return {
      instructions: this.instructions,
      input: this.entries.map((e) => e.item),
      tools: this.tools,
      maxOutputTokens,
      ...(cacheKey ? { cacheKey } : {}),
    };
  }

  /** A one-off request on this prefix (restatement, wrap-up, compaction) that is not kept. */
  sideRequest(prompt: string, maxOutputTokens: number, cacheKey?: string): ModelRequest {
    const request = this.request(maxOutputTokens, cacheKey);
    return {
      ...request,
      input: [...request.input, { type: 'message', role: 'user', content: prompt }],
    };
  }
}
