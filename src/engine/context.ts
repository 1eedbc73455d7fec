// The context builder. A conversation is an append-only transcript that starts from a snapshot of
// the goal record: the stable prefix (instructions + contract + repository map + tools) never
// changes between compactions, so every continuation request extends the previous one byte for
// byte and hits the provider's prompt cache. When the transcript no longer fits the request budget,
// old tool outputs (and the stale evidence of old iteration messages) are elided, all in one batch
// so the prefix breaks once rather than every few turns; an elided output leaves a pointer to
// where it was saved. If that is not enough the caller compacts: the transcript is summarised into
// the record and a new conversation starts from a fresh snapshot.
import type { ConversationItem, ModelRequest, ToolSpec } from './ports.js';
import { ELIDED, ELIDED_PREFIX, ELIDED_SAVED } from './templates/context.js';
import { renderTemplate } from './templates/render.js';
import { estimateTokens } from './tokens.js';

interface Entry {
  item: ConversationItem;
  tokens: number;
  /** A message whose bulk goes stale (an iteration's evidence): its short form once elided. */
  elideTo?: string;
}

/** A tool output elision would replace. */
export interface ElisionCandidate {
  callId: string;
  output: string;
}

function elisionNote(chars: number, savedAt: string | undefined): string {
  return savedAt
    ? renderTemplate(ELIDED_SAVED, { chars, path: savedAt })
    : renderTemplate(ELIDED, { chars });
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

  /** `elideTo`: for a message whose content goes stale, what replaces it once elided. */
  append(item: ConversationItem, elideTo?: string): void {
    this.entries.push({
      item,
      tokens: estimateTokens(itemText(item)) + ITEM_OVERHEAD,
      ...(elideTo !== undefined ? { elideTo } : {}),
    });
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
   * How many of the newest tool results to keep whole in an elision batch: at most `maxCount`, and
   * only as many as fit `maxTokens` (at least one), so a batch leaves room for many turns to come.
   */
  recentToKeep(maxCount: number, maxTokens: number): number {
    const results = this.entries.filter((e) => e.item.type === 'tool_result');
    let kept = 0;
    let tokens = 0;
    for (let i = results.length - 1; i >= 0 && kept < maxCount; i--) {
      tokens += results[i]!.tokens;
      if (kept > 0 && tokens > maxTokens) break;
      kept += 1;
    }
    return kept;
  }

  /** The tool results that `elide(keepRecent)` would replace, oldest first. */
  elisionCandidates(keepRecent: number): ElisionCandidate[] {
    return this.olderToolResults(keepRecent).map((e) => {
      const item = e.item as Extract<ConversationItem, { type: 'tool_result' }>;
      return { callId: item.callId, output: item.output };
    });
  }

  /**
   * One batch: replaces the output of every tool result but the newest `keepRecent` with a short
   * note (naming where it was saved, when `savedAt` knows), and every stale message but the newest
   * with its short form. Returns the tokens saved. The snapshot (first entry) is kept.
   */
  elide(keepRecent: number, savedAt: (callId: string) => string | undefined = () => undefined) {
    let saved = 0;
    for (const entry of this.olderToolResults(keepRecent)) {
      const item = entry.item as Extract<ConversationItem, { type: 'tool_result' }>;
      const note = elisionNote(item.output.length, savedAt(item.callId));
      saved += this.replace(entry, { ...item, output: note });
    }
    const stale = this.entries.filter((e) => e.elideTo !== undefined);
    for (const entry of stale.slice(0, -1)) {
      const item = entry.item as Extract<ConversationItem, { type: 'message' }>;
      saved += this.replace(entry, { ...item, content: entry.elideTo! });
      delete entry.elideTo;
    }
    return saved;
  }

  private olderToolResults(keepRecent: number): Entry[] {
    const results = this.entries.filter((e) => e.item.type === 'tool_result');
    return results
      .slice(0, Math.max(0, results.length - keepRecent))
      .filter((e) => !(e.item as { output: string }).output.startsWith(ELIDED_PREFIX));
  }

  private replace(entry: Entry, item: ConversationItem): number {
    const tokens = estimateTokens(itemText(item)) + ITEM_OVERHEAD;
    const saved = entry.tokens - tokens;
    entry.item = item;
    entry.tokens = tokens;
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
