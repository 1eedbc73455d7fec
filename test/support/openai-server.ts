// A scripted OpenAI-compatible HTTP server on 127.0.0.1 that the real `openai` SDK talks to.
// It serves the Responses API and Chat Completions, streaming (SSE) and not, answers each request
// with the next scripted turn, counts tokens deterministically and simulates prompt caching, so
// tests and benchmarks can check what the adapters send and what a run would cost.

/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are raw JSON from the SDK */

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  /** An object is JSON-encoded; a string is sent as is (it may be malformed on purpose). */
  arguments: string | object;
  callId?: string;
}

export interface ScriptedTurn {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  error?: {
    status: number;
    code?: string;
    type?: string;
    message?: string;
    headers?: Record<string, string>;
  };
  /** The server waits this long before answering (to exercise client timeouts). */
  stallMs?: number;
  /** Streaming only: after the first event the server waits this long (a stream that hangs). */
  streamStallMs?: number;
  usage?: Partial<{ input: number; cached: number; output: number; reasoning: number }>;
  /**
   * Responses only: the turn reasons first. The output starts with a reasoning item whose summary
   * is this text; its `encrypted_content` is given when the request asks for it (`include`).
   */
  reasoning?: string;
}

export interface RecordedRequest {
  api: 'responses' | 'chat';
  /** The raw JSON the SDK sent. */
  body: any;
  stream: boolean;
  /** Canonical serialisation: instructions/system, tools in order, then every input item. */
  prefixText: string;
  /** Usage reported to the client; zero for answers that were errors (nothing is billed). */
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  authorization?: string;
  /** HTTP status of the answer. */
  status: number;
}

export type Script =
  ScriptedTurn[] | ((req: RecordedRequest, index: number) => ScriptedTurn | Promise<ScriptedTurn>);

export interface OpenAIServer {
  /** Ends with /v1. */
  baseURL: string;
  requests: RecordedRequest[];
  totals(): { input: number; cached: number; output: number };
  /** Replaces the script; array scripts start again from their first turn. */
  setScript(s: Script): void;
  close(): Promise<void>;
}

/** Deterministic token estimate: a quarter of the UTF-8 bytes, rounded up. */
export function countTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

const CACHE_BLOCK = 128;
const DELTA_CHARS = 16; // small deltas, so the client's accumulation is really exercised

