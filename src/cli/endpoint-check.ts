// "Does the model endpoint answer?" asked before the baseline, with one cheap request (the model
// list, which costs nothing), so a wrong URL or key is reported in seconds rather than after the
// whole test suite ran. A 404 counts as an answer: several OpenAI-compatible servers serve chat or
// responses but no model list, and the first real turn will tell more.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { createClient } from '../model/client.js';
import { isQuotaError } from '../model/errors.js';
import { CliError, EXIT } from './errors.js';

export const ENDPOINT_CHECK_TIMEOUT_MS = 10_000;

export interface EndpointCheck {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

/** Why `url` cannot be a model endpoint, or '' when it can. */
export function baseUrlProblem(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; expected e.g. https://api.openai.com/v1 or http://localhost:11434/v1.`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `"${url}" is not an http(s) URL; expected e.g. https://api.openai.com/v1.`;
  return '';
}

/** Resolves with a note for the user (or ''), or throws a CliError saying what to fix. */
export async function checkEndpoint(c: EndpointCheck): Promise<string> {
  const problem = c.baseURL ? baseUrlProblem(c.baseURL) : '';
  if (problem)
    throw new CliError(`The model endpoint ${problem} Set --base-url or $OPENAI_BASE_URL.`);
  const timeoutMs = c.timeoutMs ?? ENDPOINT_CHECK_TIMEOUT_MS;
  // One retry: a single dropped connection should not stop a run; two say something is wrong.
  const client = createClient({ apiKey: c.apiKey, baseURL: c.baseURL, timeoutMs, maxRetries: 1 });
  const where = `the model endpoint ${client.baseURL}`;
  const fixUrl = 'Check --base-url (or $OPENAI_BASE_URL) and that the server is running.';
  let ids: string[];
  try {
    const page = await client.models.list();
    ids = page.data.map((m) => m.id);
  } catch (err) {
    if (err instanceof APIConnectionTimeoutError)
      throw new CliError(`${cap(where)} did not answer within ${timeoutMs / 1000} s. ${fixUrl}`);
    if (err instanceof APIConnectionError)
      throw new CliError(`Could not reach ${where}${causeText(err)}. ${fixUrl}`);
    if (err instanceof APIError) {
      const status = err.status;
      if (isQuotaError(err))
        throw new CliError(
          `${cap(where)} says the account has no quota left (${err.message}). ` +
            "Add credit or raise the account's usage limit with the provider, then run again.",
          EXIT.quota,
        );
      if (status === 401 || status === 403)
        throw new CliError(
          `${cap(where)} refused the API key (${err.message}). ` +
            'Set OPENAI_API_KEY to a valid key for this endpoint (and --base-url for other providers).',
        );
      if (status !== undefined && status >= 500)
        throw new CliError(
          `${cap(where)} is failing (${err.message}). Try again later, or check the provider's status page.`,
        );
      return ''; // 404 and other refusals of the list: the endpoint is up and answering.
    }
    throw err;
  }
  if (ids.length > 0 && !ids.includes(c.model)) {
    const shown = ids.slice(0, 8).join(', ') + (ids.length > 8 ? `, … (${ids.length} in all)` : '');
    // A note, not a refusal: proxies and local servers accept aliases they do not list.
    return `the endpoint does not list the model "${c.model}" (it lists: ${shown}); choose one with --model if the first call fails.`;
  }
  return '';
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The network reason under the SDK's "Connection error." (ECONNREFUSED, ENOTFOUND, bad port…). */
function causeText(err: APIConnectionError): string {
  type Cause = { code?: unknown; message?: unknown; cause?: Cause };
  let cause = (err as { cause?: Cause }).cause;
  for (let depth = 0; cause && depth < 4; depth++, cause = cause.cause) {
    if (typeof cause.code === 'string') return ` (${cause.code})`;
    if (!cause.cause && typeof cause.message === 'string') return ` (${cause.message})`;
  }
  return '';
}
