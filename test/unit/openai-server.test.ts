// The scripted OpenAI-compatible server itself, spoken to with plain fetch: token counting, the
// prompt-cache simulation, error answers, recording, and scripts running out. Tests and benchmarks
// trust its numbers, so they are checked here.

import { afterEach, describe, expect, it } from 'vitest';
import { countTokens, startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The answers are raw OpenAI JSON; the assertions below check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

function post(path: string, body: object, headers: Record<string, string> = {}) {
  return fetch(`${server!.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const responsesBody = (instructions: string, input: object[]) => ({
  model: 'm',
  instructions,
  input,
  tools: [{ type: 'function', name: 'shell', parameters: {}, strict: false }],
});

describe('countTokens', () => {
  it('estimates a quarter of the UTF-8 bytes, rounded up', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('abcd')).toBe(1);
    expect(countTokens('abcde')).toBe(2);
    expect(countTokens('ü'.repeat(4))).toBe(2); // 8 bytes
  });
});

describe('startOpenAIServer', () => {
  it('counts input over the canonical prefix and output over text and arguments', async () => {
    server = await startOpenAIServer([
      { text: 'hello there', toolCalls: [{ name: 'shell', arguments: '{"command":["ls"]}' }] },
    ]);
    const res = await post(
      '/responses',
      responsesBody('Be brief.', [{ role: 'user', content: 'hi' }]),
      {
        authorization: 'Bearer k',
      },
    );
    const body = await json(res);
    const recorded = server.requests[0]!;
    expect(recorded.prefixText.split('\n')[0]).toBe('instructions:Be brief.');
    expect(recorded.prefixText).toContain('tool:{"type":"function","name":"shell"');
    expect(recorded.prefixText.endsWith('item:{"role":"user","content":"hi"}')).toBe(true);
    expect(body.usage.input_tokens).toBe(countTokens(recorded.prefixText));
    expect(body.usage.output_tokens).toBe(countTokens('hello there{"command":["ls"]}'));
    expect(body.output.map((o: { type: string }) => o.type)).toEqual(['message', 'function_call']);
    expect(recorded.authorization).toBe('Bearer k');
    expect(server.totals()).toEqual({
      input: recorded.inputTokens,
      cached: 0,
      output: body.usage.output_tokens,
    });
  });

  it('reports the shared prefix as cached, in 128-token blocks, from cacheMinTokens on', async () => {
    server = await startOpenAIServer(() => ({ text: 'ok' }), { cacheMinTokens: 1024 });
    const long = 'x'.repeat(8_000); // 2 000 tokens of instructions
    await post('/responses', responsesBody(long, [{ role: 'user', content: 'one' }]));
    await post('/responses', responsesBody(long, [{ role: 'user', content: 'two' }]));
    await post('/responses', responsesBody('short', [{ role: 'user', content: 'one' }]));
    await post('/responses', responsesBody('short', [{ role: 'user', content: 'one' }]));
    await post('/responses', responsesBody(long, [{ role: 'user', content: 'one' }]));
    const [first, second, third, fourth, fifth] = server.requests;
    expect(first!.cachedTokens).toBe(0);
    // The shared prefix ends where the user messages differ; it is cached in whole 128-token blocks.
    const common = countTokens(second!.prefixText.slice(0, second!.prefixText.indexOf('two')));
    expect(common).toBeGreaterThan(2000);
    expect(second!.cachedTokens).toBe(Math.floor(common / 128) * 128);
    expect(third!.cachedTokens).toBe(0);
    expect(fourth!.cachedTokens).toBe(0); // identical, but below the minimum size to be cached
    // Earlier prefixes still count after unrelated requests: the fifth repeats the first exactly.
    expect(fifth!.cachedTokens).toBe(Math.floor(fifth!.inputTokens / 128) * 128);
    expect(server.totals().cached).toBe(second!.cachedTokens + fifth!.cachedTokens);
  });

  it('streams Responses events in order and ends with response.completed', async () => {
    server = await startOpenAIServer([
      { text: 'streamed text', toolCalls: [{ name: 'shell', arguments: {} }] },
    ]);
    const res = await post('/responses', { ...responsesBody('i', []), stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const types = [...(await res.text()).matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.delta');
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types.filter((t) => t === 'response.output_item.done')).toHaveLength(2);
    expect(types.at(-1)).toBe('response.completed');
  });

  it('ends a chat stream with a usage chunk only when include_usage is asked for', async () => {
    server = await startOpenAIServer(() => ({ text: 'hi' }));
    const body = { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true };
    const plain = await (await post('/chat/completions', body)).text();
    const withUsage = await (
      await post('/chat/completions', { ...body, stream_options: { include_usage: true } })
    ).text();
    const lastJSON = (s: string) =>
      JSON.parse(s.trim().split('\n\n').at(-2)!.slice('data: '.length));
    expect(plain.trim().endsWith('data: [DONE]')).toBe(true);
    expect(lastJSON(plain).usage).toBeUndefined();
    expect(lastJSON(withUsage)).toMatchObject({ choices: [], usage: { completion_tokens: 1 } });
  });

  it('answers error turns in the OpenAI error shape, records them, and bills nothing', async () => {
    server = await startOpenAIServer([
      { error: { status: 429, code: 'insufficient_quota', type: 'insufficient_quota' } },
      { error: { status: 429, code: 'rate_limit_exceeded', headers: { 'retry-after': '7' } } },
    ]);
    const quota = await post('/chat/completions', { model: 'm', messages: [] });
    expect(quota.status).toBe(429);
    expect(quota.headers.get('retry-after-ms')).toBe('10');
    expect((await json(quota)).error).toMatchObject({
      code: 'insufficient_quota',
      type: 'insufficient_quota',
    });
    const limited = await post('/chat/completions', { model: 'm', messages: [] });
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('retry-after-ms')).toBeNull();
    expect(server.requests.map((r) => r.status)).toEqual([429, 429]);
    expect(server.totals()).toEqual({ input: 0, cached: 0, output: 0 });
  });

  it('answers 500 "script exhausted" when an array script runs out, and setScript starts over', async () => {
    server = await startOpenAIServer([{ text: 'only turn' }]);
    expect((await post('/responses', responsesBody('i', []))).status).toBe(200);
    const exhausted = await post('/responses', responsesBody('i', []));
    expect(exhausted.status).toBe(500);
    expect((await json(exhausted)).error.message).toContain('script exhausted');
    server.setScript([{ text: 'again' }]);
    const again = await json(await post('/responses', responsesBody('i', [])));
    expect(again.output[0].content[0].text).toBe('again');
    expect(server.requests).toHaveLength(3);
  });

  it('gives a function script each request and its index', async () => {
    const seen: number[] = [];
    server = await startOpenAIServer((req, index) => {
      seen.push(index);
      return { text: `${req.api} #${index}` };
    });
    await post('/responses', responsesBody('i', []));
    const chat = await json(await post('/chat/completions', { model: 'm', messages: [] }));
    expect(seen).toEqual([0, 1]);
    expect(chat.choices[0].message.content).toBe('chat #1');
  });

  it('answers unknown routes with 404', async () => {
    server = await startOpenAIServer([]);
    expect((await post('/embeddings', {})).status).toBe(404);
  });
});
