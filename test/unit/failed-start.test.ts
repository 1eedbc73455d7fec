// How a failure before the loop is worded for the status comment (src/action/failed-start.ts):
// what went wrong, what to do, and whether a re-run can fix it (the cause).
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/action/failed-start.js';
import { ConfigError } from '../../src/config/errors.js';
import { requireApiKey } from '../../src/config/inputs.js';
import { SandboxUnavailableError } from '../../src/sandbox/index.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('describeFailure', () => {
  it('a missing API key says which input and how to pass the secret, then /goal resume', () => {
    const f = describeFailure(thrown(() => requireApiKey({ openaiApiKey: '' })));
    expect(f.cause).toBe('config');
    expect(f.error).toContain('openai-api-key');
    expect(f.action).toContain('secrets.OPENAI_API_KEY');
    expect(f.action).toContain('/goal resume');
  });

  it('another bad input names the key to fix', () => {
    const f = describeFailure(
      new ConfigError('max-run-minutes', '`max-run-minutes` must be a whole number of minutes.'),
    );
    expect(f).toMatchObject({ cause: 'config', error: expect.stringContaining('max-run-minutes') });
    expect(f.action).toContain('`max-run-minutes`');
  });

  it('a strict sandbox the runner cannot give keeps its own reason and points at the input', () => {
    const f = describeFailure(
      new SandboxUnavailableError(
        'sandbox: strict, but this runner cannot give the full boundary: no user namespaces.',
      ),
    );
    expect(f.cause).toBe('config');
    expect(f.error).toContain('no user namespaces');
    expect(f.action).toContain('`sandbox`');
  });

  it('anything else is a start-up failure a re-run may fix', () => {
    const f = describeFailure(new Error('git fetch failed: connection reset'));
    expect(f.cause).toBe('start-up');
    expect(f.error).toContain('connection reset');
    expect(f.action).toMatch(/re-run/i);
  });
});
