// What a checkpoint's `goal-action` check says: conclusion, table, facts and annotations.
import { describe, expect, it } from 'vitest';
import { annotationsFrom, checkpointEvidence } from '../../src/action/checkpoint-evidence.js';
import type { VerifierResult } from '../../src/engine/types.js';
import { pursuingRecord } from './report-fixtures.js';

const result = (over: Partial<VerifierResult>): VerifierResult => ({
  name: 'test',
  passed: true,
  exitCode: 0,
  timedOut: false,
  durationMs: 1200,
  outputTail: '',
  attempts: 1,
  flaky: false,
  ...over,
});

describe('checkpoint evidence', () => {
  it('fails when a required verifier fails, with the table, facts and annotations', () => {
    const record = pursuingRecord();
    const name = record.contract.verification[0]!.name;
    const e = checkpointEvidence({
      record,
      checkpoint: { sha: 'c'.repeat(40), iteration: 3, at: '', summary: '' },
      results: [
        result({
          name,
          passed: false,
          exitCode: 1,
          outputTail:
            "FAIL /tmp/sandbox/tree-1/test/cart.test.js:14:5 expected 3\n  at node_modules/x/y.js:1:1\n  at /etc/passwd.js:1\n  location: '/tmp/t/test/cart.test.js:9:1'",
        }),
      ],
      isFile: (p) =>
        ['test/cart.test.js', 'node_modules/x/y.js', 'etc/passwd.js'].includes(p) &&
        p !== 'etc/passwd.js',
      runUrl: 'https://github.com/o/r/actions/runs/1',
    });
    expect(e).toMatchObject({ name: 'goal-action', conclusion: 'failure', sha: 'c'.repeat(40) });
    expect(e.summary).toContain(`| ${name} | ❌ fail |`);
    expect(e.summary).toContain('iteration 3');
    expect(e.summary).toMatch(/tokens so far/);
    expect(e.annotations).toEqual([
      expect.objectContaining({ path: 'test/cart.test.js', line: 14 }),
      expect.objectContaining({ path: 'test/cart.test.js', line: 9 }),
    ]);
    expect(e.text).toContain('expected 3');
  });

  it('succeeds when every required verifier passes; neutral when not verified', () => {
    const record = pursuingRecord();
    const checkpoint = { sha: 'd'.repeat(40), iteration: 1, at: '', summary: '' };
    const results = record.contract.verification.map((s) => result({ name: s.name }));
    expect(checkpointEvidence({ record, checkpoint, results, isFile: () => true }).conclusion).toBe(
      'success',
    );
    expect(
      checkpointEvidence({ record, checkpoint, results: undefined, isFile: () => true }).conclusion,
    ).toBe('neutral');
  });

  it('reads Python and relative locations, once each', () => {
    const found = annotationsFrom(
      'File "tests/test_app.py", line 12, in test_x\nsrc/a.ts:3:1 error\nsrc/a.ts:3:1 error',
      (p) => p === 'tests/test_app.py' || p === 'src/a.ts',
      'pytest',
    );
    expect(found.map((a) => `${a.path}:${a.line}`)).toEqual(['tests/test_app.py:12', 'src/a.ts:3']);
  });
});
