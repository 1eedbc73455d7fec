// The Responses API adapter: ConversationItem[] → input items, events/output → ModelResponse.

import type OpenAI from 'openai';
import { APIError } from 'openai';
import type {
  FunctionTool,
  Response as ApiResponse,
  ResponseCreateParamsBase,
  ResponseInputItem,
  ResponseOutputItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import { ModelError, type ConversationItem, type ModelRequest } from '../engine/ports.js';
import type { Usage } from '../engine/types.js';
import { readStream } from './stream.js';
import type { TurnResult, TurnSettings } from './turn.js';

export function toResponsesParams(model: string, request: ModelRequest): ResponseCreateParamsBase {
  const tools: FunctionTool[] = request.tools.map((t) => ({
    type: 'function',
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    // The engine validates arguments itself; strict mode would reject optional properties.
    strict: false,
  }));
  return {
    model,
    instructions: request.instructions,
    input: request.input.map(toInputItem),
    ...(tools.length ? { tools } : {}),
    // Nothing is kept server-side: the engine owns the conversation and resends it each turn.
    store: false,
    max_output_tokens: request.maxOutputTokens,
    ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
  };
}

function toInputItem(item: ConversationItem): ResponseInputItem {
  switch (item.type) {
    case 'message':
      return { type: 'message', role: item.role, content: item.content };
    case 'tool_call':
      return {
        type: 'function_call',
        call_id: item.callId,
        name: item.name,
        arguments: item.arguments,
      };
    case 'tool_result':
      return { type: 'function_call_output', call_id: item.callId, output: item.output };
  }
}

export async function responsesTurn(
  client: OpenAI,
  settings: TurnSettings,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<TurnResult> {
  const params = toResponsesParams(settings.model, request);
  if (!settings.stream) {
    const response = await client.responses.create({ ...params, stream: false }, { signal });
    return fromResponse(response);
  }
  const stream = await client.responses.create({ ...params, stream: true }, { signal });
  let final: ApiResponse | undefined;
  const doneItems: ResponseOutputItem[] = [];
  await readStream(stream, settings.timeoutMs, (event) => {
    if (event.type === 'response.output_item.done') doneItems.push(event.item);
    else if (event.type === 'response.completed' || event.type === 'response.incomplete')
      final = event.response;
    else if (event.type === 'response.failed') throw failure(event.response);
  });
  if (signal?.aborted) throw signal.reason;
  if (!final) {
    throw new ModelError(
      'server',
      'The model stream ended before `response.completed`; the answer is incomplete. Resume to retry.',
    );
  }
  // Some compatible servers leave the final output empty and only stream the items.
  return fromResponse(final.output?.length ? final : { ...final, output: doneItems });
}

function failure(response: ApiResponse): APIError {
  const error = response.error ?? {
    code: 'server_error',
    message: 'response.failed without error',
  };
  // An APIError without status: errors.ts classifies it by its code (quota, context length, …).
  return new APIError(undefined, error, undefined, undefined);
}

function fromResponse(response: ApiResponse): TurnResult {
  if (response.status === 'failed') throw failure(response);
  const texts: string[] = [];
  const toolCalls: TurnResult['toolCalls'] = [];
  for (const item of response.output ?? []) {
    if (item.type === 'message') {
      for (const part of item.content) {
        texts.push(part.type === 'output_text' ? part.text : part.refusal);
      }
    } else if (item.type === 'function_call') {
      toolCalls.push({ callId: item.call_id, name: item.name, arguments: item.arguments });
    }
  }
  return { text: texts.join('\n'), toolCalls, usage: usageOf(response.usage) };
}

function usageOf(usage: ResponseUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
  };
}
