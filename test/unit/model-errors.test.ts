// How the adapters fail, through the real SDK against the scripted server: which errors are
// retried (by the SDK, the only retry layer), which fail at once, and what the engine is told.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError, type ModelRequest } from '../../src/engine/ports.js';
import { createModel, type ModelOptions } from '../../src/model/index.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';

const req: ModelRequest = {
  instructions: 'You pursue goals.',
  input: [{ type: 'message', role: 'user', content: 'Fix the build.' }],
  tools: [],
  maxOutputTokens: 1000,
};

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer([]);
});
afterAll(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelError);
  return err as ModelError;
}

describe.each(['responses', 'chat'] as const)('%s API', (api) => {
  const model = (opts: Partial<ModelOptions> = {}) =>
    createModel({ api, apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-test', ...opts });
  const requestsDuring = async (run: () => Promise<unknown>) => {
    const before = server.requests.length;
    await run();
    return server.requests.length - before;
  };

  it('retries a server error and returns the answer that follows', async () => {
    server.setScript([{ error: { status: 500 } }, { text: 'recovered' }]);
    let text = '';
    const made = await requestsDuring(async () => {
      text = (await model().turn(req)).text;
    });
    expect(text).toBe('recovered');
    expect(made).toBe(2);
  });

  it('retries a rate limit (honouring retry-after) and returns the answer that follows', async () => {
    const rateLimited = {
      status: 429,
      code: 'rate_limit_exceeded',
      headers: { 'retry-after': '0' },
    };
    server.setScript([{ error: rateLimited }, { text: 'after the wait' }]);
    let text = '';
    const made = await requestsDuring(async () => {
      text = (await model().turn(req)).text;
    });
    expect(text).toBe('after the wait');
    expect(made).toBe(2);
  });

  it('reports rate-limit once the retries are spent', async () => {
    server.setScript(() => ({ error: { status: 429, code: 'rate_limit_exceeded' } }));
    let err: ModelError | undefined;
    const made = await requestsDuring(async () => {
      err = await failure(model({ maxRetries: 2 }).turn(req));
    });
    expect(err?.kind).toBe('rate-limit');
    expect(made).toBe(3);
  });

  it('fails an exhausted quota at once, without retrying', async () => {
    const quota = {
      status: 429,
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      message: 'You exceeded your current quota, please check your plan and billing details.',
    };
    server.setScript(() => ({ error: quota }));
    let err: ModelError | undefined;
    const made = await requestsDuring(async () => {
      err = await failure(model({ maxRetries: 3 }).turn(req));
    });
    expect(err?.kind).toBe('quota');
    expect(err?.message).toContain('exceeded your current quota');
    expect(made).toBe(1);
  });

  it('reports a rejected key as auth, pointing at the inputs to check', async () => {
    server.setScript([
      { error: { status: 401, code: 'invalid_api_key', message: 'Incorrect API key' } },
    ]);
    const err = await failure(model().turn(req));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('openai-api-key');
    expect(err.message).toContain('base-url');
  });

  it('reports an oversized request as context-length', async () => {
    const tooLong = {
      status: 400,
      code: 'context_length_exceeded',
      message: "This model's maximum context length is 128000 tokens.",
    };
    server.setScript([{ error: tooLong }]);
    expect((await failure(model().turn(req))).kind).toBe('context-length');
  });

  it('reports any other rejected request as bad-request', async () => {
    const unknownParam = { status: 400, code: 'unknown_parameter', message: 'Unknown parameter.' };
    server.setScript([{ error: unknownParam }]);
    const err = await failure(model().turn(req));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toContain('Unknown parameter.');
  });

  it('reports server after the retries on a failing endpoint are spent', async () => {
    server.setScript(() => ({ error: { status: 503 } }));
    let err: ModelError | undefined;
    const made = await requestsDuring(async () => {
      err = await failure(model({ maxRetries: 1 }).turn(req));
    });
    expect(err?.kind).toBe('server');
    expect(made).toBe(2);
  });

  it('reports timeout when the endpoint does not answer within timeoutMs', async () => {
    server.setScript([{ text: 'too late', stallMs: 3_000 }]);
    const err = await failure(model({ timeoutMs: 300, maxRetries: 0 }).turn(req));
    expect(err.kind).toBe('timeout');
  });

  it('reports timeout when a stream goes silent midway', async () => {
    server.setScript([{ text: 'a long answer that never finishes', streamStallMs: 3_000 }]);
    const err = await failure(model({ timeoutMs: 300, maxRetries: 0 }).turn(req));
    expect(err.kind).toBe('timeout');
  });

  it('surfaces an exhausted script as a server error naming it', async () => {
    server.setScript([]);
    let err: ModelError | undefined;
    const made = await requestsDuring(async () => {
      err = await failure(model().turn(req));
    });
    expect(err?.kind).toBe('server');
    expect(err?.message).toContain('script exhausted');
    expect(made).toBe(1);
  });
});

it('reports server when nothing listens at the base URL', async () => {
  const gone = await startOpenAIServer([]);
  await gone.close();
  const model = createModel({
    api: 'responses',
    apiKey: 'sk-test',
    baseURL: gone.baseURL,
    model: 'gpt-test',
    maxRetries: 0,
  });
  const err = await failure(model.turn(req));
  expect(err.kind).toBe('server');
  expect(err.message).toContain(gone.baseURL);
});

it('refuses an empty API key before any request, naming the input to set', () => {
  const make = () => createModel({ api: 'chat', apiKey: ' ', model: 'gpt-test' });
  expect(make).toThrow(ModelError);
  expect(make).toThrow('openai-api-key');
});
