// Reasoning kept across turns: with the Responses API and `store: false`, the adapter asks for the
// encrypted reasoning and the next request carries it back, byte for byte and without the item id
// (nothing is stored under it). Through the real `openai` SDK against the scripted server, which,
// like OpenAI, refuses reasoning it did not issue and refuses `include` for a model without reasoning.

import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationItem, ModelRequest, ModelResponse } from '../../src/engine/ports.js';
import { createModel } from '../../src/model/index.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

const ask: ConversationItem[] = [{ type: 'message', role: 'user', content: 'Fix the tests.' }];

function request(input: ConversationItem[]): ModelRequest {
  return { instructions: 'You pursue goals.', input, tools: [], maxOutputTokens: 4000 };
}

/** What the loop appends after a turn: reasoning first, then the text and the tool calls. */
function continued(before: ConversationItem[], res: ModelResponse): ConversationItem[] {
  return [
    ...before,
    ...(res.reasoning ?? []),
    ...(res.text
      ? [{ type: 'message' as const, role: 'assistant' as const, content: res.text }]
      : []),
    ...res.toolCalls.map((c) => ({ type: 'tool_call' as const, ...c })),
    ...res.toolCalls.map((c) => ({
      type: 'tool_result' as const,
      callId: c.callId,
      output: 'ok',
    })),
  ];
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each([true, false])('Responses API, stream %s', (stream) => {
  const model = (s: OpenAIServer, api: 'responses' | 'chat' = 'responses') =>
    createModel({ api, stream, apiKey: 'sk-test', baseURL: s.baseURL, model: 'gpt-5' });

  it('asks for encrypted reasoning and carries it into the next request', async () => {
    server = await startOpenAIServer([
      {
        reasoning: 'The failing test multiplies; read cart.js first.',
        toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' }, callId: 'c1' }],
      },
      { text: 'Done.' },
    ]);
    const m = model(server);
    const first = await m.turn(request(ask));
    expect(server.requests[0]!.body.include).toEqual(['reasoning.encrypted_content']);
    expect(server.requests[0]!.body.store).toBe(false);
    expect(first.reasoning).toHaveLength(1);
    expect(first.reasoning![0]!.summary).toEqual([
      'The failing test multiplies; read cart.js first.',
    ]);
    const blob = first.reasoning![0]!.encryptedContent;
    expect(blob).toMatch(/^enc_/);

    const second = await m.turn(request(continued(ask, first)));
    expect(second.text).toBe('Done.');
    const input = server.requests[1]!.body.input as Record<string, unknown>[];
    // Right after the user message, before the call it led to; no id, the blob unchanged.
    expect(input[1]).toEqual({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'The failing test multiplies; read cart.js first.' }],
      encrypted_content: blob,
    });
    expect(input[2]).toMatchObject({ type: 'function_call', call_id: 'c1' });
    expect(server.requests[1]!.status).toBe(200);
  });

  it('counts the reasoning tokens the provider reports', async () => {
    server = await startOpenAIServer([
      { reasoning: 'think', text: 'ok', usage: { output: 700, reasoning: 600 } },
    ]);
    const res = await model(server).turn(request(ask));
    expect(res.usage.reasoningTokens).toBe(600);
    expect(res.usage.outputTokens).toBe(700);
  });

  it('stops asking, and still answers, when the model has no reasoning', async () => {
    server = await startOpenAIServer([{ text: 'first' }, { text: 'second' }], {
      encryptedReasoning: false,
    });
    const m = model(server);
    const first = await m.turn(request(ask));
    expect(first.text).toBe('first');
    // Refused once (400), retried once without `include`; the next turn does not ask again.
    expect(server.requests.map((r) => [r.status, r.body.include])).toEqual([
      [400, ['reasoning.encrypted_content']],
      [200, undefined],
    ]);
    await m.turn(request(ask));
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]!.body.include).toBeUndefined();
  });

  it('drops reasoning the endpoint cannot verify instead of failing the turn', async () => {
    server = await startOpenAIServer([{ text: 'recovered' }]);
    const forged: ConversationItem = {
      type: 'reasoning',
      encryptedContent: 'enc_from_another_model',
      summary: [],
    };
    const res = await model(server).turn(request([...ask, forged]));
    expect(res.text).toBe('recovered');
    expect(server.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(
      (server.requests[1]!.body.input as { type: string }[]).some((i) => i.type === 'reasoning'),
    ).toBe(false);
  });

  it('leaves Chat Completions untouched: no include, reasoning items never sent', async () => {
    server = await startOpenAIServer([{ text: 'ok' }]);
    const item: ConversationItem = { type: 'reasoning', encryptedContent: 'enc_x', summary: ['s'] };
    await model(server, 'chat').turn(request([...ask, item]));
    const body = server.requests[0]!.body;
    expect(body.include).toBeUndefined();
    expect(body.messages).toEqual([
      { role: 'system', content: 'You pursue goals.' },
      { role: 'user', content: 'Fix the tests.' },
    ]);
  });
});
