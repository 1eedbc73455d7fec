// Snapshots of what people read for every state, rendered from real engine records (see
// test/render/generate-records.ts), and the rules that keep each report consistent with the
// decision: a tampered verifier is never a clean pass, repeated events are said once, the
// headline is one sentence with the exact command, and nothing is counted in the wrong number.
import { describe, expect, it } from 'vitest';
import { stateDocuments } from '../render/states.js';

const docs = stateDocuments();
const firstLine = (text: string): string => text.split('\n')[0]!;

describe('every state, as people read it', () => {
  it('has a record for each state the issue names', () => {
    expect(docs.map((d) => `${d.name}:${d.record.state}`)).toEqual([
      'achieved:achieved',
      'blocked:blocked',
      'budget-limited:budget-limited',
      'metric:achieved',
      'stalled:stalled',
      'tamper-refused:budget-limited',
    ]);
  });

  it.each(docs)('$name: status comment', ({ status }) => {
    expect(status).toMatchSnapshot();
  });

  it.each(docs)('$name: PR body', ({ pr }) => {
    expect(pr).toMatchSnapshot();
  });

  it.each(docs)('$name: job summary', ({ summary }) => {
    expect(summary).toMatchSnapshot();
  });
});

describe('reports never contradict the decision', () => {
  it.each(docs)(
    '$name: the headline is one sentence that ends with what to do next',
    ({ record, status, pr, summary }) => {
      const headline = firstLine(status);
      expect(firstLine(pr)).toBe(headline);
      expect(summary).toContain(headline);
      expect(headline).toMatch(/^\S+ \*\*[a-z-]+\*\*: [A-Z`]/);
      expect(headline).not.toMatch(/iteration\(s\)|best score|\(\(/);
      if (record.state !== 'achieved') expect(headline).toMatch(/`\/goal [a-z]+[^`]*`\.$/);
    },
  );

  it('a tampered verifier is never shown as a clean pass, and "not done" lists the findings', () => {
    const tampered = docs.find((d) => d.name === 'tamper-refused')!;
    for (const text of [tampered.status, tampered.pr, tampered.summary]) {
      expect(text).not.toMatch(/✅ pass/);
      expect(text).not.toMatch(/\| fixed/);
      expect(text).toContain('⚠️ pass, not trusted');
    }
    expect(tampered.pr).not.toContain('Nothing: every required verifier passes');
    const notDone = tampered.pr.split('**Not done**').at(-1)!;
    expect(notDone).toContain('tamper rule `test-skipped` on test/cart.test.js');
    for (const text of [tampered.status, tampered.pr])
      expect(text).not.toMatch(/(test\/cart\.test\.js): \1/);
    expect(firstLine(tampered.status)).toContain('pass only with changes that weaken them');
  });

  it('nine identical refusals read as one line, ×9', () => {
    const tampered = docs.find((d) => d.name === 'tamper-refused')!;
    const refusals = tampered.status.match(/Completion refused/g) ?? [];
    expect(refusals).toHaveLength(1);
    expect(tampered.status).toMatch(/\*\*Iterations 1–9\*\* · decision ×9: Completion refused/);
    expect(tampered.pr.match(/Completion refused/g)).toHaveLength(1);
  });

  it.each(docs)(
    '$name: counts agree with their nouns, money and labels read plainly',
    ({ status, pr }) => {
      for (const text of [status, pr]) {
        expect(text).not.toMatch(
          /\b1 (tests|iterations|checkpoints|runs|model calls|tamper findings)\b/,
        );
        expect(text).not.toMatch(
          /\b(?:[02-9]|\d{2,}) (test|iteration|checkpoint|run|model call)\b(?!s)(?! budget| log)/,
        );
        expect(text).not.toContain('~<$');
        expect(text).not.toMatch(/Iteration \d+ · iteration \d+/i);
        expect(text).not.toMatch(/(@\w+) \1\b/);
      }
    },
  );

  it('the budget headline gives the real reason: the next call would pass the limit', () => {
    const limited = docs.find((d) => d.name === 'budget-limited')!;
    expect(firstLine(limited.status)).toContain(
      'The goal stopped before the next model call, which would have passed the token budget',
    );
    expect(firstLine(limited.status)).toMatch(/`\/goal budget \S+` then `\/goal resume`\.$/);
  });

  it('the stalled headline says what happened without jargon', () => {
    const stalled = docs.find((d) => d.name === 'stalled')!;
    expect(firstLine(stalled.status)).toContain(
      'The last 4 iterations changed nothing the verifiers measure, even after the agent was asked to change approach',
    );
  });

  it('the metric chart has explicit colours, a legend, a unit and the target; the trend word matches the numbers', () => {
    const metric = docs.find((d) => d.name === 'metric')!;
    expect(metric.status).toContain('plotColorPalette: "#0969da, #cf222e"');
    expect(metric.status).toContain('y-axis "bench (ms)"');
    expect(metric.status).toContain(
      '🟦 measured `bench` (ms) · 🟥 target ≤ 70 ms (−30% vs baseline)',
    );
    expect(metric.status).toContain('| improved, 100 → 65 (−35%) |');
    expect(metric.status).not.toMatch(/unchanged, \d+ → \d+/);
  });

  it('the PR body says what changed, by area with +/- lines, after the report and before the contract', () => {
    const achieved = docs.find((d) => d.name === 'achieved')!;
    expect(achieved.pr).toContain('## What changed\n\n1 file, +1 −1 against the base.');
    expect(achieved.pr).toContain('**src/** — 1 file, +1 −1\n\n- `src/cart.js` (+1 −1)');
    const at = (s: string) => achieved.pr.indexOf(s);
    expect(at('## Report')).toBeLessThan(at('## What changed'));
    expect(at('## What changed')).toBeLessThan(at('<summary>Contract'));
  });
});
