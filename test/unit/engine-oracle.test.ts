// The oracle's pure rules: which files are the base's tests, and when their verdict refuses.
import { describe, expect, it } from 'vitest';
import { baselineTestPaths, ORACLE_RULE, oracleFinding } from '../../src/engine/oracle.js';
import { result, spec } from './report-fixtures.js';

describe('baselineTestPaths', () => {
  it('takes modified, deleted and moved-away test files of the base, never added ones', () => {
    expect(
      baselineTestPaths([
        { path: 'test/cart.test.js', status: 'modified' },
        { path: 'test/old.test.js', status: 'deleted' },
        { path: 'test/new-place.test.js', oldPath: 'test/moved.test.js', status: 'renamed' },
        { path: 'test/added.test.js', status: 'added' },
        { path: 'src/cart.js', status: 'modified' },
      ]),
    ).toEqual(['test/cart.test.js', 'test/moved.test.js', 'test/old.test.js']);
  });
});

describe('oracleFinding', () => {
  const specs = [spec('test')];
  it('is a finding naming the restored files when a required verifier fails with them', () => {
    const finding = oracleFinding(specs, [result('test', false)], undefined, ['test/cart.test.js']);
    expect(finding?.rule).toBe(ORACLE_RULE);
    expect(finding?.path).toBe('test/cart.test.js');
    expect(finding?.detail).toContain("With the base's version of `test/cart.test.js` restored");
  });
  it('is nothing when the required verifiers still pass', () => {
    expect(oracleFinding(specs, [result('test', true)], undefined, ['test/cart.test.js'])).toBe(
      null,
    );
  });
});
