import { describe, expect, it } from 'vitest';
import { renderFinalReport } from '../../src/report/final.js';
import { renderPrBody } from '../../src/report/pr-body.js';
import {
  achievedMetricRecord,
  budgetLimitedRecord,
  pursuingRecord,
  tamperedRecord,
} from './report-fixtures.js';

const links = { commitUrl: (sha: string) => `https://github.com/o/r/commit/${sha}` };

describe('renderPrBody', () => {
  it('holds the six-part contract, the verifier table and the plan checklist', () => {
    const body = renderPrBody(pursuingRecord(), links);
    for (const part of [
      '**Outcome**',
      '**Verification**',
      '**Constraints**',
      '**Boundaries**',
      '**Iteration policy**',
      '**Blocked condition**',
    ])
      expect(body).toContain(part);
    expect(body).toContain('- **tests**: `npm test`');
    expect(body).toContain('never written: `.github/workflows/**`');
    expect(body).toContain('| tests | ✅ pass | 212 tests | fixed |');
    expect(body).toContain('## Plan (1 of 3 done)');
    expect(body).toContain('- [x] Normalise CRLF in the tokenizer');
  });

  it('refers to the issue while unfinished and closes it only when achieved', () => {
    expect(renderPrBody(pursuingRecord(), links)).toContain('\nRefs #12\n');
    expect(renderPrBody(budgetLimitedRecord(), links)).not.toContain('Closes #12');
    expect(renderPrBody(achievedMetricRecord(), links)).toContain('\nCloses #12\n');
    const local = pursuingRecord();
    delete local.number;
    expect(renderPrBody(local, links)).not.toMatch(/Refs #|Closes #/);
  });

  it("adds the harness report once the goal has stopped, then the agent's own summary", () => {
    expect(renderPrBody(pursuingRecord(), links)).not.toContain('## Report');
    const generated = renderPrBody(budgetLimitedRecord(), links);
    expect(generated).toContain('## Report');
    expect(generated).toContain('**Tried and abandoned**');
    const written = budgetLimitedRecord();
    written.report = 'Normalised endings in the tokenizer; util.ts still fails typecheck.';
    const body = renderPrBody(written, links);
    // The harness decides what is done; the agent's words follow, quoted, never in its place.
    expect(body).toContain('**Not done**');
    expect(body.indexOf('**Not done**')).toBeLessThan(body.indexOf("The agent's summary"));
    expect(body).toContain('> Normalised endings in the tokenizer;');
  });

  it('opens with the outcome and the report; the contract comes last, collapsed', () => {
    const body = renderPrBody(budgetLimitedRecord(), links);
    const order = ['**budget-limited**', '## Report', '## Budget', '<details><summary>Contract'];
    const at = order.map((s) => body.indexOf(s));
    expect(at.every((n) => n >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('puts tamper findings first, once', () => {
    const body = renderPrBody(tamperedRecord(), links);
    const warning = body.indexOf('Needs reviewer attention');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(body.indexOf('## Report'));
    expect(warning).toBeLessThan(body.indexOf('<summary>Contract'));
    expect(body.split('Needs reviewer attention')).toHaveLength(2);
  });

  it('stays within 60,000 characters', () => {
    const record = budgetLimitedRecord();
    record.report = 'x'.repeat(200_000);
    record.contract.constraints = Array.from({ length: 2_000 }, (_, i) =>
      `constraint ${i} `.repeat(5),
    );
    const body = renderPrBody(record, links);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body.split('\n')[0]).toContain('**budget-limited**');
  });

  it('lays out an achieved metric goal', () => {
    const record = achievedMetricRecord();
    record.report = 'Dropped moment.js and lazy-loaded the chart; bundle is 118 kB.';
    expect(renderPrBody(record, links)).toMatchInlineSnapshot(`
      "✅ **achieved**: Every required verifier passes on 3333333 after 4 iterations, and no tamper rule fired. Review the draft PR #13; it stays a draft until a person merges it.

      Closes #12

      ## Report

      | Contract part | Result |
      | --- | --- |
      | Outcome | ✅ achieved: bundle-kb 118 < 120 and tests pass on 3333333 |
      | Verification | all required pass on \`3333333\` |
      | Constraints | ✅ no verifier regressed against the baseline |
      | Boundaries | ✅ no tamper finding |
      | Iteration policy | 4 iterations, 3 checkpoints |
      | Blocked condition | not reached |

      **Approach**

      - Iteration 1: Normalise in the tokenizer rather than in every caller.

      **Tried and abandoned**

      - Iteration 2: Tried a regex split; reverted it, it broke Unicode line separators.

      **Evidence**

      | Verifier | Result | Value | vs baseline |
      | --- | --- | --- | --- |
      | tests | ✅ pass | 212 tests | unchanged |
      | bundle-kb | ✅ pass | 118; target < 120 | improved, 142 → 118 (−17%) |

      <sub>Verified after iteration 4 on 3333333.</sub>

      **Not done**

      _Nothing: every required verifier passes, no tamper rule fired and the plan is complete._

      **Cost**: 340k tokens, $0.42, 12m 34s, 4 iterations, 14 model calls over 1 run.

      \`\`\`mermaid
      ---
      config:
        themeVariables:
          xyChart:
            plotColorPalette: "#0969da, #cf222e"
      ---
      xychart-beta
          title "bundle-kb by iteration"
          x-axis "iteration" ["base", "1", "2", "3", "4"]
          y-axis "bundle-kb"
          line [142, 135, 127.5, 124, 118]
          line [120, 120, 120, 120, 120]
      \`\`\`

      <sub>🟦 measured \`bundle-kb\` · 🟥 target < 120 · latest 118</sub>

      <details open><summary>The agent's summary</summary>

      > Dropped moment.js and lazy-loaded the chart; bundle is 118 kB.

      </details>

      ## Budget

      | Budget | Used | Limit | % |
      | --- | --- | --- | --- |
      | Tokens | 340k | 2.0M | 17% |
      | Cost | $0.42 | $10.00 | 4% |
      | Time | 12m 34s | 5h | 4% |
      | Iterations | 4 | 60 | 7% |

      Prompt cache: 600k of 900k input tokens cached (67%), not billed as tokens.

      <details><summary>Contract</summary>

      **Outcome**

      > Bring the bundle below 120 kB.

      **Verification**

      - **tests**: \`npm test\`
      - **bundle-kb**: \`npm run size\` — target < 120

      **Constraints**

      - Public API of src/parser.ts stays the same

      **Boundaries**

      - src/**
      - test/**
      - never written: \`.github/workflows/**\`

      **Iteration policy**

      Smallest change that moves a failing verifier.

      **Blocked condition**

      A needed decision is outside the repository.

      </details>

      [Draft PR #13](https://github.com/o/r/pull/13) · [Last commit 3333333](https://github.com/o/r/commit/3333333aaaaaaabbbbbbbcccccccdddddddeeee)

      <sub>✅ Opened by goal-action for goal \`g-12-crlf\`. This PR stays a draft: a person reviews and decides.</sub>"
    `);
  });
});

describe('renderFinalReport', () => {
  it('says honestly what is not done and what was abandoned', () => {
    const report = renderFinalReport(tamperedRecord());
    expect(report).toContain('| Outcome | ❌ not achieved');
    expect(report).toContain('| Constraints | ❌ regressed: `lint` |');
    expect(report).toContain(
      '| Boundaries | ⚠️ 2 tamper findings (`test-deleted` and `assertion-weakened`) |',
    );
    expect(report).toContain('Iteration 2: Tried a regex split; reverted it');
    expect(report).toContain('Iteration 2: verifiers went from 2/3 to 1/3 (regex split)');
    // "Not done" is the judge's verdict and the tamper findings, not a re-derivation.
    expect(report.split('**Not done**').at(-1)).toContain(
      [
        '- `lint` failed (exit 1)',
        '- `typecheck` failed (exit 1): 1 failing test: src/util.ts(3,1)',
        '- tamper rule `test-deleted` on test/parser.test.ts: A test file present at base was deleted.',
      ].join('\n'),
    );
    expect(report).toContain(
      '- tamper rule `test-deleted` on test/parser.test.ts: A test file present at base was deleted.',
    );
    expect(report).toContain('- plan: Fix the pre-existing type error in util.ts (pending)');
    expect(report).toContain('**Flaky tests** (their passes are not trusted as evidence)');
    expect(report.indexOf('Needs reviewer attention')).toBeLessThan(
      report.indexOf('| Contract part'),
    );
  });

  it('reports an achieved goal with its evidence and cost', () => {
    expect(renderFinalReport(achievedMetricRecord())).toMatchInlineSnapshot(`
      "### ✅ Final report: achieved

      Every required verifier passes on 3333333 after 4 iterations, and no tamper rule fired.

      | Contract part | Result |
      | --- | --- |
      | Outcome | ✅ achieved: bundle-kb 118 < 120 and tests pass on 3333333 |
      | Verification | all required pass on \`3333333\` |
      | Constraints | ✅ no verifier regressed against the baseline |
      | Boundaries | ✅ no tamper finding |
      | Iteration policy | 4 iterations, 3 checkpoints |
      | Blocked condition | not reached |

      **Approach**

      - Iteration 1: Normalise in the tokenizer rather than in every caller.

      **Tried and abandoned**

      - Iteration 2: Tried a regex split; reverted it, it broke Unicode line separators.

      **Evidence**

      | Verifier | Result | Value | vs baseline |
      | --- | --- | --- | --- |
      | tests | ✅ pass | 212 tests | unchanged |
      | bundle-kb | ✅ pass | 118; target < 120 | improved, 142 → 118 (−17%) |

      <sub>Verified after iteration 4 on 3333333.</sub>

      **Not done**

      _Nothing: every required verifier passes, no tamper rule fired and the plan is complete._

      **Cost**: 340k tokens, $0.42, 12m 34s, 4 iterations, 14 model calls over 1 run."
    `);
  });
});
