// The CLI's "does the model endpoint answer?" check, through the real openai SDK against real HTTP
// servers on loopback: each way an endpoint can answer gets its own message and exit code.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../src/cli/endpoint-check.js';
import { CliError, EXIT } from '../../src/cli/errors.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
});

/** A server that answers every request with `status` and `body`; counts what it was asked. */
async function endpoint(status: number, body: unknown, opts: { hang?: boolean } = {}) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (opts.hang) return; // never answers
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '1' });
    res.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

async function failure(p: Promise<unknown>): Promise<CliError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CliError);
  return err as CliError;
}

const models = (...ids: string[]) => ({
  object: 'list',
  data: ids.map((id) => ({ id, object: 'model' })),
});

describe('checkEndpoint', () => {
  it('a listed model: no note, one GET /models', async () => {
    const e = await endpoint(200, models('gpt-a', 'gpt-b'));
    expect(await checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'gpt-b' })).toBe('');
    expect(e.seen).toEqual(['GET /v1/models']);
  });

  it('a model the endpoint does not list: a note naming what it lists, not a refusal', async () => {
    const e = await endpoint(200, models('gpt-a', 'gpt-b'));
    const note = await checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'gpt-z' });
    expect(note).toContain('does not list the model "gpt-z"');
    expect(note).toContain('gpt-a, gpt-b');
    expect(note).toContain('--model');
  });

  it('an endpoint without a model list (404) counts as answering', async () => {
    const e = await endpoint(404, { error: { message: 'no route' } });
    expect(await checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'm' })).toBe('');
  });

  it('a refused key: says to set OPENAI_API_KEY, exit 1', async () => {
    const e = await endpoint(401, {
      error: { message: 'Incorrect API key provided', code: 'invalid_api_key' },
    });
    const err = await failure(checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'm' }));
    expect(err.message).toContain('refused the API key');
    expect(err.message).toContain('Incorrect API key provided');
    expect(err.message).toContain('OPENAI_API_KEY');
    expect(err.exitCode).toBe(EXIT.error);
  });

  it('no quota left: its own exit code', async () => {
    const e = await endpoint(429, {
      error: {
        message: 'You exceeded your current quota',
        code: 'insufficient_quota',
        type: 'insufficient_quota',
      },
    });
    const err = await failure(checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'm' }));
    expect(err.message).toContain('no quota left');
    expect(err.exitCode).toBe(EXIT.quota);
    expect(e.seen, 'an exhausted quota is not retried').toHaveLength(1);
  });

  it('a failing server: retried once, then "try again later"', async () => {
    const e = await endpoint(503, { error: { message: 'overloaded' } });
    const err = await failure(checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'm' }));
    expect(err.message).toContain('is failing');
    expect(err.message).toContain('Try again later');
    expect(e.seen).toHaveLength(2);
  });

  it('a base URL that is not http(s) is refused before any request', async () => {
    for (const baseURL of ['foo', 'ftp://example.com/v1']) {
      const err = await failure(checkEndpoint({ apiKey: 'k', baseURL, model: 'm' }));
      expect(err.message).toContain('$OPENAI_BASE_URL');
    }
  });

  it('an endpoint that never answers: bounded by the timeout, says what to check', async () => {
    const e = await endpoint(200, {}, { hang: true });
    const err = await failure(
      checkEndpoint({ apiKey: 'k', baseURL: e.baseURL, model: 'm', timeoutMs: 200 }),
    );
    expect(err.message).toContain('did not answer within 0.2 s');
    expect(err.message).toContain('--base-url');
  });
});
