// The engine's Model port over the official `openai` SDK, for the Responses API or Chat Completions.

import { performance } from 'node:perf_hooks';
import { ModelError, type Model, type ModelRequest, type ModelResponse } from '../engine/index.js';
import { chatTurn } from './chat.js';
import { createClient } from './client.js';
import { toModelError, type ErrorContext } from './errors.js';
import { responsesTurn } from './responses.js';

export interface ModelOptions {
  api: 'responses' | 'chat';
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Per request, and the longest silence inside a streamed answer. Default 600 000. */
  timeoutMs?: number;
  /** Retries by the SDK on 429 (except an exhausted quota), 5xx, timeouts. Default 3. */
  maxRetries?: number;
  /** Default true. */
  stream?: boolean;
  /**
   * Responses API: ask for encrypted reasoning and carry it between turns. Default true; the
   * adapter turns it off by itself when the model or endpoint refuses it.
   */
  reasoning?: boolean;
}

export function createModel(opts: ModelOptions): Model {
  if (!opts.apiKey.trim()) {
    throw new ModelError(
      'auth',
      'The openai-api-key input is empty. Set it to an API key for the endpoint (base-url); ' +
        'for a local endpoint that needs no key, any non-empty value works.',
    );
  }
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const maxRetries = opts.maxRetries ?? 3;
  const client = createClient({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    timeoutMs,
    maxRetries,
  });
  const settings = {
    model: opts.model,
    stream: opts.stream ?? true,
    timeoutMs,
    reasoning: {
      include: opts.api === 'responses' && (opts.reasoning ?? true),
      refused: new Set<string>(),
    },
  };
  const context: ErrorContext = {
    api: opts.api,
    model: opts.model,
    baseURL: client.baseURL,
    timeoutMs,
    maxRetries,
  };
  const run = opts.api === 'responses' ? responsesTurn : chatTurn;
  return {
    name: opts.model,
    async turn(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const started = performance.now();
      try {
        const result = await run(client, settings, request, signal);
        return { ...result, durationMs: performance.now() - started };
      } catch (err) {
        throw toModelError(err, context, signal);
      }
    },
  };
}
