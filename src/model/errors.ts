// SDK errors → the engine's ModelError, with a message that says what went wrong and what to do.
// Retries already happened inside the SDK (its maxRetries is the only retry layer), so whatever
// reaches this point is final for the turn.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OpenAIError,
} from 'openai';
import { ModelError } from '../engine/index.js';

export interface ErrorContext {
  api: 'responses' | 'chat';
  model: string;
  baseURL: string;
  timeoutMs: number;
  maxRetries: number;
}

/** True for OpenAI's "you are out of credit" answer, which no amount of retrying fixes. */
export function isQuotaError(error: { code?: unknown; type?: unknown } | undefined): boolean {
  return error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota';
}

/** True when an OpenAI error JSON body (`{"error": {...}}`) says the quota is exhausted. */
export function isQuotaBody(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; type?: unknown } };
    return isQuotaError(parsed.error);
  } catch {
    return false;
  }
}

const CONTEXT_MESSAGE =
  /context length|context window|maximum context|too many tokens|prompt is too long/i;

/**
 * Converts what the SDK threw into a ModelError. A cancellation by the caller is not a model
 * failure: it is rethrown as the signal's reason so the engine sees its own abort.
 */
export function toModelError(err: unknown, ctx: ErrorContext, signal?: AbortSignal): unknown {
  if (err instanceof ModelError) return err;
  if (err instanceof APIUserAbortError || signal?.aborted) return signal?.reason ?? err;
  const where = `${ctx.api} API at ${ctx.baseURL}, model ${ctx.model}`;
  const retried = ctx.maxRetries > 0 ? ` after ${ctx.maxRetries} retries` : '';

  if (err instanceof APIConnectionTimeoutError) {
    return new ModelError(
      'timeout',
      `The model did not answer within ${ctx.timeoutMs} ms${retried} (${where}). ` +
        'Check that the endpoint is reachable and not overloaded, or allow a longer model timeout.',
    );
  }
  if (err instanceof APIConnectionError) {
    return new ModelError(
      'server',
      `Could not reach the model endpoint${retried} (${where}): ${err.message}. ` +
        'Check the base-url input and that the endpoint is up.',
    );
  }
  if (err instanceof APIError) return fromStatus(err, ctx, where, retried);
  if (err instanceof OpenAIError) {
    return new ModelError(
      'server',
      `The model endpoint sent a response that could not be read (${where}): ${err.message}.`,
    );
  }
  return err;
}

function fromStatus(err: APIError, ctx: ErrorContext, where: string, retried: string): ModelError {
  const status = err.status;
  const detail = err.message;
  if (status === 401 || status === 403) {
    return new ModelError(
      'auth',
      `The model endpoint refused the credentials (${detail}; ${where}). ` +
        'Check the openai-api-key input / base-url: the key must be valid for this endpoint.',
    );
  }
  if (isQuotaError(err)) {
    return new ModelError(
      'quota',
      `The account has no quota left (${detail}; ${where}). ` +
        'Add credit or raise the usage limit of the account, then resume the goal.',
    );
  }
  if (err.code === 'context_length_exceeded' || (status === 400 && CONTEXT_MESSAGE.test(detail))) {
    return new ModelError(
      'context-length',
      `The request is larger than the model's context window (${detail}; ${where}). ` +
        'The conversation has to be compacted, or a model with a larger context chosen.',
    );
  }
  if (status === 429 || err.code === 'rate_limit_exceeded') {
    return new ModelError(
      'rate-limit',
      `The model endpoint kept rate-limiting the requests${retried} (${detail}; ${where}). ` +
        'Wait for the limit to reset and resume, or use a key with a higher rate limit.',
    );
  }
  if (status === 408) {
    return new ModelError(
      'timeout',
      `The model endpoint timed out the request${retried} (${detail}; ${where}). Resume to try again.`,
    );
  }
  if (status === undefined || status >= 500 || status === 409) {
    return new ModelError(
      'server',
      `The model endpoint failed${retried} (${detail}; ${where}). ` +
        'This is usually temporary: check the provider status and resume the goal.',
    );
  }
  return new ModelError(
    'bad-request',
    `The model endpoint rejected the request (${detail}; ${where}). ` +
      `Check the model input and that this endpoint supports the ${ctx.api} API (the api input).`,
  );
}
