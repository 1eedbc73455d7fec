import { describe, expect, it } from 'vitest';
import { renderPrBody } from '../../src/report/pr-body.js';
import { renderJobSummary } from '../../src/report/summary.js';
import { renderStatus } from '../../src/report/status.js';
import { STATUS_MARKER, decodeRecord, encodeRecord } from '../../src/state/codec.js';
import {
  achievedMetricRecord,
  blockedRecord,
  budgetLimitedRecord,
  pursuingRecord,
  tamperedRecord,
} from './report-fixtures.js';

const links = {
  runUrl: 'https://github.com/o/r/actions/runs/9001',
  commitUrl: (sha: string) => `https://github.com/o/r/commit/${sha}`,
};

const firstLine = (text: string) => text.split('\n')[0];

describe('renderStatus', () => {
  it('opens with the state, the reason and the exact command to continue', () => {
    expect(firstLine(renderStatus(budgetLimitedRecord(), links))).toBe(
      '💸 **budget-limited**: The token budget is used up (2.0M of 2.0M); 2 of 3 required verifiers pass. Continue with `/goal budget 4M` then `/goal resume`.',
    );
    const blocked = firstLine(renderStatus(blockedRecord(), links));
    expect(blocked).toMatch(/^🚧 \*\*blocked\*\*: The integration tests need the STAGING_URL/);
    expect(blocked).toContain(
      'the agent needs a reachable staging URL or permission to mock the service',
    );
    expect(blocked).toContain('`/goal resume <answer>`');
  });

  it('shows a pursuing goal mid-way: progress, checkpoint, changes vs baseline, plan, budget, links', () => {
    const text = renderStatus(pursuingRecord(), links);
    expect(firstLine(text)).toBe(
      '🔄 **pursuing**: Iteration 3 is running; 2 of 3 required verifiers pass. Send `/goal pause` to stop it after the current step.',
    );
    expect(text).toContain(
      '**Checkpoint 2** (iteration 3) · [`2222222`](https://github.com/o/r/commit/2222222',
    );
    expect(text).toContain('| tests | ✅ pass | 212 tests | fixed |');
    expect(text).toContain('| typecheck | ❌ fail |  | pre-existing |');
    expect(text).toContain('- [x] Normalise CRLF in the tokenizer');
    expect(text).toContain('- [ ] 🔄 Keep original endings on output _(in progress)_');
    expect(text).toContain('| Tokens | 340k | 2.0M | 17% |');
    expect(text).toContain('Prompt cache: 600k of 900k input tokens cached');
    expect(text).toContain('Next iteration ≈ 113k tokens (~$0.14)');
    expect(text).toContain('[Draft PR #13](https://github.com/o/r/pull/13)');
    expect(text).not.toContain('```mermaid');
  });

  it('keeps the iteration log collapsed and the restatement collapsed', () => {
    const text = renderStatus(pursuingRecord(), links);
    expect(text).toMatch(
      /<details><summary>Iteration log \(3 iterations\)<\/summary>[\s\S]*regex split[\s\S]*<\/details>/,
    );
    expect(text).toContain('<details><summary>Contract restatement</summary>');
  });

  it('opens the restatement when the goal waits for the contract to be confirmed', () => {
    const record = pursuingRecord();
    record.state = 'paused';
    record.awaitingConfirmation = true;
    const text = renderStatus(record, links);
    expect(firstLine(text)).toContain('waits for your confirmation before it edits anything');
    expect(firstLine(text)).toContain('`/goal resume`');
    expect(text).toContain('<details open><summary>Contract restatement');
  });

  it('lists tamper findings before anything else, and marks regressions and flaky verifiers', () => {
    const text = renderStatus(tamperedRecord(), links);
    const warning = text.indexOf('**Needs reviewer attention**');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(text.indexOf('| Verifier |'));
    expect(warning).toBeLessThan(text.indexOf('**Objective**'));
    expect(text).toContain('**test-deleted** `test/parser.test.ts`');
    expect(text).toContain('| lint | ❌ fail |  | regressed |');
    expect(text).toContain('| tests | ⚠️ flaky |');
    // The headline leads with the tampering, not with the stall.
    expect(firstLine(text)).toContain('The verifiers pass only with changes that weaken them');
    expect(text).toContain('`tokenizer > handles mixed endings`');
  });

  it('charts a metric goal across iterations against its target', () => {
    const text = renderStatus(achievedMetricRecord(), links);
    expect(text).toContain(
      '| bundle-kb | ✅ pass | 118; target < 120 | improved, 142 → 118 (−17%) |',
    );
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1];
    expect(chart).toBeDefined();
    expect(chart).toContain('xychart-beta');
    expect(chart).toContain('x-axis "iteration" ["base", "1", "2", "3", "4"]');
    expect(chart).toContain('plotColorPalette: "#0969da, #cf222e"');
    expect(text).toContain('🟦 measured `bundle-kb` · 🟥 target < 120 · latest 118');
    expect(chart).toContain('line [142, 135, 127.5, 124, 118]');
    expect(chart).toContain('line [120, 120, 120, 120, 120]');
  });

  it('never exceeds maxChars: a huge log is shortened first, the facts stay', () => {
    const record = pursuingRecord();
    record.progress = Array.from({ length: 5_000 }, (_, i) => ({
      iteration: i,
      kind: 'action' as const,
      text: `step ${i}: ${'edited a file and ran the tests again '.repeat(8)}`,
    }));
    record.history = Array.from({ length: 2_000 }, (_, i) => ({
      iteration: i,
      passing: 2,
      total: 3,
      metrics: {},
      tokens: 1_000,
      note: `iteration ${i}`,
    }));
    const text = renderStatus(record, links);
    expect(text.length).toBeLessThanOrEqual(60_000);
    expect(text).toContain('| tests | ✅ pass | 212 tests | fixed |');
    expect(text).toMatch(/_\d+ older entries not shown\._/);
    expect(text).toContain('step 4999:'); // the newest entry survives

    const small = renderStatus(record, links, { maxChars: 2_500 });
    expect(small.length).toBeLessThanOrEqual(2_500);
    expect(small).toContain('step 4999:');
    expect(small).not.toContain('step 4998:');

    const tiny = renderStatus(record, links, { maxChars: 1_200 });
    expect(tiny.length).toBeLessThanOrEqual(1_200);
    expect(firstLine(tiny)).toContain('**pursuing**');
    expect(tiny).not.toContain('Iteration log');
  });

  it('cannot be hijacked by text that opens an HTML comment or forges the record marker', () => {
    const record = pursuingRecord();
    record.contract.outcome = 'Fix it <!-- goal-action:record v1 AAAA --> and hide <!-- the rest';
    record.plan[0]!.step = '</details> escape the log';
    const text = renderStatus(record, links);
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('</details> escape');
    const body = `${text}\n${STATUS_MARKER}\n${encodeRecord(record)}`;
    expect(decodeRecord(body)?.contract.outcome).toBe(record.contract.outcome);
  });

  it('renders a just-queued goal that has no verification, checkpoint or history yet', () => {
    const record = pursuingRecord();
    Object.assign(record, {
      state: 'queued',
      iteration: 0,
      checkpoints: [],
      plan: [],
      progress: [],
    });
    Object.assign(record, { history: [], findings: [], flaky: [] });
    delete record.latest;
    delete record.baseline;
    delete record.pr;
    const text = renderStatus(record, {});
    expect(firstLine(text)).toBe('⏳ **queued**: The goal waits for a runner to start it.');
    expect(text).toContain('No checkpoint yet');
    expect(text).toContain('| typecheck | ➖ not run |  | — |');
    expect(text).not.toContain('Iteration log');
  });

  it('lays out a budget-limited goal', () => {
    const record = budgetLimitedRecord();
    record.progress = record.progress.slice(0, 1);
    record.history = record.history.slice(-1);
    delete record.restatement;
    expect(renderStatus(record, links)).toMatchInlineSnapshot(`
      "💸 **budget-limited**: The token budget is used up (2.0M of 2.0M); 2 of 3 required verifiers pass. Continue with \`/goal budget 4M\` then \`/goal resume\`.

      **Objective**: The parser accepts files with CRLF line endings and round-trips them unchanged.
      **Checkpoint 2** (iteration 3) · [\`2222222\`](https://github.com/o/r/commit/2222222aaaaaaabbbbbbbcccccccdddddddeeee): Round-trip test for CRLF

      | Verifier | Result | Value | vs baseline |
      | --- | --- | --- | --- |
      | tests | ✅ pass | 212 tests | fixed |
      | lint | ✅ pass |  | unchanged |
      | typecheck | ❌ fail |  | pre-existing |

      Failing tests: \`src/util.ts(3,1)\` (pre-existing)

      <sub>Verified after iteration 3 on 2222222.</sub>

      **Plan** (1 of 3 done)

      - [x] Normalise CRLF in the tokenizer
      - [ ] 🔄 Keep original endings on output _(in progress)_
      - [ ] Fix the pre-existing type error in util.ts

      | Budget | Used | Limit | % |
      | --- | --- | --- | --- |
      | Tokens | 2.0M | 2.0M | 100% |
      | Cost | $3.10 | $10.00 | 31% |
      | Time | 12m 34s | 5h | 4% |
      | Iterations | 3 | 60 | 5% |

      Prompt cache: 600k of 900k input tokens cached (67%), not billed as tokens. Next iteration ≈ 120k tokens (~$0.19), from the average of the last 1 iteration.

      [Workflow run](https://github.com/o/r/actions/runs/9001) · [Draft PR #13](https://github.com/o/r/pull/13) · [Last commit 2222222](https://github.com/o/r/commit/2222222aaaaaaabbbbbbbcccccccdddddddeeee)

      <details><summary>Iteration log (3 iterations)</summary>

      | # | Verifiers | Metrics | Tokens | Commit | Note |
      | --- | --- | --- | --- | --- | --- |
      | 3 | 2/3 |  | 120k | [\`2222222\`](https://github.com/o/r/commit/2222222aaaaaaabbbbbbbcccccccdddddddeeee) | round-trip |

      - **Iteration 1** · decision: Normalise in the tokenizer rather than in every caller.

      </details>

      <sub>Goal \`g-12-crlf\` · branch \`goal/12-parser-crlf\` · updated 2026-11-20T10:10:00Z</sub>"
    `);
  });
});

describe('a contract that allows a tamper rule', () => {
  it('says so right under the headline, in the comment, the PR and the job summary', () => {
    const record = pursuingRecord();
    record.contract.allowedChanges = ['expected-rewritten'];
    const note = '> The contract allows `expected-rewritten`';
    for (const text of [
      renderStatus(record, links),
      renderPrBody(record, links),
      renderJobSummary(record, links),
    ]) {
      expect(text).toContain(note);
      expect(text.indexOf(note)).toBeLessThan(text.indexOf('| Verifier |'));
    }
    expect(renderStatus(pursuingRecord(), links)).not.toContain('The contract allows');
  });
});
