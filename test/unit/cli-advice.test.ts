// The CLI rewrites the Action's advice into its own terms. Fed with the real messages of the model
// adapter and the engine, nothing that only makes sense on GitHub may survive: a reworded message
// upstream fails here instead of telling a terminal user to "check the base-url input".
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { ACTION_WORDS, cliTerms, isQuotaStop, localRecord } from '../../src/cli/advice.js';
import { modelErrorAction } from '../../src/engine/loop-support.js';
import { ModelError } from '../../src/engine/ports.js';
import { newGoalRecord } from '../../src/engine/record.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { createModel } from '../../src/model/index.js';
import { toModelError } from '../../src/model/errors.js';

const ctx = {
  api: 'responses' as const,
  model: 'gpt-x',
  baseURL: 'http://127.0.0.1:1/v1',
  timeoutMs: 1000,
  maxRetries: 2,
};

const sdkErrors: [string, unknown][] = [
  ['connection', new APIConnectionError({ message: 'Connection error.' })],
  ['timeout', new APIConnectionTimeoutError({ message: 'timed out' })],
  ['401', APIError.generate(401, { message: 'bad key' }, 'bad key', new Headers())],
  ['403', APIError.generate(403, { message: 'forbidden' }, 'forbidden', new Headers())],
  [
    'quota',
    APIError.generate(
      429,
      { message: 'quota', code: 'insufficient_quota', type: 'insufficient_quota' },
      'quota',
      new Headers(),
    ),
  ],
  [
    'context',
    APIError.generate(
      400,
      { message: 'maximum context length', code: 'context_length_exceeded' },
      'too long',
      new Headers(),
    ),
  ],
  ['429', APIError.generate(429, { message: 'slow down' }, 'slow down', new Headers())],
  ['408', APIError.generate(408, { message: 'late' }, 'late', new Headers())],
  ['500', APIError.generate(500, { message: 'boom' }, 'boom', new Headers())],
  ['404', APIError.generate(404, { message: 'no such model' }, 'no such model', new Headers())],
];

describe('cliTerms', () => {
  it.each(sdkErrors)(
    'the adapter’s %s message, and the engine’s action for it, read in CLI terms',
    (_, sdk) => {
      const err = toModelError(sdk, ctx);
      expect(err).toBeInstanceOf(ModelError);
      const model = err as ModelError;
      for (const text of [model.message, modelErrorAction(model)]) {
        const local = cliTerms(text);
        expect(local, `from: ${text}`).not.toMatch(ACTION_WORDS);
        expect(local).not.toMatch(/ {2}| \./);
      }
    },
  );

  it('names the CLI’s flags and variables where the Action names inputs', () => {
    const unreachable = cliTerms(
      (toModelError(new APIConnectionError({ message: 'x' }), ctx) as Error).message,
    );
    expect(unreachable).toContain('--base-url (or $OPENAI_BASE_URL)');
    const refused = cliTerms((toModelError(sdkErrors[2]![1], ctx) as Error).message);
    expect(refused).toContain('$OPENAI_API_KEY');
    const bad = cliTerms((toModelError(sdkErrors[9]![1], ctx) as Error).message);
    expect(bad).toContain('--model');
    expect(bad).toContain('--api responses|chat');
    expect(cliTerms('Fix the cause, then `/goal resume` (or re-run the workflow).')).toBe(
      'Fix the cause, then run goal-action resume.',
    );
  });

  it('the empty-key refusal of createModel reads in CLI terms too', () => {
    let message = '';
    try {
      createModel({ api: 'chat', apiKey: ' ', model: 'm' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toBe('');
    expect(cliTerms(message)).not.toMatch(ACTION_WORDS);
  });
});

describe('localRecord and isQuotaStop', () => {
  const base = (): GoalRecord =>
    newGoalRecord({
      id: 'local-1',
      title: 't',
      contract: {
        outcome: 't',
        verification: [],
        verificationNotes: [],
        constraints: [],
        boundaries: [],
        protectedPaths: [],
        iterationPolicy: '',
        blockedCondition: '',
        steering: [],
        allowedChanges: [],
      },
      budget: { tokens: 1000, usd: 1, timeSec: 60, iterations: 2 },
      branch: 'goal/t',
      baseRef: 'HEAD',
      now: new Date(0).toISOString(),
    });

  it('rewrites a failed goal’s error and action, and leaves the record itself alone', () => {
    const record = {
      ...base(),
      state: 'failed' as const,
      stopReason: {
        kind: 'failed' as const,
        error: 'Model call failed (server): Check the base-url input and that the endpoint is up.',
        action:
          'The provider was unavailable; `/goal resume` (or re-run the workflow) continues from the last checkpoint.',
      },
    };
    const local = localRecord(record);
    expect(local.stopReason).toEqual({
      kind: 'failed',
      error:
        'Model call failed (server): Check --base-url (or $OPENAI_BASE_URL) and that the endpoint is up.',
      action:
        'The provider was unavailable; goal-action resume continues from the last checkpoint.',
    });
    expect(record.stopReason.error).toContain('base-url input');
  });

  it('tells a provider quota stop from a budget stop', () => {
    const quota = {
      ...base(),
      state: 'budget-limited' as const,
      stopReason: { kind: 'budget-limited' as const, dimension: 'quota' as const, detail: 'x' },
    };
    const tokens = {
      ...quota,
      stopReason: { kind: 'budget-limited' as const, dimension: 'tokens' as const, detail: 'x' },
    };
    expect(isQuotaStop(quota)).toBe(true);
    expect(isQuotaStop(tokens)).toBe(false);
  });
});
