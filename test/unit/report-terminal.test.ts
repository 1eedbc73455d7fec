import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../src/engine/ports.js';
import { createTerminalReporter, renderTerminalSummary } from '../../src/report/terminal.js';
import { budgetLimitedRecord, pursuingRecord, result, tamperedRecord } from './report-fixtures.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { out: { isTTY, columns: 60, write: (s: string) => writes.push(s) }, writes };
}

function oneIteration(): EngineEvent[] {
  const record = pursuingRecord();
  const stopped = budgetLimitedRecord();
  return [
    { type: 'started', record },
    { type: 'iteration-start', record },
    { type: 'model-turn', record, text: 'Running the tests first.', toolCalls: 2, tokens: 12_000 },
    { type: 'tool', record, name: 'shell', summary: 'npm test (exit 1)', ok: false },
    { type: 'tool', record, name: 'apply_patch', summary: 'src/tokenizer.ts', ok: true },
    { type: 'checkpoint', record, checkpoint: record.checkpoints[1]! },
    { type: 'verified', record, results: record.latest!.results },
    { type: 'iteration-end', record },
    { type: 'stopped', record: stopped },
  ];
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b/;

afterEach(() => {
  vi.useRealTimers();
});

describe('createTerminalReporter off a TTY', () => {
  it('writes one plain line per event, with no escape codes', () => {
    const { out, writes } = sink(false);
    const reporter = createTerminalReporter(out);
    for (const event of oneIteration()) reporter.onEvent(event);
    reporter.close();
    const text = writes.join('');
    expect(text).not.toMatch(ESCAPE);
    expect(text).not.toContain('\r');
    expect(text.split('\n').filter(Boolean)).toEqual([
      'goal g-12-crlf: Parser handles CRLF line endings',
      '  budget 2.0M tokens, $10.00, 5h, 60 iterations · branch goal/12-parser-crlf',
      '── iteration 3 ──',
      '  model: Running the tests first. (2 tool calls, 12k tokens)',
      '  ✗ shell: npm test (exit 1)',
      '  ✓ apply_patch: src/tokenizer.ts',
      '  checkpoint 2222222: Round-trip test for CRLF',
      '  verified: ✓ tests · ✓ lint · ✗ typecheck in 3.6 s',
      '  iteration 3 done: 2 of 3 required verifiers pass · 340k/2.0M tokens · $0.42/$10.00 · 12m 34s',
      'budget-limited: The token budget is used up (2.0M of 2.0M); 2 of 3 required verifiers pass. Continue with `/goal budget 4M` then `/goal resume`.',
    ]);
  });

  it('strips terminal control sequences the model or a tool put in its text', () => {
    const { out, writes } = sink(false);
    const reporter = createTerminalReporter(out);
    const record = pursuingRecord();
    reporter.onEvent({ type: 'note', record, text: 'hi \x1b]0;owned\x07there \x1b[2Jdone' });
    expect(writes.join('')).toBe('  note: hi there done\n');
  });

  it('shows metric values with their targets and flaky results', () => {
    const { out, writes } = sink(false);
    const reporter = createTerminalReporter(out);
    const record = tamperedRecord();
    record.contract.verification.push({
      name: 'size',
      command: 'npm run size',
      timeoutSec: 60,
      kind: 'metric',
      required: true,
      source: 'config',
      target: { kind: 'absolute', op: '<', value: 120 },
    });
    reporter.onEvent({
      type: 'verified',
      record,
      results: [
        result('tests', true, { flaky: true }),
        result('size', false, { metricValue: 131 }),
      ],
    });
    expect(writes.join('')).toBe(
      '  verified: ⚠ tests flaky · ✗ size 131 (target < 120) in 2.4 s\n',
    );
  });

  it('keeps going when the output stream throws', () => {
    const reporter = createTerminalReporter({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => {
      for (const event of oneIteration()) reporter.onEvent(event);
    }).not.toThrow();
  });
});

describe('createTerminalReporter on a TTY', () => {
  it('scrolls event lines above one status line redrawn in place', () => {
    const { out, writes } = sink(true);
    const reporter = createTerminalReporter(out, { spinnerMs: 0, color: false });
    const events = oneIteration();
    for (const event of events.slice(0, 4)) reporter.onEvent(event);
    // One write per event: clear the status line, print the event, redraw the status line.
    const last = writes.at(-1)!;
    const clear = '\r\x1b[2K';
    expect(last.startsWith(`${clear}  ✗ shell: npm test (exit 1)\n${clear}`)).toBe(true);
    expect(last).toContain('⠋ iteration 3/60 · 2/3 verifiers · 340k/2.0M tokens');
    const status = last.slice(last.lastIndexOf('\x1b[2K') + 4);
    expect(status).not.toContain('\n');
    expect(status.length).toBeLessThanOrEqual(59);
    for (const event of events.slice(4)) reporter.onEvent(event);
    reporter.close();
    // After stop the status line is gone: the output ends with the final state line.
    expect(writes.join('').endsWith('Continue with `/goal budget 4M` then `/goal resume`.\n')).toBe(
      true,
    );
  });

  it('colours results on a TTY by default', () => {
    const { out, writes } = sink(true);
    const reporter = createTerminalReporter(out, { spinnerMs: 0 });
    const record = pursuingRecord();
    reporter.onEvent({ type: 'tool', record, name: 'shell', summary: 'ls', ok: true });
    reporter.close();
    expect(writes.join('')).toContain('\x1b[32m✓\x1b[0m shell: ls');
  });

  it('animates a spinner until closed', () => {
    vi.useFakeTimers();
    const { out, writes } = sink(true);
    const reporter = createTerminalReporter(out, { spinnerMs: 100, color: false });
    reporter.onEvent({ type: 'iteration-start', record: pursuingRecord() });
    vi.advanceTimersByTime(250);
    expect(writes.some((w) => w.includes('⠹ iteration 3/60'))).toBe(true);
    reporter.close();
    const count = writes.length;
    vi.advanceTimersByTime(1_000);
    expect(writes.length).toBe(count);
  });
});

describe('renderTerminalSummary', () => {
  it('lays out the same facts as the status comment, as plain text', () => {
    const text = renderTerminalSummary(tamperedRecord(), {
      nextStepHint: () => 'Continue with `goal-action run --resume`.',
    });
    expect(text).not.toMatch(ESCAPE);
    expect(text.indexOf('Needs reviewer attention')).toBeLessThan(text.indexOf('Verifiers'));
    expect(text).toMatchInlineSnapshot(`
      "stalled: The verifiers pass only with changes that weaken them (\`test-deleted\` and \`assertion-weakened\`), and the last iteration changed nothing the verifiers measure. Continue with \`goal-action run --resume\`.

      !! Needs reviewer attention: 2 tamper finding(s)
         - test-deleted test/parser.test.ts: A test file present at base was deleted.
         - assertion-weakened test/tokenizer.test.ts: expect(...).toBe replaced with toBeTruthy

      Goal:          The parser accepts files with CRLF line endings and round-trips them unchanged.
      Checkpoint:    2 (2222222)
      Iteration:     3
      Branch:        goal/12-parser-crlf
      Pull request:  https://github.com/o/r/pull/13

      Verifiers
        tests      flaky  212 tests  fixed
        lint       FAIL              regressed
        typecheck  FAIL              pre-existing
        failing tests: src/util.ts(3,1) (pre-existing)
        flaky: tokenizer > handles mixed endings

      Plan (1 of 3 done)
        [x] Normalise CRLF in the tokenizer
        [~] Keep original endings on output
        [ ] Fix the pre-existing type error in util.ts

      Budget
        tokens      340k / 2.0M     17%
        cost        $0.42 / $10.00  4%
        time        12m 34s / 5h    4%
        iterations  3 / 60          5%
        prompt cache: 600k of 900k input tokens cached
        next iteration ≈ 113k tokens (~$0.14)
      "
    `);
  });
});

describe('the branch line', () => {
  it('names the branch only when a checkpoint was committed to it', () => {
    const committed = budgetLimitedRecord();
    expect(committed.checkpoints.length).toBeGreaterThan(0);
    expect(renderTerminalSummary(committed)).toContain(`Branch:`);
    const nothing = budgetLimitedRecord();
    nothing.checkpoints = [];
    const text = renderTerminalSummary(nothing);
    expect(text).toContain('Checkpoint:');
    expect(text).not.toContain('Branch:');
  });
});