export async function startOpenAIServer(
  initialScript: Script,
  opts: {
    cacheMinTokens?: number;
    /** false: the model has no reasoning and refuses `include: ["reasoning.encrypted_content"]`. */
    encryptedReasoning?: boolean;
  } = {},
): Promise<OpenAIServer> {
  const cacheMinTokens = opts.cacheMinTokens ?? 1024;
  /** Encrypted reasoning this server issued: like OpenAI, it refuses any other it is sent. */
  const issuedReasoning = new Set<string>();
  const requests: RecordedRequest[] = [];
  const cacheCorpus: string[] = [];
  let script = initialScript;
  let scriptIndex = 0;
  let ids = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'server_error', 'test_server_bug', String(err));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    const api =
      path === '/v1/responses' ? 'responses' : path === '/v1/chat/completions' ? 'chat' : null;
    if (req.method !== 'POST' || api === null) {
      sendError(res, 404, 'invalid_request_error', 'unknown_url', `No route ${req.method} ${path}`);
      return;
    }
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      sendError(res, 400, 'invalid_request_error', 'invalid_json', 'Request body is not JSON.');
      return;
    }
    const prefixText = api === 'responses' ? responsesPrefix(body) : chatPrefix(body);
    const record: RecordedRequest = {
      api,
      body,
      stream: body.stream === true,
      prefixText,
      inputTokens: 0,
      cachedTokens: 0,
      outputTokens: 0,
      authorization: req.headers.authorization,
      status: 0,
    };
    const cached = cachedTokensFor(prefixText, cacheCorpus, cacheMinTokens);
    requests.push(record);
    if (api === 'responses') {
      const refusal = reasoningRefusal(body, issuedReasoning, opts.encryptedReasoning ?? true);
      if (refusal) {
        record.status = 400;
        sendError(res, 400, 'invalid_request_error', refusal.code, refusal.message);
        return;
      }
    }

    const index = scriptIndex++;
    const turn = Array.isArray(script) ? script[index] : await script(record, index);
    if (!turn) {
      record.status = 500;
      const message = `script exhausted: the script has ${index} turn(s) and request ${index + 1} (${api}) has no answer`;
      // Not retryable: a retry would only exhaust the script again and hide the real cause.
      sendError(res, 500, 'server_error', 'script_exhausted', message, {
        'x-should-retry': 'false',
      });
      return;
    }
    if (turn.stallMs && !(await sleepUnlessClosed(turn.stallMs, res))) return;
    if (turn.error) {
      const e = turn.error;
      record.status = e.status;
      const headers = { ...e.headers };
      const hasRetryHint = Object.keys(headers).some((h) => /^retry-after(-ms)?$/i.test(h));
      if (!hasRetryHint) headers['retry-after-ms'] = '10'; // keeps SDK retries fast in tests
      const type = e.type ?? (e.status >= 500 ? 'server_error' : 'invalid_request_error');
      const message = e.message ?? `scripted ${e.status} error`;
      sendError(res, e.status, type, e.code ?? null, message, headers);
      return;
    }

    const text = turn.text ?? '';
    const calls = (turn.toolCalls ?? []).map((c, i) => ({
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
      callId: c.callId ?? `call_${index}_${i}`,
    }));
    const input = turn.usage?.input ?? countTokens(prefixText);
    const reasoningTokens = turn.usage?.reasoning ?? countTokens(turn.reasoning ?? '');
    const usage = {
      input,
      cached: Math.min(turn.usage?.cached ?? cached, input),
      output:
        turn.usage?.output ??
        countTokens(text + calls.map((c) => c.arguments).join('')) + reasoningTokens,
      reasoning: reasoningTokens,
    };
    Object.assign(record, {
      status: 200,
      inputTokens: usage.input,
      cachedTokens: usage.cached,
      outputTokens: usage.output,
    });
    const id = ++ids;
    let reasoning: Reasoning | undefined;
    if (api === 'responses' && turn.reasoning !== undefined) {
      const wanted = Array.isArray(body.include) && body.include.includes(ENCRYPTED_REASONING);
      const blob = `enc_${id}_${Buffer.from(turn.reasoning).toString('base64')}`;
      if (wanted) issuedReasoning.add(blob);
      reasoning = { summary: turn.reasoning, encrypted: wanted ? blob : null };
    }
    const events =
      api === 'responses'
        ? responsesEvents(id, body.model, text, calls, usage, reasoning)
        : chatEvents(id, body, text, calls, usage);
    if (!record.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(events.final));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const [i, chunk] of events.sse.entries()) {
      res.write(chunk);
      if (i === 0 && turn.streamStallMs && !(await sleepUnlessClosed(turn.streamStallMs, res))) {
        return;
      }
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    totals: () => ({
      input: requests.reduce((n, r) => n + r.inputTokens, 0),
      cached: requests.reduce((n, r) => n + r.cachedTokens, 0),
      output: requests.reduce((n, r) => n + r.outputTokens, 0),
    }),
    setScript(s) {
      script = s;
      scriptIndex = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- token and cache accounting

type Usage = { input: number; cached: number; output: number; reasoning: number };
type Call = { name: string; arguments: string; callId: string };
type Reasoning = { summary: string; encrypted: string | null };

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/** What OpenAI answers to reasoning it cannot accept: a non-reasoning model, or a forged blob. */
function reasoningRefusal(
  body: any,
  issued: Set<string>,
  supported: boolean,
): { code: string | null; message: string } | undefined {
  if (!supported && Array.isArray(body.include) && body.include.includes(ENCRYPTED_REASONING))
    return { code: null, message: 'Encrypted content is not supported with this model.' };
  for (const item of Array.isArray(body.input) ? body.input : []) {
    if (item?.type !== 'reasoning') continue;
    if (typeof item.id === 'string')
      return {
        code: null,
        message: `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false.`,
      };
    if (!issued.has(item.encrypted_content))
      return {
        code: 'invalid_encrypted_content',
        message: 'The encrypted content could not be verified.',
      };
  }
  return undefined;
}

function responsesPrefix(body: any): string {
  const input = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
  return [
    `instructions:${body.instructions ?? ''}`,
    ...(body.tools ?? []).map((t: unknown) => `tool:${JSON.stringify(t)}`),
    ...input.map((item: unknown) => `item:${JSON.stringify(item)}`),
  ].join('\n');
}

function chatPrefix(body: any): string {
  const messages: any[] = body.messages ?? [];
  const leading = messages.findIndex((m) => m.role !== 'system' && m.role !== 'developer');
  const split = leading === -1 ? messages.length : leading;
  return [
    ...messages.slice(0, split).map((m) => `instructions:${JSON.stringify(m)}`),
    ...(body.tools ?? []).map((t: unknown) => `tool:${JSON.stringify(t)}`),
    ...messages.slice(split).map((m) => `item:${JSON.stringify(m)}`),
  ].join('\n');
}

/**
 * OpenAI caches prompt prefixes in 128-token blocks, from a minimum prompt size on. `seen` holds
 * the earlier prefixes that are not a prefix of a later one: a growing conversation keeps only its
 * newest request there, so benchmarks with hundreds of long turns stay fast.
 */
function cachedTokensFor(prefix: string, seen: string[], minTokens: number): number {
  let common = 0;
  for (const earlier of seen) common = Math.max(common, commonPrefixLength(prefix, earlier));
  for (let i = seen.length - 1; i >= 0; i--) if (prefix.startsWith(seen[i]!)) seen.splice(i, 1);
  seen.push(prefix);
  const tokens = Math.floor(countTokens(prefix.slice(0, common)) / CACHE_BLOCK) * CACHE_BLOCK;
  return tokens < minTokens ? 0 : tokens;
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  // Whole blocks first (native comparison), then character by character in the differing block.
  while (i + 4096 <= max && a.slice(i, i + 4096) === b.slice(i, i + 4096)) i += 4096;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

// ---------------------------------------------------------------- wire formats

function sse(data: object, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

function pieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += DELTA_CHARS) out.push(s.slice(i, i + DELTA_CHARS));
  return out;
}

function responsesEvents(
  id: number,
  model: string,
  text: string,
  calls: Call[],
  u: Usage,
  reasoning?: Reasoning,
) {
  const respId = `resp_${id}`;
  const reasoningItem = reasoning && {
    id: `rs_${id}`,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: reasoning.summary }],
    encrypted_content: reasoning.encrypted,
  };
  const messageItem = {
    id: `msg_${id}`,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
  const callItems = calls.map((c, i) => ({
    id: `fc_${id}_${i}`,
    type: 'function_call',
    status: 'completed',
    call_id: c.callId,
    name: c.name,
    arguments: c.arguments,
  }));
  const output = [
    ...(reasoningItem ? [reasoningItem] : []),
    ...(text ? [messageItem] : []),
    ...callItems,
  ];
  const usage = {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
  const response = (status: string, out: object[], use: object | null) => ({
    id: respId,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output: out,
    usage: use,
    error: null,
    incomplete_details: null,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
  });
  const events: { type: string; [key: string]: unknown }[] = [
    { type: 'response.created', response: response('in_progress', [], null) },
  ];
  output.forEach((item, output_index) => {
    const base = { output_index, item_id: item.id };
    if (item.type === 'reasoning') {
      // The encrypted content is complete only in `output_item.done`, as OpenAI documents.
      const opening = { ...item, summary: [], encrypted_content: null };
      events.push({ type: 'response.output_item.added', output_index, item: opening });
    } else if (item.type === 'message') {
      const opening = { ...messageItem, status: 'in_progress', content: [] };
      events.push({ type: 'response.output_item.added', output_index, item: opening });
      const part = { type: 'output_text', text: '', annotations: [] };
      events.push({ type: 'response.content_part.added', ...base, content_index: 0, part });
      for (const delta of pieces(text)) {
        events.push({
          type: 'response.output_text.delta',
          ...base,
          content_index: 0,
          delta,
          logprobs: [],
        });
      }
      events.push({
        type: 'response.output_text.done',
        ...base,
        content_index: 0,
        text,
        logprobs: [],
      });
    } else {
      const opening = { ...item, status: 'in_progress', arguments: '' };
      events.push({ type: 'response.output_item.added', output_index, item: opening });
      const args = (item as (typeof callItems)[number]).arguments;
      for (const delta of pieces(args)) {
        events.push({ type: 'response.function_call_arguments.delta', ...base, delta });
      }
      events.push({ type: 'response.function_call_arguments.done', ...base, arguments: args });
    }
    events.push({ type: 'response.output_item.done', output_index, item });
  });
  const final = response('completed', output, usage);
  events.push({ type: 'response.completed', response: final });
  const numbered = events.map((e, sequence_number) => ({ ...e, sequence_number }));
  return { final, sse: numbered.map((e) => sse(e, e.type)) };
}

function chatEvents(id: number, body: any, text: string, calls: Call[], u: Usage) {
  const usage = {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached },
    completion_tokens_details: { reasoning_tokens: u.reasoning },
  };
  const head = { id: `chatcmpl-${id}`, created: Math.floor(Date.now() / 1000), model: body.model };
  const finish_reason = calls.length ? 'tool_calls' : 'stop';
  const toolCalls = calls.map((c) => ({
    id: c.callId,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  const message = {
    role: 'assistant',
    content: text || null,
    refusal: null,
    ...(calls.length ? { tool_calls: toolCalls } : {}),
  };
  const final = {
    ...head,
    object: 'chat.completion',
    choices: [{ index: 0, message, finish_reason, logprobs: null }],
    usage,
  };
  const withUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: object, finish: string | null = null) =>
    sse({
      ...head,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...(withUsage ? { usage: null } : {}),
    });
  const chunks = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const content of pieces(text)) chunks.push(chunk({ content }));
  calls.forEach((c, index) => {
    const opening = {
      index,
      id: c.callId,
      type: 'function',
      function: { name: c.name, arguments: '' },
    };
    chunks.push(chunk({ tool_calls: [opening] }));
    for (const args of pieces(c.arguments)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: args } }] }));
    }
  });
  chunks.push(chunk({}, finish_reason));
  if (withUsage) chunks.push(sse({ ...head, object: 'chat.completion.chunk', choices: [], usage }));
  chunks.push('data: [DONE]\n\n');
  return { final, sse: chunks };
}

// ---------------------------------------------------------------- plumbing

function sendError(
  res: http.ServerResponse,
  status: number,
  type: string,
  code: string | null,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type, param: null, code } }));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Waits `ms`; resolves false early when the client hung up (a timed-out client leaves). */
function sleepUnlessClosed(ms: number, res: http.ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}
