// The model adapters through the real `openai` SDK against the scripted server: what a turn
// returns (text, tool calls, usage) and what reaches the provider, for both APIs, streamed or not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationItem, ModelRequest, ToolSpec } from '../../src/engine/ports.js';
import { createModel } from '../../src/model/index.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

const shellTool: ToolSpec = {
  name: 'shell',
  description: 'Run a command in the workspace.',
  parameters: {
    type: 'object',
    properties: { command: { type: 'array', items: { type: 'string' } } },
    required: ['command'],
  },
};

function request(input: ConversationItem[], instructions = 'You pursue goals.'): ModelRequest {
  return { instructions, input, tools: [shellTool], maxOutputTokens: 4000, cacheKey: 'goal-7' };
}

const ask: ConversationItem[] = [
  { type: 'message', role: 'user', content: 'Make the tests pass.' },
];

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer([]);
});
afterAll(async () => {
  await server.close();
});

describe.each([
  { api: 'responses' as const, stream: true },
  { api: 'responses' as const, stream: false },
  { api: 'chat' as const, stream: true },
  { api: 'chat' as const, stream: false },
])('$api API, stream $stream', ({ api, stream }) => {
  const model = () =>
    createModel({ api, stream, apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-test' });

  it('returns the text of a text-only turn with the usage the server reported', async () => {
    const text = 'I will start by running the test suite to see what fails. '.repeat(3);
    server.setScript([{ text }]);
    const res = await model().turn(request(ask));
    expect(res.text).toBe(text);
    expect(res.toolCalls).toEqual([]);
    const recorded = server.requests.at(-1)!;
    expect(recorded.authorization).toBe('Bearer sk-test');
    expect(recorded.stream).toBe(stream);
    expect(res.usage).toEqual({
      inputTokens: recorded.inputTokens,
      cachedInputTokens: 0,
      outputTokens: recorded.outputTokens,
      reasoningTokens: 0,
    });
    expect(res.usage.outputTokens).toBeGreaterThan(0);
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('returns tool calls with their ids, names and raw arguments, in order', async () => {
    server.setScript([
      {
        text: 'Running the tests.',
        toolCalls: [
          { name: 'shell', arguments: { command: ['npm', 'test'] }, callId: 'call_a' },
          { name: 'read_file', arguments: { path: 'src/ünïcode.ts' }, callId: 'call_b' },
        ],
      },
    ]);
    const res = await model().turn(request(ask));
    expect(res.text).toBe('Running the tests.');
    expect(res.toolCalls).toEqual([
      { callId: 'call_a', name: 'shell', arguments: '{"command":["npm","test"]}' },
      { callId: 'call_b', name: 'read_file', arguments: '{"path":"src/ünïcode.ts"}' },
    ]);
  });

  it('passes malformed tool-call arguments through unchanged', async () => {
    const broken = '{"command": ["ls", "-la"';
    server.setScript([{ toolCalls: [{ name: 'shell', arguments: broken, callId: 'call_x' }] }]);
    const res = await model().turn(request(ask));
    expect(res.toolCalls).toEqual([{ callId: 'call_x', name: 'shell', arguments: broken }]);
  });

  it('reports cached and reasoning tokens', async () => {
    server.setScript([
      { text: 'ok', usage: { input: 5000, cached: 3072, output: 900, reasoning: 640 } },
    ]);
    const res = await model().turn(request(ask));
    expect(res.usage).toEqual({
      inputTokens: 5000,
      cachedInputTokens: 3072,
      outputTokens: 900,
      reasoningTokens: 640,
    });
  });

  it('sends the request in the shape the API expects', async () => {
    server.setScript([{ text: 'ok' }]);
    await model().turn(request(ask, 'Be careful.'));
    const body = server.requests.at(-1)!.body;
    expect(body.model).toBe('gpt-test');
    if (api === 'responses') {
      expect(body).toMatchObject({
        instructions: 'Be careful.',
        store: false,
        prompt_cache_key: 'goal-7',
        max_output_tokens: 4000,
        input: [{ type: 'message', role: 'user', content: 'Make the tests pass.' }],
      });
      expect(body.tools).toEqual([{ type: 'function', strict: false, ...shellTool }]);
    } else {
      expect(body.max_completion_tokens).toBe(4000);
      expect(body.messages).toEqual([
        { role: 'system', content: 'Be careful.' },
        { role: 'user', content: 'Make the tests pass.' },
      ]);
      expect(body.tools).toEqual([{ type: 'function', function: shellTool }]);
      expect(body.stream_options).toEqual(stream ? { include_usage: true } : undefined);
    }
  });

  it('carries a whole conversation with tool calls and their results to the server', async () => {
    server.setScript([{ text: 'Both commands ran.' }]);
    const conversation: ConversationItem[] = [
      ...ask,
      { type: 'message', role: 'assistant', content: 'Looking around first.' },
      { type: 'tool_call', callId: 'c1', name: 'shell', arguments: '{"command":["ls"]}' },
      { type: 'tool_call', callId: 'c2', name: 'shell', arguments: '{"command":["pwd"]}' },
      { type: 'tool_result', callId: 'c1', output: 'src\ntest' },
      { type: 'tool_result', callId: 'c2', output: '/work' },
      { type: 'tool_call', callId: 'c3', name: 'read_file', arguments: '{"path":"a"}' },
      { type: 'tool_result', callId: 'c3', output: 'contents' },
    ];
    const res = await model().turn(request(conversation));
    expect(res.text).toBe('Both commands ran.');
    const body = server.requests.at(-1)!.body;
    if (api === 'responses') {
      expect(body.input).toEqual([
        { type: 'message', role: 'user', content: 'Make the tests pass.' },
        { type: 'message', role: 'assistant', content: 'Looking around first.' },
        { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"command":["ls"]}' },
        { type: 'function_call', call_id: 'c2', name: 'shell', arguments: '{"command":["pwd"]}' },
        { type: 'function_call_output', call_id: 'c1', output: 'src\ntest' },
        { type: 'function_call_output', call_id: 'c2', output: '/work' },
        { type: 'function_call', call_id: 'c3', name: 'read_file', arguments: '{"path":"a"}' },
        { type: 'function_call_output', call_id: 'c3', output: 'contents' },
      ]);
    } else {
      const call = (id: string, name: string, args: string) => ({
        id,
        type: 'function',
        function: { name, arguments: args },
      });
      expect(body.messages.slice(1)).toEqual([
        { role: 'user', content: 'Make the tests pass.' },
        {
          role: 'assistant',
          content: 'Looking around first.',
          tool_calls: [
            call('c1', 'shell', '{"command":["ls"]}'),
            call('c2', 'shell', '{"command":["pwd"]}'),
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'src\ntest' },
        { role: 'tool', tool_call_id: 'c2', content: '/work' },
        { role: 'assistant', content: null, tool_calls: [call('c3', 'read_file', '{"path":"a"}')] },
        { role: 'tool', tool_call_id: 'c3', content: 'contents' },
      ]);
    }
  });

  it('reports cached tokens when a second request repeats a long prefix', async () => {
    // Unique per group, so no earlier request on this server shares the prefix.
    const instructions = `${api} ${stream}: ` + 'Rules of the repository. '.repeat(400);
    server.setScript([{ text: 'first' }, { text: 'second' }]);
    const first = await model().turn(request(ask, instructions));
    const longer: ConversationItem[] = [
      ...ask,
      { type: 'message', role: 'assistant', content: 'first' },
    ];
    const second = await model().turn(request(longer, instructions));
    expect(first.usage.cachedInputTokens).toBe(0);
    expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(2048);
    expect(second.usage.cachedInputTokens % 128).toBe(0);
    expect(second.usage.cachedInputTokens).toBeLessThan(second.usage.inputTokens);
  });

  it('stops waiting when the caller aborts, with the caller’s reason rather than a model error', async () => {
    server.setScript([{ text: 'too late', stallMs: 5_000 }]);
    const controller = new AbortController();
    const pending = model().turn(request(ask), controller.signal);
    setTimeout(() => controller.abort(new Error('paused by /goal pause')), 50);
    await expect(pending).rejects.toThrow('paused by /goal pause');
  });
});
