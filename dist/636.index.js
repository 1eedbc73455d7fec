export const id = 636;
export const ids = [636];
export const modules = {

/***/ 1636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createModel: () => (/* binding */ createModel)
});

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/engine/index.ts + 42 modules
var engine = __webpack_require__(4946);
;// CONCATENATED MODULE: ./src/model/stream.ts
// Reading a streamed answer with a bound on silence. The SDK's timeout covers the wait for the
// response headers only; a stream that stops sending midway would otherwise hold the loop until the
// transport gives up minutes later.

/** Calls `onEvent` for each event; throws a 'timeout' ModelError after `idleMs` without one. */
async function readStream(stream, idleMs, onEvent) {
    let idle = false;
    const fire = () => {
        idle = true;
        stream.controller.abort();
    };
    let timer = setTimeout(fire, idleMs);
    const silence = () => new engine/* ModelError */.me('timeout', `The model stream went silent for ${idleMs} ms before finishing. ` +
        'Check that the endpoint is not overloaded, or allow a longer model timeout.');
    try {
        for await (const event of stream) {
            clearTimeout(timer);
            timer = setTimeout(fire, idleMs);
            onEvent(event);
        }
    }
    catch (err) {
        if (idle)
            throw silence();
        throw err;
    }
    finally {
        clearTimeout(timer);
    }
    // The SDK ends the iteration quietly when its request is aborted, so check why it ended.
    if (idle)
        throw silence();
}

;// CONCATENATED MODULE: ./src/model/chat.ts
// The Chat Completions adapter, for OpenAI-compatible endpoints that lack the Responses API.


