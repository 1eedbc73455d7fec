// The Chat Completions adapter, for OpenAI-compatible endpoints that lack the Responses API.

import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParamsBase,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { ModelError, type ConversationItem, type ModelRequest } from '../engine/index.js';
import type { Usage } from '../engine/index.js';
import { readStream } from './stream.js';
import type { TurnResult, TurnSettings } from './turn.js';

export function toChatParams(model: string, request: ModelRequest): ChatCompletionCreateParamsBase {
  const tools: ChatCompletionFunctionTool[] = request.tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
  return {
    model,
    messages: toChatMessages(request.instructions, request.input),
    ...(tools.length ? { tools } : {}),
    max_completion_tokens: request.maxOutputTokens,
  };
}

/**
 * Chat carries one assistant turn as one message: its text and all its tool calls together. So
 * consecutive tool calls, and the assistant text right before them, are folded into one message.
 */
export function toChatMessages(
  instructions: string,
  input: ConversationItem[],
): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = instructions
    ? [{ role: 'system', content: instructions }]
    : [];
  for (const item of input) {
    // Chat Completions has no way to carry encrypted reasoning: it stays out.
    if (item.type === 'reasoning') continue;
    if (item.type === 'message') {
      messages.push({ role: item.role, content: item.content });
    } else if (item.type === 'tool_result') {
      messages.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
    } else {
      const call = {
        id: item.callId,
        type: 'function' as const,
        function: { name: item.name, arguments: item.arguments },
      };
      const last = messages.at(-1);
      if (last?.role === 'assistant') {
        const assistant = last as ChatCompletionAssistantMessageParam;
        assistant.tool_calls = [...(assistant.tool_calls ?? []), call];
      } else {
        messages.push({ role: 'assistant', content: null, tool_calls: [call] });
      }
    }
  }
  return messages;
}

export async function chatTurn(
  client: OpenAI,
  settings: TurnSettings,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<TurnResult> {
  const params = toChatParams(settings.model, request);
  if (!settings.stream) {
    const completion = await client.chat.completions.create(
      { ...params, stream: false },
      { signal },
    );
    return fromCompletion(completion);
  }
  const stream = await client.chat.completions.create(
    { ...params, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  let text = '';
  let chunks = 0;
  let usage: CompletionUsage | null | undefined;
  const calls = new Map<number, { callId: string; name: string; arguments: string }>();
  await readStream(stream, settings.timeoutMs, (chunk) => {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) text += delta.content;
    for (const [position, part] of (delta?.tool_calls ?? []).entries()) {
      const index = part.index ?? position;
      const call = calls.get(index) ?? { callId: '', name: '', arguments: '' };
      // Some compatible servers repeat the id and name on every chunk; keep the first.
      call.callId ||= part.id ?? '';
      call.name ||= part.function?.name ?? '';
      call.arguments += part.function?.arguments ?? '';
      calls.set(index, call);
    }
  });
  if (signal?.aborted) throw signal.reason;
  if (chunks === 0) {
    throw new ModelError('server', 'The model stream ended without any answer. Resume to retry.');
  }
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({ ...c, callId: c.callId || `call_${index}` }));
  return { text, toolCalls, usage: usageOf(usage) };
}

function fromCompletion(completion: ChatCompletion): TurnResult {
  const message = completion.choices[0]?.message;
  const toolCalls = (message?.tool_calls ?? []).flatMap((c, index) =>
    c.type === 'function'
      ? [
          {
            callId: c.id || `call_${index}`,
            name: c.function.name,
            arguments: c.function.arguments,
          },
        ]
      : [],
  );
  return {
    text: message?.content ?? message?.refusal ?? '',
    toolCalls,
    usage: usageOf(completion.usage),
  };
}

function usageOf(usage: CompletionUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
