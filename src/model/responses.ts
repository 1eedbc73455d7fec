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
import { ModelError, type ConversationItem, type ModelRequest } from '../engine/index.js';
import type { Usage } from '../engine/index.js';
import { readStream } from './stream.js';
import type { TurnResult, TurnSettings } from './turn.js';

/**
 * Encrypted reasoning is asked for by default (reasoning models keep their chain of thought across
 * turns only through it when nothing is stored server-side). Models without reasoning, and some
 * compatible servers, refuse the `include`: the adapter then stops asking for the rest of the run.
 * Reasoning the provider could not verify (another model's, a rotated key) is left out from then on.
 */
export interface ReasoningState {
  include: boolean;
  refused: Set<string>;
}

export function toResponsesParams(
  model: string,
  request: ModelRequest,
  reasoning?: ReasoningState,
): ResponseCreateParamsBase {
  const includeReasoning = reasoning?.include ?? false;
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
    input: request.input.flatMap((item) =>
      item.type === 'reasoning' &&
      (!includeReasoning || reasoning!.refused.has(item.encryptedContent))
        ? []
        : [toInputItem(item)],
    ),
    ...(tools.length ? { tools } : {}),
    // Nothing is kept server-side: the engine owns the conversation and resends it each turn.
    store: false,
    max_output_tokens: request.maxOutputTokens,
    ...(includeReasoning ? { include: ['reasoning.encrypted_content' as const] } : {}),
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
    case 'reasoning':
      // No id: with `store: false` the provider has nothing stored under it and would answer 404.
      // The encrypted content alone carries the reasoning (as openai/codex sends it).
      return {
        type: 'reasoning',
        summary: item.summary.map((text) => ({ type: 'summary_text' as const, text })),
        encrypted_content: item.encryptedContent,
      } as unknown as ResponseInputItem;
  }
}

/**
 * How the endpoint refused encrypted reasoning, if it did: `unsupported` for a model without
 * reasoning ("Encrypted content is not supported with this model") or a server that does not know
 * the `include` value; `unverified` for reasoning it cannot decrypt. Retrying without is valid.
 */
function reasoningRefusal(err: unknown): 'unsupported' | 'unverified' | null {
  if (!(err instanceof APIError) || err.status !== 400) return null;
  if (
    err.code === 'invalid_encrypted_content' ||
    /could not be (verified|decrypted)/i.test(err.message)
  )
    return 'unverified';
  return /encrypted.content|reasoning|\binclude\b/i.test(err.message) ? 'unsupported' : null;
}

export async function responsesTurn(
  client: OpenAI,
  settings: TurnSettings,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<TurnResult> {
  const reasoning = settings.reasoning;
  try {
    return await attempt(
      client,
      settings,
      toResponsesParams(settings.model, request, reasoning),
      signal,
    );
  } catch (err) {
    const refusal = reasoning?.include ? reasoningRefusal(err) : null;
    if (!reasoning || !refusal) throw err;
    // One retry: without asking for reasoning again in this run, or without the reasoning sent.
    if (refusal === 'unsupported') reasoning.include = false;
    for (const item of request.input)
      if (item.type === 'reasoning') reasoning.refused.add(item.encryptedContent);
    return attempt(client, settings, toResponsesParams(settings.model, request, reasoning), signal);
  }
}

async function attempt(
  client: OpenAI,
  settings: TurnSettings,
  params: ResponseCreateParamsBase,
  signal?: AbortSignal,
): Promise<TurnResult> {
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
  const reasoning: NonNullable<TurnResult['reasoning']> = [];
  for (const item of response.output ?? []) {
    if (item.type === 'reasoning') {
      // Without its encrypted content (not asked for, or not given) the item cannot be carried.
      if (item.encrypted_content)
        reasoning.push({
          type: 'reasoning',
          encryptedContent: item.encrypted_content,
          summary: item.summary.map((part) => part.text),
        });
    } else if (item.type === 'message') {
      for (const part of item.content) {
        texts.push(part.type === 'output_text' ? part.text : part.refusal);
      }
    } else if (item.type === 'function_call') {
      toolCalls.push({ callId: item.call_id, name: item.name, arguments: item.arguments });
    }
  }
  return {
    text: texts.join('\n'),
    toolCalls,
    ...(reasoning.length ? { reasoning } : {}),
    usage: usageOf(response.usage),
  };
}

function usageOf(usage: ResponseUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
  };
}
