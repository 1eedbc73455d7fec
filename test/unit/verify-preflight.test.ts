// Verifiers must be able to run: which baseline results mean "the command could not start", and
// the refusal that names them. The end-to-end cases run real commands in
// test/scenarios/unrunnable.test.ts and the built Action in test/e2e/evidence-commands.test.ts.
import { describe, expect, it } from 'vitest';
import { NO_VERIFIER, cannotStart, unrunnableVerifiers } from '../../src/engine/preflight.js';
import type { VerifierResult, VerifierSpec } from '../../src/engine/types.js';

const result = (exitCode: number, outputTail: string, passed = false): VerifierResult => ({
  name: 'test',
  passed,
  exitCode,
  timedOut: false,
  durationMs: 5,
  outputTail,
  attempts: 1,
  flaky: false,
});
const spec = (name: string, command: string): VerifierSpec => ({
  name,
  command,
  timeoutSec: 60,
  kind: 'check',
  required: true,
  source: 'input',
});

describe('a verifier that cannot start', () => {
  it.each([
    [127, 'sh: 1: tset: not found', 'sh: 1: tset: not found'],
    [127, 'bash: pytets: command not found', 'bash: pytets: command not found'],
    [127, '', 'exit 127: the shell did not find the command'],
    [126, 'sh: 1: ./check.sh: Permission denied', 'sh: 1: ./check.sh: Permission denied'],
    [
      1,
      'npm error Missing script: "tset"\nnpm error To see a list of scripts, run:',
      'npm error Missing script: "tset"',
    ],
    [1, ' ERR_PNPM_NO_SCRIPT  Missing script: tset', 'ERR_PNPM_NO_SCRIPT  Missing script: tset'],
    [1, 'error Command "tset" not found.', 'error Command "tset" not found.'],
    [1, '/usr/bin/python3: No module named pytset', '/usr/bin/python3: No module named pytset'],
  ])('exit %i with %j', (code, output, why) => {
    expect(cannotStart(result(code, output))).toBe(why);
  });

  it('is not a verifier that ran and failed, timed out, or passed', () => {
    expect(
      cannotStart(result(1, 'not ok 2 - total multiplies by quantity\n# fail 1')),
    ).toBeUndefined();
    expect(cannotStart(result(1, 'AssertionError: expected 3 to equal 7'))).toBeUndefined();
    expect(cannotStart({ ...result(137, ''), timedOut: true })).toBeUndefined();
    expect(cannotStart(result(0, 'command not found in the fixture text', true))).toBeUndefined();
  });

  it('stops the goal naming each one, its command and why, and says how to continue', () => {
    const refusal = unrunnableVerifiers(
      [spec('test', 'npm run tset'), spec('lint', 'npm run lint')],
      [
        { ...result(1, 'npm error Missing script: "tset"'), name: 'test' },
        { ...result(1, 'src/a.js: 2 problems'), name: 'lint' },
      ],
    );
    expect(refusal).toEqual({
      kind: 'failed',
      error:
        'A verifier could not start at the baseline, before any edit — `test` (`npm run tset`): npm error Missing script: "tset"; no model call was made',
      action:
        'Fix its command in the `verify` input or `.github/goal.yml` (or add the missing script or tool on the default branch), then start over with `/goal clear` and `/goal <objective>`',
      // A configuration mistake: a re-run alone cannot get past it.
      cause: 'config',
    });
    expect(
      unrunnableVerifiers([spec('lint', 'npm run lint')], [{ ...result(1, 'x'), name: 'lint' }]),
    ).toBeNull();
  });

  it('a goal with no verifier is refused with where to add one', () => {
    expect(NO_VERIFIER.kind).toBe('failed');
    expect(JSON.stringify(NO_VERIFIER)).toContain('--verify \\"npm test\\"');
  });
});
