// Compaction: when the conversation no longer fits, a dedicated model call summarises it (what was
// tried, what happened, why it failed, decisions) into the goal record, where later runs find it.
// If that call fails, a mechanical summary of the elided tool calls takes its place: never a crash
// or a loop.
import type { Conversation } from './context.js';
import { BudgetStop, errorText } from './loop-support.js';
import type { ResolvedOptions } from './options.js';
import { ModelError, type ModelRequest, type ModelResponse } from './ports.js';
import { COMPACT_PROMPT, fence } from './prompts.js';
import { logProgress } from './record.js';
import { renderTemplate } from './templates/render.js';
import { COMPACT_FALLBACK, COMPACT_REQUEST } from './templates/side-prompts.js';
import type { GoalRecord } from './types.js';

/** The record keeps the newest part of its summaries. */
const MAX_SUMMARY_CHARS = 12_000;

export async function summarizeConversation(
  conversation: Conversation,
  opts: ResolvedOptions,
  call: (request: ModelRequest) => Promise<ModelResponse>,
): Promise<{ summary: string; ok: boolean }> {
  try {
    // A fresh, small request: the transcript as text, clipped to half the budget, always fits.
    const transcript = conversation.transcriptText(Math.floor(opts.maxRequestTokens / 2));
    const response = await call({
      instructions: conversation.instructions,
      tools: conversation.tools,
      input: [
        {
          type: 'message',
          role: 'user',
          content: renderTemplate(COMPACT_REQUEST, {
            prompt: COMPACT_PROMPT,
            transcript: fence('Transcript', transcript),
          }),
        },
      ],
      maxOutputTokens: opts.sideOutputTokens,
    });
    const summary = response.text.trim();
    if (!summary) throw new Error('the model returned an empty summary');
    return { summary, ok: true };
  } catch (err) {
    // Out of budget, quota or a bad key stop the goal; anything else falls back to elision.
    if (
      err instanceof BudgetStop ||
      (err instanceof ModelError && (err.kind === 'quota' || err.kind === 'auth'))
    )
      throw err;
    const calls = conversation.toolCallLines(25).map((line) => `- ${line}`);
    return {
      summary: renderTemplate(COMPACT_FALLBACK, { error: errorText(err), calls: calls.join('\n') }),
      ok: false,
    };
  }
}

export function keepSummary(record: GoalRecord, summary: string, why: string, ok: boolean): void {
  const merged = record.summary ? `${record.summary}\n\n${summary}` : summary;
  record.summary =
    merged.length > MAX_SUMMARY_CHARS ? `…${merged.slice(-MAX_SUMMARY_CHARS)}` : merged;
  logProgress(record, {
    iteration: record.iteration,
    kind: 'summary',
    text: `Context compacted (${why})${ok ? '' : ' by elision: the summary call failed'}`,
  });
}
