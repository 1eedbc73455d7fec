// Tamper rules: changes that would make verifiers pass without the goal being met (deleting or
// skipping tests, lowering thresholds, editing what the verifier runs). Compares the checkpoint
// with the base. Pure (the engine calls it): file contents arrive in the FileChanges.
//
// Counts are compared only where the text on both sides is known; a missing `before`/`after`
// means "not read", never "empty".

import type { FileChange } from '../engine/index.js';
import type { TamperFinding, VerifierResult, VerifierSpec } from '../engine/index.js';
import { matchesGlob } from './glob.js';
import {
  FOCUS_MARKERS,
  SKIP_MARKERS,
  countAssertions,
  countTests,
  extractThresholds,
  isCiPath,
  isSnapshotPath,
  isTestFile,
  isThresholdConfigPath,
  markerLines,
  weakenedThresholds,
} from './tamper-files.js';
import { minus, quoted } from './tamper-text.js';
import { vacuousRules } from './tamper-vacuous.js';
import { verifierEditedFindings } from './tamper-verifier.js';

export { isTamperRelevant } from './tamper-files.js';

export const TAMPER_RULES = [
  {
    id: 'test-deleted',
    description: 'A test file was deleted or renamed so the runner no longer finds it.',
  },
  { id: 'test-emptied', description: 'A test file that had tests has none left.' },
  { id: 'test-skipped', description: 'A skip/todo/ignore marker was added to a test.' },
  {
    id: 'test-focused',
    description: 'A focus marker (.only, fit, fdescribe) was added, so other tests stop running.',
  },
  { id: 'fewer-tests', description: 'The test runner reported fewer tests than at baseline.' },
  { id: 'assertions-removed', description: 'Test files hold fewer assertions than at baseline.' },
  {
    id: 'assertion-vacuous',
    description:
      'An assertion that checks only constants was added (`assert.ok(true)`, `expect(1).toBe(1)`, `assert 1 == 1`).',
  },
  {
    id: 'expected-rewritten',
    description:
      'An assertion kept its call under test but its expected value was changed (to what the code returns).',
  },
  {
    id: 'assertion-disabled',
    description:
      'An assertion was put where it cannot fail the test (`try {} catch {}`, `if (false)`, `except: pass`).',
  },
  {
    id: 'test-body-emptied',
    description: 'A test that asserted something at baseline asserts nothing that can fail now.',
  },
  { id: 'threshold-lowered', description: 'A coverage or lint threshold was lowered or removed.' },
  {
    id: 'verifier-edited',
    description: 'A script, build file or package.json script a verifier runs was changed.',
  },
  { id: 'ci-edited', description: 'A CI configuration file was changed.' },
  {
    id: 'snapshot-rewritten',
    description: 'A snapshot file was deleted or more than half of it replaced.',
  },
  { id: 'protected-path', description: 'A file under a protected path was changed.' },
] as const satisfies readonly { id: string; description: string }[];

export type TamperRuleId = (typeof TAMPER_RULES)[number]['id'];

export interface TamperInput {
  changes: FileChange[];
  specs: VerifierSpec[];
  baseline?: VerifierResult[];
  latest?: VerifierResult[];
  /** Rule ids the contract allows. */
  allowed: string[];
  /** Globs (`.github/workflows/**`) no change may touch. */
  protectedPaths: string[];
  /**
   * `scripts` of the root package.json at base, when the caller read it. Lets verifier-edited
   * follow `npm test` to the script files it runs even when package.json itself is unchanged.
   */
  baseScripts?: Record<string, string>;
}

/** Enough findings to act on; the record stays bounded whatever the diff holds. */
const MAX_FINDINGS_PER_RULE = 20;
const pathsOf = (c: FileChange): string[] => (c.oldPath ? [c.path, c.oldPath] : [c.path]);
const wasTest = (c: FileChange): boolean => isTestFile(c.oldPath ?? c.path, c.before);
const isTest = (c: FileChange): boolean => isTestFile(c.path, c.after) || wasTest(c);
const edited = (c: FileChange): boolean => c.status === 'modified' || c.status === 'renamed';

type Rule = (input: TamperInput) => TamperFinding[];

