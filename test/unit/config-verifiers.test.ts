// The `verify` input's lines and metric targets.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { buildContract, type ContractInput } from '../../src/config/contract.js';
import { parseGoalYml } from '../../src/config/goal-yml.js';
import {
  nameFromCommand,
  namedCheckSpec,
  parseMetricTarget,
  parseVerifierLines,
  splitNamedCommand,
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

describe('`name: command` wherever verifiers are given', () => {
  const repo = parseGoalYml('verify:\n  - name: unit\n    run: npm test\n');
  const contract = (over: Partial<ContractInput>) =>
    buildContract({
      objective: 'x',
      trustedVerify: true,
      commandVerify: [],
      inputVerify: [],
      repo: parseGoalYml(''),
      ...over,
    }).contract.verification.map((s) => [s.name, s.command, s.source]);

  it('splits a name from its command, and leaves a bare command or a URL alone', () => {
    expect(splitNamedCommand('lint: npm run lint')).toEqual({
      name: 'lint',
      command: 'npm run lint',
    });
    expect(splitNamedCommand('npm test')).toEqual({ command: 'npm test' });
    expect(splitNamedCommand('curl -f http://localhost:8080/health')).toEqual({
      command: 'curl -f http://localhost:8080/health',
    });
    expect(namedCheckSpec('bench: node bench.mjs', 'cli')).toMatchObject({
      name: 'bench',
      command: 'node bench.mjs',
      source: 'cli',
    });
  });

  it('in `/goal … --verify` and the CLI, which share the command path', () => {
    expect(
      contract({ commandVerify: ['unit: npm test', 'lint: npm run lint -- --max-warnings 0'] }),
    ).toEqual([
      ['unit', 'npm test', 'command'],
      ['lint', 'npm run lint -- --max-warnings 0', 'command'],
    ]);
  });

  it('in the `verify` input and .github/goal.yml, quoted or as a one-key mapping', () => {
    expect(parseVerifierLines('unit: npm test', 'input')[0]).toMatchObject({
      name: 'unit',
      command: 'npm test',
    });
    const yml = parseGoalYml(
      'verify:\n  - "unit: npm test"\n  - lint: npm run lint\n  - node check.mjs\n',
    );
    expect(yml.verify.map((s) => [s.name, s.command])).toEqual([
      ['unit', 'npm test'],
      ['lint', 'npm run lint'],
      ['node-check', 'node check.mjs'],
    ]);
  });

  it('in an issue form, where it selects the configured verifier of that name or command', () => {
    const body = '### Outcome\n\nFaster.\n\n### Verification\n\n`unit: npm test`\n';
    const built = buildContract({
      objective: '',
      issueTitle: 'Faster',
      issueBody: body,
      trustedVerify: false,
      commandVerify: [],
      inputVerify: [],
      repo,
    });
    expect(built.contract.verification.map((s) => [s.name, s.command, s.source])).toEqual([
      ['unit', 'npm test', 'config'],
    ]);
    expect(built.notes.join('\n')).not.toContain('Not executed');
  });
});
