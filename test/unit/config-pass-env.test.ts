// `pass-env`, from the input and from .github/goal.yml: names only, validated, the Action's own
// credentials refused with a reason.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { parseGoalYml } from '../../src/config/goal-yml.js';
import { readInputs } from '../../src/config/inputs.js';
import { mergePassEnv, parsePassEnv } from '../../src/config/pass-env.js';

const inputs = (passEnv: string) =>
  readInputs((name) => (name === 'github-token' ? 't' : name === 'pass-env' ? passEnv : ''));

describe('pass-env', () => {
  it('is empty by default: nothing passes', () => {
    expect(inputs('').passEnv).toEqual([]);
    expect(parseGoalYml('verify: [npm test]\n').passEnv).toEqual([]);
  });

  it('reads names one per line or comma-separated, each once', () => {
    expect(inputs('DATABASE_URL\nDJANGO_SETTINGS_MODULE, PGPORT,DATABASE_URL\n').passEnv).toEqual([
      'DATABASE_URL',
      'DJANGO_SETTINGS_MODULE',
      'PGPORT',
    ]);
    expect(parseGoalYml('pass-env: [DATABASE_URL, REDIS_URL]\n').passEnv).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
    ]);
    expect(parseGoalYml('pass-env: DATABASE_URL\n').passEnv).toEqual(['DATABASE_URL']);
    expect(mergePassEnv(['A', 'B'], ['B', 'C'])).toEqual(['A', 'B', 'C']);
  });

  it('refuses what is not a variable name, saying how to write it', () => {
    expect(() => inputs('DATABASE_URL=postgres://x')).toThrow(ConfigError);
    expect(() => inputs('DATABASE_URL=postgres://x')).toThrow(
      /`pass-env` "DATABASE_URL=postgres:\/\/x" is not an environment variable name.*one variable name per line/,
    );
    expect(() => parseGoalYml('pass-env: ["1ABC"]\n')).toThrow(
      /pass-env.*not an environment variable name/,
    );
  });

  it("refuses the Action's and the runner's credentials", () => {
    for (const name of [
      'GITHUB_TOKEN',
      'INPUT_OPENAI-API-KEY',
      'INPUT_GITHUB_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'OPENAI_API_KEY',
    ])
      expect(parsePassEnv(name).ok, name).toBe(false);
    expect(() => inputs('GITHUB_TOKEN')).toThrow(/credentials/);
  });

  it('bounds the list', () => {
    const many = Array.from({ length: 51 }, (_, i) => `V${i}`).join('\n');
    expect(parsePassEnv(many)).toMatchObject({ ok: false });
  });
});
