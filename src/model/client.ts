// The one OpenAI client an adapter uses. The SDK's own retry (maxRetries, honouring retry-after)
// is the only retry layer; this module only teaches it that an exhausted quota is not worth
// retrying, which the SDK cannot know because OpenAI answers both cases with HTTP 429.

import OpenAI from 'openai';
import { isQuotaBody } from './errors.js';

export interface ClientSettings {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
}

export function createClient(settings: ClientSettings): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    fetch: quotaAwareFetch,
  });
}

/**
 * Marks a 429 whose body says `insufficient_quota` with `x-should-retry: false`, the header the SDK
 * obeys before its status rules, so an out-of-credit account fails at once instead of after
 * several backed-off retries. Every other response passes through untouched.
 */
async function quotaAwareFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (response.status !== 429) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  // The body is already decoded text now; stale framing headers would misdescribe it.
  headers.delete('content-encoding');
  headers.delete('content-length');
  if (isQuotaBody(text)) headers.set('x-should-retry', 'false');
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}