function toChatParams(model, request) {
    const tools = request.tools.map((t) => ({
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
function toChatMessages(instructions, input) {
    const messages = instructions
        ? [{ role: 'system', content: instructions }]
        : [];
    for (const item of input) {
        // Chat Completions has no way to carry encrypted reasoning: it stays out.
        if (item.type === 'reasoning')
            continue;
        if (item.type === 'message') {
            messages.push({ role: item.role, content: item.content });
        }
        else if (item.type === 'tool_result') {
            messages.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
        }
        else {
            const call = {
                id: item.callId,
                type: 'function',
                function: { name: item.name, arguments: item.arguments },
            };
            const last = messages.at(-1);
            if (last?.role === 'assistant') {
                const assistant = last;
                assistant.tool_calls = [...(assistant.tool_calls ?? []), call];
            }
            else {
                messages.push({ role: 'assistant', content: null, tool_calls: [call] });
            }
        }
    }
    return messages;
}
async function chatTurn(client, settings, request, signal) {
    const params = toChatParams(settings.model, request);
    if (!settings.stream) {
        const completion = await client.chat.completions.create({ ...params, stream: false }, { signal });
        return fromCompletion(completion);
    }
    const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal });
    let text = '';
    let chunks = 0;
    let usage;
    const calls = new Map();
    await readStream(stream, settings.timeoutMs, (chunk) => {
        chunks++;
        if (chunk.usage)
            usage = chunk.usage;
        const delta = chunk.choices[0]?.delta;
        if (delta?.content)
            text += delta.content;
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
    if (signal?.aborted)
        throw signal.reason;
    if (chunks === 0) {
        throw new engine/* ModelError */.me('server', 'The model stream ended without any answer. Resume to retry.');
    }
    const toolCalls = [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, c]) => ({ ...c, callId: c.callId || `call_${index}` }));
    return { text, toolCalls, usage: usageOf(usage) };
}
function fromCompletion(completion) {
    const message = completion.choices[0]?.message;
    const toolCalls = (message?.tool_calls ?? []).flatMap((c, index) => c.type === 'function'
        ? [
            {
                callId: c.id || `call_${index}`,
                name: c.function.name,
                arguments: c.function.arguments,
            },
        ]
        : []);
    return {
        text: message?.content ?? message?.refusal ?? '',
        toolCalls,
        usage: usageOf(completion.usage),
    };
}
function usageOf(usage) {
    return {
        inputTokens: usage?.prompt_tokens ?? 0,
        cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
        outputTokens: usage?.completion_tokens ?? 0,
        reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    };
}

// EXTERNAL MODULE: ./node_modules/openai/index.mjs + 232 modules
var openai = __webpack_require__(8193);
;// CONCATENATED MODULE: ./src/model/errors.ts
// SDK errors → the engine's ModelError, with a message that says what went wrong and what to do.
// Retries already happened inside the SDK (its maxRetries is the only retry layer), so whatever
// reaches this point is final for the turn.


/** True for OpenAI's "you are out of credit" answer, which no amount of retrying fixes. */
function isQuotaError(error) {
    return error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota';
}
/** True when an OpenAI error JSON body (`{"error": {...}}`) says the quota is exhausted. */
function isQuotaBody(text) {
    try {
        const parsed = JSON.parse(text);
        return isQuotaError(parsed.error);
    }
    catch {
        return false;
    }
}
const CONTEXT_MESSAGE = /context length|context window|maximum context|too many tokens|prompt is too long/i;
/**
 * Converts what the SDK threw into a ModelError. A cancellation by the caller is not a model
 * failure: it is rethrown as the signal's reason so the engine sees its own abort.
 */
function toModelError(err, ctx, signal) {
    if (err instanceof engine/* ModelError */.me)
        return err;
    if (err instanceof openai/* APIUserAbortError */.cH || signal?.aborted)
        return signal?.reason ?? err;
    const where = `${ctx.api} API at ${ctx.baseURL}, model ${ctx.model}`;
    const retried = ctx.maxRetries > 0 ? ` after ${ctx.maxRetries} retries` : '';
    if (err instanceof openai/* APIConnectionTimeoutError */.qA) {
        return new engine/* ModelError */.me('timeout', `The model did not answer within ${ctx.timeoutMs} ms${retried} (${where}). ` +
            'Check that the endpoint is reachable and not overloaded, or allow a longer model timeout.');
    }
    if (err instanceof openai/* APIConnectionError */.xX) {
        return new engine/* ModelError */.me('server', `Could not reach the model endpoint${retried} (${where}): ${err.message}. ` +
            'Check the base-url input and that the endpoint is up.');
    }
    if (err instanceof openai/* APIError */.LG)
        return fromStatus(err, ctx, where, retried);
    if (err instanceof openai/* OpenAIError */.vc) {
        return new engine/* ModelError */.me('server', `The model endpoint sent a response that could not be read (${where}): ${err.message}.`);
    }
    return err;
}
function fromStatus(err, ctx, where, retried) {
    const status = err.status;
    const detail = err.message;
    if (status === 401 || status === 403) {
        return new engine/* ModelError */.me('auth', `The model endpoint refused the credentials (${detail}; ${where}). ` +
            'Check the openai-api-key input / base-url: the key must be valid for this endpoint.');
    }
    if (isQuotaError(err)) {
        return new engine/* ModelError */.me('quota', `The account has no quota left (${detail}; ${where}). ` +
            'Add credit or raise the usage limit of the account, then resume the goal.');
    }
    if (err.code === 'context_length_exceeded' || (status === 400 && CONTEXT_MESSAGE.test(detail))) {
        return new engine/* ModelError */.me('context-length', `The request is larger than the model's context window (${detail}; ${where}). ` +
            'The conversation has to be compacted, or a model with a larger context chosen.');
    }
    if (status === 429 || err.code === 'rate_limit_exceeded') {
        return new engine/* ModelError */.me('rate-limit', `The model endpoint kept rate-limiting the requests${retried} (${detail}; ${where}). ` +
            'Wait for the limit to reset and resume, or use a key with a higher rate limit.');
    }
    if (status === 408) {
        return new engine/* ModelError */.me('timeout', `The model endpoint timed out the request${retried} (${detail}; ${where}). Resume to try again.`);
    }
    if (status === undefined || status >= 500 || status === 409) {
        return new engine/* ModelError */.me('server', `The model endpoint failed${retried} (${detail}; ${where}). ` +
            'This is usually temporary: check the provider status and resume the goal.');
    }
    return new engine/* ModelError */.me('bad-request', `The model endpoint rejected the request (${detail}; ${where}). ` +
        `Check the model input and that this endpoint supports the ${ctx.api} API (the api input).`);
}

;// CONCATENATED MODULE: ./src/model/client.ts
// The one OpenAI client an adapter uses. The SDK's own retry (maxRetries, honouring retry-after)
// is the only retry layer; this module only teaches it that an exhausted quota is not worth
// retrying, which the SDK cannot know because OpenAI answers both cases with HTTP 429.


function createClient(settings) {
    return new openai/* default */.Ay({
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
async function quotaAwareFetch(url, init) {
    const response = await fetch(url, init);
    if (response.status !== 429)
        return response;
    const text = await response.text();
    const headers = new Headers(response.headers);
    // The body is already decoded text now; stale framing headers would misdescribe it.
    headers.delete('content-encoding');
    headers.delete('content-length');
    if (isQuotaBody(text))
        headers.set('x-should-retry', 'false');
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

;// CONCATENATED MODULE: ./src/model/responses.ts
// The Responses API adapter: ConversationItem[] → input items, events/output → ModelResponse.



function toResponsesParams(model, request, reasoning) {
    const includeReasoning = reasoning?.include ?? false;
    const tools = request.tools.map((t) => ({
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
        input: request.input.flatMap((item) => item.type === 'reasoning' &&
            (!includeReasoning || reasoning.refused.has(item.encryptedContent))
            ? []
            : [toInputItem(item)]),
        ...(tools.length ? { tools } : {}),
        // Nothing is kept server-side: the engine owns the conversation and resends it each turn.
        store: false,
        max_output_tokens: request.maxOutputTokens,
        ...(includeReasoning ? { include: ['reasoning.encrypted_content'] } : {}),
        ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
    };
}
function toInputItem(item) {
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
                summary: item.summary.map((text) => ({ type: 'summary_text', text })),
                encrypted_content: item.encryptedContent,
            };
    }
}
/**
 * How the endpoint refused encrypted reasoning, if it did: `unsupported` for a model without
 * reasoning ("Encrypted content is not supported with this model") or a server that does not know
 * the `include` value; `unverified` for reasoning it cannot decrypt. Retrying without is valid.
 */
function reasoningRefusal(err) {
    if (!(err instanceof openai/* APIError */.LG) || err.status !== 400)
        return null;
    if (err.code === 'invalid_encrypted_content' ||
        /could not be (verified|decrypted)/i.test(err.message))
        return 'unverified';
    return /encrypted.content|reasoning|\binclude\b/i.test(err.message) ? 'unsupported' : null;
}
async function responsesTurn(client, settings, request, signal) {
    const reasoning = settings.reasoning;
    try {
        return await attempt(client, settings, toResponsesParams(settings.model, request, reasoning), signal);
    }
    catch (err) {
        const refusal = reasoning?.include ? reasoningRefusal(err) : null;
        if (!reasoning || !refusal)
            throw err;
        // One retry: without asking for reasoning again in this run, or without the reasoning sent.
        if (refusal === 'unsupported')
            reasoning.include = false;
        for (const item of request.input)
            if (item.type === 'reasoning')
                reasoning.refused.add(item.encryptedContent);
        return attempt(client, settings, toResponsesParams(settings.model, request, reasoning), signal);
    }
}
async function attempt(client, settings, params, signal) {
    if (!settings.stream) {
        const response = await client.responses.create({ ...params, stream: false }, { signal });
        return fromResponse(response);
    }
    const stream = await client.responses.create({ ...params, stream: true }, { signal });
    let final;
    const doneItems = [];
    await readStream(stream, settings.timeoutMs, (event) => {
        if (event.type === 'response.output_item.done')
            doneItems.push(event.item);
        else if (event.type === 'response.completed' || event.type === 'response.incomplete')
            final = event.response;
        else if (event.type === 'response.failed')
            throw failure(event.response);
    });
    if (signal?.aborted)
        throw signal.reason;
    if (!final) {
        throw new engine/* ModelError */.me('server', 'The model stream ended before `response.completed`; the answer is incomplete. Resume to retry.');
    }
    // Some compatible servers leave the final output empty and only stream the items.
    return fromResponse(final.output?.length ? final : { ...final, output: doneItems });
}
function failure(response) {
    const error = response.error ?? {
        code: 'server_error',
        message: 'response.failed without error',
    };
    // An APIError without status: errors.ts classifies it by its code (quota, context length, …).
    return new openai/* APIError */.LG(undefined, error, undefined, undefined);
}
function fromResponse(response) {
    if (response.status === 'failed')
        throw failure(response);
    const texts = [];
    const toolCalls = [];
    const reasoning = [];
    for (const item of response.output ?? []) {
        if (item.type === 'reasoning') {
            // Without its encrypted content (not asked for, or not given) the item cannot be carried.
            if (item.encrypted_content)
                reasoning.push({
                    type: 'reasoning',
                    encryptedContent: item.encrypted_content,
                    summary: item.summary.map((part) => part.text),
                });
        }
        else if (item.type === 'message') {
            for (const part of item.content) {
                texts.push(part.type === 'output_text' ? part.text : part.refusal);
            }
        }
        else if (item.type === 'function_call') {
            toolCalls.push({ callId: item.call_id, name: item.name, arguments: item.arguments });
        }
    }
    return {
        text: texts.join('\n'),
        toolCalls,
        ...(reasoning.length ? { reasoning } : {}),
        usage: responses_usageOf(response.usage),
    };
}
function responses_usageOf(usage) {
    return {
        inputTokens: usage?.input_tokens ?? 0,
        cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? 0,
        outputTokens: usage?.output_tokens ?? 0,
        reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
    };
}

;// CONCATENATED MODULE: ./src/model/index.ts
// The engine's Model port over the official `openai` SDK, for the Responses API or Chat Completions.






function createModel(opts) {
    if (!opts.apiKey.trim()) {
        throw new engine/* ModelError */.me('auth', 'The openai-api-key input is empty. Set it to an API key for the endpoint (base-url); ' +
            'for a local endpoint that needs no key, any non-empty value works.');
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
            refused: new Set(),
        },
    };
    const context = {
        api: opts.api,
        model: opts.model,
        baseURL: client.baseURL,
        timeoutMs,
        maxRetries,
    };
    const run = opts.api === 'responses' ? responsesTurn : chatTurn;
    return {
        name: opts.model,
        async turn(request, signal) {
            const started = external_node_perf_hooks_.performance.now();
            try {
                const result = await run(client, settings, request, signal);
                return { ...result, durationMs: external_node_perf_hooks_.performance.now() - started };
            }
            catch (err) {
                throw toModelError(err, context, signal);
            }
        },
    };
}


/***/ })

};
