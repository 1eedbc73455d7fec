// The baseline's tests are the oracle. When the agent changed test files that existed at the base,
// "every verifier passes" is not enough: the checkpoint is verified again with those files put back
// as they were, and the required verifiers must still pass. A test rewritten to what the buggy code
// returns, an emptied assertion or a narrowed input all fail here, whatever the textual tamper rules
// made of them. Only a contract that allows the rule (`allowed-changes: [baseline-tests-fail]`)
// skips it, and the report then says so at the top.

import type { FileChange } from './ports.js';
import type { TamperFinding, VerifierResult, VerifierSpec } from './types.js';
import { judge } from '../verify/judge.js';
import { isTestPath } from '../verify/tamper-files.js';

export const ORACLE_RULE = 'baseline-tests-fail';

/** Test files of the base that the change modified, deleted or moved away (their base paths). */
export function baselineTestPaths(changes: FileChange[]): string[] {
  const paths = changes
    .filter((c) => c.status !== 'added')
    .map((c) => (c.status === 'renamed' && c.oldPath ? c.oldPath : c.path))
    .filter((path) => isTestPath(path));
  return [...new Set(paths)].sort();
}

/** The finding when the required verifiers fail with the base's tests restored; null when they hold. */
export function oracleFinding(
  specs: VerifierSpec[],
  restored: VerifierResult[],
  baseline: VerifierResult[] | undefined,
  paths: string[],
): TamperFinding | null {
  const verdict = judge(specs, restored, baseline);
  if (verdict.requiredPassing >= verdict.requiredTotal) return null;
  const shown = paths.slice(0, 5).map((p) => `\`${p}\``);
  const more = paths.length > shown.length ? ` and ${paths.length - shown.length} more` : '';
  return {
    rule: ORACLE_RULE,
    ...(paths.length === 1 ? { path: paths[0]! } : {}),
    detail:
      `With the base's version of ${shown.join(', ')}${more} restored, the required verifiers fail ` +
      `(${verdict.unmet.join('; ')}): the checkpoint passes only with its own edits to those tests. ` +
      'Make the code pass the original tests (tests you add may stay).',
  };
}
