import { describe, expect, it } from 'vitest';
import { renderJobSummary } from '../../src/report/summary.js';
import { blockedRecord, tamperedRecord } from './report-fixtures.js';

const links = {
  runUrl: 'https://github.com/o/r/actions/runs/9001',
  prUrl: 'https://github.com/o/r/pull/13',
  commitUrl: (sha: string) => `https://github.com/o/r/commit/${sha}`,
};

describe('renderJobSummary', () => {
  it('leads with the goal and its state, findings before the verifier table', () => {
    const text = renderJobSummary(tamperedRecord(), links);
    expect(text.split('\n')[0]).toBe('## Goal #12: Parser handles CRLF line endings');
    expect(text).toContain('🐢 **stalled**:');
    expect(text.indexOf('Needs reviewer attention')).toBeLessThan(text.indexOf('| Verifier |'));
    expect(text).toContain('| Budget | Used | Limit | % |');
  });

  it('lays out a blocked goal', () => {
    expect(renderJobSummary(blockedRecord(), links)).toMatchInlineSnapshot(`
      "## Goal #12: Parser handles CRLF line endings

      🚧 **blocked**: The integration tests need the STAGING_URL service, which is unreachable from the runner; the agent needs a reachable staging URL or permission to mock the service. Answer with \`/goal resume <answer>\`.

      **Checkpoint 2** (iteration 3) · [\`2222222\`](https://github.com/o/r/commit/2222222aaaaaaabbbbbbbcccccccdddddddeeee): Round-trip test for CRLF

      | Verifier | Result | Value | vs baseline |
      | --- | --- | --- | --- |
      | tests | ✅ pass | 212 tests | fixed |
      | lint | ✅ pass |  | unchanged |
      | typecheck | ❌ fail |  | pre-existing |

      Failing tests: \`src/util.ts(3,1)\` (pre-existing)

      <sub>Verified after iteration 3 on 2222222.</sub>

      | Budget | Used | Limit | % |
      | --- | --- | --- | --- |
      | Tokens | 340k | 2.0M | 17% |
      | Cost | $0.42 | $10.00 | 4% |
      | Time | 12m 34s | 5h | 4% |
      | Iterations | 3 | 60 | 5% |

      Prompt cache: 600k of 900k input tokens cached (67%), not billed as tokens. Next iteration ≈ 113k tokens (~$0.14), from the average of the last 3 iterations.

      [Workflow run](https://github.com/o/r/actions/runs/9001) · [Draft PR #13](https://github.com/o/r/pull/13) · [Last commit 2222222](https://github.com/o/r/commit/2222222aaaaaaabbbbbbbcccccccdddddddeeee)

      <sub>Goal \`g-12-crlf\` · branch \`goal/12-parser-crlf\`</sub>"
    `);
  });
});