const RULES: Record<TamperRuleId, Rule> = {
  'test-deleted': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      if (c.status === 'deleted' && wasTest(c)) {
        const n = c.before === undefined ? undefined : countTests(c.before);
        const had = n ? ` (it had ${n} test${n === 1 ? '' : 's'})` : '';
        return [
          { rule: 'test-deleted', path: c.path, detail: `${c.path}: test file deleted${had}` },
        ];
      }
      if (c.status === 'renamed' && c.oldPath && wasTest(c) && !isTestFile(c.path, c.after))
        return [
          {
            rule: 'test-deleted',
            path: c.oldPath,
            detail: `${c.oldPath}: renamed to ${c.path}, which the test runner no longer picks up`,
          },
        ];
      return [];
    }),

  'test-emptied': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      if (!edited(c) || !isTest(c) || c.before === undefined || c.after === undefined) return [];
      const before = countTests(c.before);
      if (before === 0 || countTests(c.after) > 0) return [];
      return [
        {
          rule: 'test-emptied',
          path: c.path,
          detail: `${c.path}: had ${before} test${before === 1 ? '' : 's'}, now has none`,
        },
      ];
    }),

  'test-skipped': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      // A brand-new test file may carry todos; only markers added to existing tests hide them.
      if (!edited(c) || !isTest(c) || c.before === undefined || c.after === undefined) return [];
      const added = minus(
        markerLines(c.after, c.path, SKIP_MARKERS),
        markerLines(c.before, c.oldPath ?? c.path, SKIP_MARKERS),
      );
      return added.length === 0
        ? []
        : [{ rule: 'test-skipped', path: c.path, detail: `${c.path}: ${quoted(added)} added` }];
    }),

  'test-focused': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      // .only in a new file counts too: some runners (mocha) then run nothing else.
      if (c.status === 'deleted' || !isTest(c) || c.after === undefined) return [];
      if (c.status !== 'added' && c.before === undefined) return [];
      const before =
        c.status === 'added' ? [] : markerLines(c.before ?? '', c.oldPath ?? c.path, FOCUS_MARKERS);
      const added = minus(markerLines(c.after, c.path, FOCUS_MARKERS), before);
      return added.length === 0
        ? []
        : [{ rule: 'test-focused', path: c.path, detail: `${c.path}: ${quoted(added)} added` }];
    }),

  'fewer-tests': ({ specs, baseline, latest }) =>
    specs.flatMap((spec): TamperFinding[] => {
      const before = baseline?.find((r) => r.name === spec.name)?.testCount;
      const now = latest?.find((r) => r.name === spec.name)?.testCount;
      if (before === undefined || now === undefined || now >= before) return [];
      return [
        {
          rule: 'fewer-tests',
          detail: `\`${spec.name}\` ran ${before} tests at baseline, now ${now}`,
        },
      ];
    }),

  'assertions-removed': ({ changes }) => {
    // Summed over the test files, so moving assertions between files is not a finding.
    let totalBefore = 0;
    let totalAfter = 0;
    const dropped: { path: string; before: number; after: number }[] = [];
    for (const c of changes) {
      if (c.status === 'deleted' || !isTest(c) || c.after === undefined) continue;
      if (c.status !== 'added' && c.before === undefined) continue;
      const before = c.status === 'added' ? 0 : countAssertions(c.before ?? '');
      const after = countAssertions(c.after);
      totalBefore += before;
      totalAfter += after;
      if (after < before) dropped.push({ path: c.path, before, after });
    }
    if (totalAfter >= totalBefore) return [];
    return dropped.map((d) => ({
      rule: 'assertions-removed',
      path: d.path,
      detail: `${d.path}: assertions went from ${d.before} to ${d.after} (all changed test files: ${totalBefore} → ${totalAfter})`,
    }));
  },

  'assertion-vacuous': ({ changes }) => vacuousRules['assertion-vacuous'](changes),
  'expected-rewritten': ({ changes }) => vacuousRules['expected-rewritten'](changes),
  'assertion-disabled': ({ changes }) => vacuousRules['assertion-disabled'](changes),
  'test-body-emptied': ({ changes }) => vacuousRules['test-body-emptied'](changes),

  'threshold-lowered': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      const oldPath = c.oldPath ?? c.path;
      if (!isThresholdConfigPath(oldPath) && !isThresholdConfigPath(c.path)) return [];
      if (c.before === undefined || (c.status !== 'deleted' && c.after === undefined)) return [];
      const before = extractThresholds(oldPath, c.before);
      const after = c.status === 'deleted' ? [] : extractThresholds(c.path, c.after ?? '');
      return weakenedThresholds(before, after).map((detail) => ({
        rule: 'threshold-lowered',
        path: c.path,
        detail: `${c.path}: ${detail}`,
      }));
    }),

  'verifier-edited': verifierEditedFindings,

  'ci-edited': ({ changes }) =>
    changes
      .filter((c) => pathsOf(c).some(isCiPath))
      .map((c) => ({
        rule: 'ci-edited',
        path: c.path,
        detail: `${c.path}: CI configuration ${c.status}`,
      })),

  'snapshot-rewritten': ({ changes }) =>
    changes.flatMap((c): TamperFinding[] => {
      const old = c.oldPath ?? c.path;
      if (!isSnapshotPath(old)) return [];
      if (c.status === 'deleted' || (c.status === 'renamed' && !isSnapshotPath(c.path)))
        return [
          {
            rule: 'snapshot-rewritten',
            path: old,
            detail: `${old}: snapshot file ${c.status === 'deleted' ? 'deleted' : `renamed to ${c.path}`}`,
          },
        ];
      if (c.before === undefined || c.after === undefined) return [];
      const lines = c.before.split(/\r?\n/).filter((l) => l.trim() !== '');
      const replaced = minus(lines, c.after.split(/\r?\n/)).length;
      if (lines.length === 0 || replaced * 2 <= lines.length) return [];
      return [
        {
          rule: 'snapshot-rewritten',
          path: c.path,
          detail: `${c.path}: ${replaced} of ${lines.length} snapshot lines replaced`,
        },
      ];
    }),

  'protected-path': ({ changes, protectedPaths }) =>
    changes.flatMap((c): TamperFinding[] => {
      for (const path of pathsOf(c)) {
        const glob = protectedPaths.find((g) => g.trim() !== '' && matchesGlob(path, g));
        if (glob)
          return [
            {
              rule: 'protected-path',
              path,
              detail: `${path}: protected (matches \`${glob}\`) but ${c.status}`,
            },
          ];
      }
      return [];
    }),
};

export function findTampering(input: TamperInput): TamperFinding[] {
  const allowed = new Set(input.allowed);
  return TAMPER_RULES.filter((rule) => !allowed.has(rule.id)).flatMap((rule) =>
    RULES[rule.id](input).slice(0, MAX_FINDINGS_PER_RULE),
  );
}
