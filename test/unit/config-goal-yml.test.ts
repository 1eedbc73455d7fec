// `.github/goal.yml`: what a valid file gives, and what an invalid one tells its editor.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { EMPTY_REPO_CONFIG, parseGoalYml } from '../../src/config/goal-yml.js';

function ymlError(text: string): string {
  try {
    parseGoalYml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parsed');
}

const FULL = `
verify:
  - npm test
  - name: bench
    run: node bench.js
    timeout: 10m
    required: false
    metric: { pattern: 'time: ([0-9.]+) ms', target: '-30%' }
  - { run: npm run lint, timeout: 90 }
budget: "2M tokens, $5, 3h"
max-budget: "20M tokens, $50"
protected-paths: [".github/workflows/**", "migrations/**"]
allowed-changes: [snapshot-rewritten]
flake-reruns: 3
stall-iterations: 5
confirm-contract: true
context-window: 128000
prices: { "my-model": { input: 1.0, cached-input: 0.1, output: 4.0 }, cheap: { input: 0.5, output: 1 } }
constraints: The public API keeps its signatures.
boundaries: [No new dependencies.]
iteration-policy: Fix one failing test at a time.
blocked-condition: A migration would be needed.
pass-env: [DATABASE_URL, DJANGO_SETTINGS_MODULE]
`;

describe('parseGoalYml', () => {
  it('reads every key', () => {
    expect(parseGoalYml(FULL)).toEqual({
      verify: [
        {
          name: 'test',
          command: 'npm test',
          timeoutSec: 600,
          kind: 'check',
          required: true,
          source: 'config',
        },
        {
          name: 'bench',
          command: 'node bench.js',
          timeoutSec: 600,
          kind: 'metric',
          required: false,
          pattern: 'time: ([0-9.]+) ms',
          target: { kind: 'relative', percent: -30 },
          source: 'config',
        },
        {
          name: 'lint',
          command: 'npm run lint',
          timeoutSec: 90,
          kind: 'check',
          required: true,
          source: 'config',
        },
      ],
      budget: { tokens: 2_000_000, usd: 5, timeSec: 10_800 },
      maxBudget: { tokens: 20_000_000, usd: 50 },
      protectedPaths: ['.github/workflows/**', 'migrations/**'],
      allowedChanges: ['snapshot-rewritten'],
      flakeReruns: 3,
      stallIterations: 5,
      confirmContract: true,
      contextWindow: 128_000,
      prices: {
        'my-model': { input: 1, cachedInput: 0.1, output: 4 },
        // No cached price: no discount assumed.
        cheap: { input: 0.5, cachedInput: 0.5, output: 1 },
      },
      constraints: ['The public API keeps its signatures.'],
      boundaries: ['No new dependencies.'],
      iterationPolicy: 'Fix one failing test at a time.',
      blockedCondition: 'A migration would be needed.',
      passEnv: ['DATABASE_URL', 'DJANGO_SETTINGS_MODULE'],
    });
  });

  it('an empty file, a comment-only file and `verify:` with nothing give the defaults', () => {
    expect(parseGoalYml('')).toEqual(EMPTY_REPO_CONFIG);
    expect(parseGoalYml('# nothing yet\n')).toEqual(EMPTY_REPO_CONFIG);
    expect(parseGoalYml('verify:\n')).toEqual(EMPTY_REPO_CONFIG);
  });

  it('names the key path and the expected form', () => {
    expect(ymlError('verify:\n  - npm test\n  - run: x\n    timeout: soon\n')).toBe(
      '`.github/goal.yml`: verify[1].timeout: expected a duration like 10m, or seconds as a number',
    );
    expect(ymlError('verify:\n  - name: t\n')).toContain(
      'verify[0].run: expected the command to run',
    );
    expect(ymlError('verify:\n  - 42\n')).toContain(
      'verify[0]: expected a command string, or a mapping with `run:`',
    );
    expect(ymlError('verify: npm test\n')).toContain('verify: expected a list of verifiers');
    expect(
      ymlError('verify:\n  - run: x\n    metric: { pattern: "no group", target: "-30%" }\n'),
    ).toContain(
      'verify[0].metric.pattern: expected a valid regular expression with one capture group',
    );
    expect(
      ymlError('verify:\n  - run: x\n    metric: { pattern: "(\\\\d+)", target: "30%" }\n'),
    ).toContain('verify[0].metric.target: "30%" is not a target');
    expect(ymlError('budget: lots\n')).toContain(
      '`.github/goal.yml`: budget: "lots" is not an amount',
    );
    expect(ymlError('max-budget: 40\n')).toContain('max-budget: expected a budget like');
    expect(ymlError('flake-reruns: many\n')).toContain(
      'flake-reruns: expected how often a failing verifier is re-run',
    );
    expect(ymlError('stall-iterations: 0\n')).toContain('a whole number from 1 to 100');
    expect(ymlError('confirm-contract: yes\n')).toContain(
      'confirm-contract: expected true or false',
    );
    expect(ymlError('prices: { m: { input: 1 } }\n')).toContain(
      'prices.m.output: expected USD per 1M output tokens',
    );
    expect(ymlError('allowed-changes: [Snapshot Rewritten]\n')).toContain(
      'allowed-changes[0]: expected a tamper rule id',
    );
  });

  it('names unknown keys and lists the known ones', () => {
    const message = ymlError('protected_paths: [x]\n');
    expect(message).toContain('unknown key `protected_paths`');
    expect(message).toContain('protected-paths');
    expect(ymlError('verify:\n  - command: npm test\n')).toContain(
      'verify[0]: unknown key `command`',
    );
  });

  it('reports invalid YAML with its line, and a file that is not a mapping', () => {
    expect(ymlError('verify:\n  - npm test\n budget: [\n')).toMatch(
      /^`\.github\/goal\.yml` is not valid YAML \(line \d+\)/,
    );
    expect(ymlError('budget: 1\nbudget: 2\n')).toContain('is not valid YAML');
    expect(ymlError('- npm test\n')).toContain('expected a mapping of settings');
  });

  it('refuses two verifiers with the same name', () => {
    expect(ymlError('verify:\n  - { name: t, run: a }\n  - { name: t, run: b }\n')).toContain(
      'two verifiers are named "t"',
    );
  });
});
