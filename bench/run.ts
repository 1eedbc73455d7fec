// Runs every benchmark one after another, each in its own Node process (they share two cores badly) and prints one JSON line per
// bench, then a table for people. Figures are ratios or counts from one run each; see README.md.
// The exit code is 1 when a figure misses its target, so a regression is visible in CI logs.
//
//   npm run bench            (node --import tsx bench/run.ts)

import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ContextResult } from './context.js';
import type { LoopOverheadResult } from './loop-overhead.js';
import type { VerifierFloodResult } from './verifier-flood.js';

/** Bounds each bench; together they take well under a minute on two cores. */
const BENCH_TIMEOUT_MS = 5 * 60_000;

type Row = [bench: string, figure: string, value: string, target: string, ok: boolean];

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function loopRows(r: LoopOverheadResult): Row[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    [
      'loop-overhead',
      'total / (model + verifier)',
      r.overhead.toFixed(3),
      '≤ 1.05',
      r.overhead <= r.target,
    ],
    [
      'loop-overhead',
      `outcome (${r.iterations} iterations, ${r.modelCalls} calls)`,
      r.state,
      'achieved',
      r.state === 'achieved',
    ],
    ['loop-overhead', `model (server waits ${r.serverDelayMs} ms/turn)`, s(r.modelMs), '', true],
    ['loop-overhead', 'verifiers', s(r.verifierMs), '', true],
    ['loop-overhead', 'git (checkpoints, diffs)', s(r.gitMs), '', true],
    [
      'loop-overhead',
      'tools / store / other',
      `${s(r.toolsMs)} / ${s(r.storeMs)} / ${s(r.otherMs)}`,
      '',
      true,
    ],
    ['loop-overhead', 'harness time per iteration', `${r.harnessMsPerIteration} ms`, '', true],
  ];
}

function contextRows(r: ContextResult): Row[] {
  return [
    [
      'context',
      `largest request (of ${r.requestBudgetTokens} tokens)`,
      `${r.largestRequestTokens} (${pct(r.largestRequestShare)})`,
      '≤ 100 %',
      r.largestRequestShare <= 1,
    ],
    [
      'context',
      `requests lacking the contract (of ${r.requests})`,
      String(r.requestsLackingContract),
      '0',
      r.requestsLackingContract === 0,
    ],
    [
      'context',
      'prefix stable, sum(common)/sum(total)',
      pct(r.prefixStableShare),
      '≥ 90 %',
      r.prefixStableShare >= 0.9,
    ],
    ['context', 'prefix stable, median', pct(r.prefixStableMedian), '', true],
    [
      'context',
      'prefix breaks (elisions) / compactions',
      `${r.prefixBreaks} / ${r.compactions}`,
      '',
      true,
    ],
    [
      'context',
      'ledger tokens vs server-counted',
      `${r.ledgerTokens} vs ${r.serverTokens}`,
      'equal',
      r.ledgerTokens === r.serverTokens,
    ],
    [
      'context',
      `main turns (run took ${r.runSec} s)`,
      String(r.mainTurns),
      '300',
      r.mainTurns === 300,
    ],
  ];
}

function floodRows(r: VerifierFloodResult): Row[] {
  return [
    [
      'verifier-flood',
      `peak RSS while ${r.printedMB} MB are printed`,
      `${r.peakRssMB} MB (from ${r.baselineRssMB})`,
      `< ${r.targetMB} MB`,
      r.peakRssMB < r.targetMB,
    ],
    ['verifier-flood', 'last line reached the output tail', String(r.tailKept), 'true', r.tailKept],
  ];
}

function table(rows: Row[]): string {
  const head: Row = ['bench', 'figure', 'value', 'target', true];
  const cells = [head, ...rows].map(([b, f, v, t, ok], i) => [
    b,
    f,
    v,
    t,
    i === 0 ? 'ok' : ok ? 'yes' : 'MISSED',
  ]);
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

/**
 * Runs one bench file in a fresh Node process and returns the JSON line it prints. Separate
 * processes keep the figures independent: resident memory left by one bench (the context bench
 * holds hundreds of large requests) would otherwise count against the next one's peak.
 */
async function runBench<T>(file: string): Promise<T> {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child = await execa(process.execPath, ['--import', 'tsx', script], {
    reject: false,
    stderr: 'inherit',
    timeout: BENCH_TIMEOUT_MS,
  });
  const line = child.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) {
    throw new Error(
      `${file} printed no JSON result (exit ${child.exitCode ?? child.signal}${child.timedOut ? ', timed out' : ''}); run it alone to see why: node --import tsx bench/${file}`,
    );
  }
  console.log(line);
  return JSON.parse(line) as T;
}

const loop = await runBench<LoopOverheadResult>('loop-overhead.ts');
const context = await runBench<ContextResult>('context.ts');
const flood = await runBench<VerifierFloodResult>('verifier-flood.ts');

console.log(`\n${table([...loopRows(loop), ...contextRows(context), ...floodRows(flood)])}`);
if (!loop.ok || !context.ok || !flood.ok) process.exitCode = 1;
