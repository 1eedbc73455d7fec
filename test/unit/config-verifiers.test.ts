// The `verify` input's lines and metric targets.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import {
  nameFromCommand,
  parseMetricTarget,
  parseVerifierLines,
} from '../../src/config/verifiers.js';

describe('parseVerifierLines', () => {
  it('reads `name: command` and bare commands, skipping blanks and comments', () => {
    const specs = parseVerifierLines(
      'test: npm test\n\n# style\nnpm run lint\n- go test ./...\n',
      'input',
    );
    expect(specs.map((s) => [s.name, s.command])).toEqual([
      ['test', 'npm test'],
      ['lint', 'npm run lint'],
      ['go-test', 'go test ./...'],
    ]);
    expect(specs[0]).toEqual({
      name: 'test',
      command: 'npm test',
      timeoutSec: 600,
      kind: 'check',
      required: true,
      source: 'input',
    });
  });

  it('does not mistake colons inside commands for names', () => {
    const specs = parseVerifierLines('npm run test:unit\npython -c "print(\'a: b\')"', 'input');
    expect(specs.map((s) => s.command)).toEqual([
      'npm run test:unit',
      'python -c "print(\'a: b\')"',
    ]);
  });

  it('derives short, unique names', () => {
    expect(nameFromCommand('npm test')).toBe('test');
    expect(nameFromCommand('pnpm run build:prod')).toBe('build-prod');
    expect(nameFromCommand('CI=1 npx vitest run')).toBe('vitest-run');
    expect(nameFromCommand('node bench/parse.js --iterations 5')).toBe('node-parse');
    expect(nameFromCommand('pytest -q')).toBe('pytest');
    const specs = parseVerifierLines('node a.js\nnode a.js --fast\nnode-a: echo explicit', 'input');
    expect(specs.map((s) => s.name)).toEqual(['node-a-2', 'node-a-3', 'node-a']);
  });

  it('refuses two verifiers the user named alike, and a name without a command', () => {
    expect(() => parseVerifierLines('t: npm test\nt: npm run lint', 'input')).toThrow(
      /two verifiers are named "t"/,
    );
    expect(() => parseVerifierLines('t: npm test\nt: npm run lint', 'input')).toThrow(ConfigError);
  });
});

describe('parseMetricTarget', () => {
  it('reads absolute and relative targets', () => {
    expect(parseMetricTarget('< 120')).toEqual({ kind: 'absolute', op: '<', value: 120 });
    expect(parseMetricTarget('<=1.5')).toEqual({ kind: 'absolute', op: '<=', value: 1.5 });
    expect(parseMetricTarget('>= 0.9')).toEqual({ kind: 'absolute', op: '>=', value: 0.9 });
    expect(parseMetricTarget('== 0')).toEqual({ kind: 'absolute', op: '==', value: 0 });
    expect(parseMetricTarget('-30%')).toEqual({ kind: 'relative', percent: -30 });
    expect(parseMetricTarget('+10%')).toEqual({ kind: 'relative', percent: 10 });
  });

  it('explains what it expected', () => {
    expect(() => parseMetricTarget('30%')).toThrow(
      /write `-30%` to lower it or `\+30%` to raise it/,
    );
    expect(() => parseMetricTarget('fast')).toThrow(
      /expected `< 120`, `<= 1.5`, `>= 0.9`, `-30%` or `\+10%`/,
    );
    expect(() => parseMetricTarget('-100%')).toThrow(/between -100% and 0%/);
  });
});
