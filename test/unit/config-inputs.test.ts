// The Action's inputs as the runner passes them: action.yml's defaults give a working, finite
// configuration, and a bad value names the input and the form it expects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, INPUT_DEFAULTS, readInputs, requireApiKey } from '../../src/config/inputs.js';

const actionYml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};

/** What the runner passes: action.yml's defaults, `${{ github.token }}` resolved, then overrides. */
function runnerInputs(overrides: Record<string, string> = {}): (name: string) => string {
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(actionYml.inputs)) values[name] = input.default ?? '';
  values['github-token'] = 'ghs_faketoken';
  Object.assign(values, overrides);
  return (name) => values[name] ?? '';
}

function inputError(overrides: Record<string, string>): ConfigError {
  try {
    readInputs(runnerInputs(overrides));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('no error');
}

describe('readInputs', () => {
  it("gives a finite configuration from action.yml's defaults", () => {
    const cfg = readInputs(runnerInputs());
    expect(cfg).toEqual({
      openaiApiKey: '',
      model: 'gpt-5.1-codex',
      api: 'responses',
      githubToken: 'ghs_faketoken',
      verify: [],
      budget: { tokens: 2_000_000, usd: 10, timeSec: 5 * 3600, iterations: 60 },
      maxBudget: { tokens: 20_000_000, usd: 100, timeSec: 48 * 3600, iterations: 500 },
      triggerLabel: 'goal-ready',
      allowedBots: [],
      confirmContract: false,
      maxRunMinutes: 330,
      agentUser: 'auto',
      mode: 'auto',
      sandbox: 'auto',
      network: 'on',
      passEnv: [],
    });
    for (const value of [...Object.values(cfg.budget), ...Object.values(cfg.maxBudget)]) {
      expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('has the same defaults as action.yml and reads every input it declares', () => {
    const asked = new Set<string>();
    readInputs((name) => {
      asked.add(name);
      return runnerInputs()(name);
    });
    for (const [name, input] of Object.entries(actionYml.inputs)) {
      expect(asked.has(name), `input ${name} is read`).toBe(true);
      if (name !== 'github-token') expect(INPUT_DEFAULTS[name], name).toBe(input.default ?? '');
    }
    expect(asked.has('mode')).toBe(true);
  });

  it('falls back to the defaults when called without a runner (empty inputs)', () => {
    const cfg = readInputs((name) => (name === 'github-token' ? 't' : ''));
    expect(cfg.budget.tokens).toBe(2_000_000);
    expect(cfg.triggerLabel).toBe('goal-ready');
  });

  it('reads set values', () => {
    const cfg = readInputs(
      runnerInputs({
        'openai-api-key': ' sk-test ',
        'base-url': 'http://127.0.0.1:8080/v1/',
        api: 'Chat',
        verify: 'test: npm test\nnpm run lint',
        budget: '$5',
        'allowed-bots': 'renovate[bot], @dependabot[bot]\nmy-bot',
        'confirm-contract': 'True',
        'max-run-minutes': '120',
        'agent-user': 'none',
        mode: 'route',
      }),
    );
    expect(cfg.openaiApiKey).toBe('sk-test');
    expect(cfg.baseUrl).toBe('http://127.0.0.1:8080/v1');
    expect(cfg.api).toBe('chat');
    expect(cfg.verify.map((v) => [v.name, v.source])).toEqual([
      ['test', 'input'],
      ['lint', 'input'],
    ]);
    // Dimensions the budget leaves out keep their defaults.
    expect(cfg.budget).toEqual({ tokens: 2_000_000, usd: 5, timeSec: 5 * 3600, iterations: 60 });
    expect(cfg.allowedBots).toEqual(['renovate[bot]', 'dependabot[bot]', 'my-bot']);
    expect(cfg.confirmContract).toBe(true);
    expect(cfg.maxRunMinutes).toBe(120);
    expect(cfg.agentUser).toBe('none');
    expect(cfg.mode).toBe('route');
  });

  it('keeps the default budget under the ceiling', () => {
    const cfg = readInputs(runnerInputs({ 'max-budget': '$3' }));
    expect(cfg.budget.usd).toBe(3);
    expect(cfg.maxBudget.usd).toBe(3);
  });

  it('is frozen, deeply', () => {
    const cfg = readInputs(runnerInputs({ verify: 'npm test' }));
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.budget)).toBe(true);
    expect(Object.isFrozen(cfg.verify[0])).toBe(true);
  });

  it('names the input and the expected form for bad values', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ api: 'grpc' }, 'api', 'must be one of `responses`, `chat` (got "grpc")'],
      [{ 'base-url': 'localhost:8080' }, 'base-url', 'must be an http(s) URL'],
      [{ budget: 'lots' }, 'budget', '"lots" is not an amount'],
      [{ budget: 'unlimited' }, 'budget', 'always finite'],
      [{ 'max-budget': '40' }, 'max-budget', '"40" has no unit'],
      [{ 'confirm-contract': 'yes' }, 'confirm-contract', 'must be `true` or `false` (got "yes")'],
      [{ 'max-run-minutes': '5h' }, 'max-run-minutes', 'whole number of minutes'],
      [{ 'max-run-minutes': '0' }, 'max-run-minutes', 'above zero'],
      [{ 'agent-user': 'Bad User' }, 'agent-user', '`auto`, `none` or a Unix user name'],
      [{ mode: 'loop' }, 'mode', '`auto`, `route`, `pursue`'],
      [{ verify: 't: a\nt: b' }, 'verify', 'two verifiers are named "t"'],
      [{ 'github-token': ' ' }, 'github-token', 'is empty'],
    ];
    for (const [overrides, key, text] of cases) {
      const error = inputError(overrides);
      expect(error.key, JSON.stringify(overrides)).toBe(key);
      expect(error.message).toContain(`\`${key}\``);
      expect(error.message).toContain(text);
    }
  });
});

describe('requireApiKey', () => {
  it('returns the key, or says how to add it', () => {
    expect(requireApiKey({ openaiApiKey: 'sk-1' })).toBe('sk-1');
    const cfg = readInputs(runnerInputs());
    expect(() => requireApiKey(cfg)).toThrow(ConfigError);
    expect(() => requireApiKey(cfg)).toThrow('openai-api-key: ${{ secrets.OPENAI_API_KEY }}');
  });
});
