// Peak memory while a verifier floods its output. A test suite that prints hundreds of megabytes
// must not take the Action down: the runner keeps a bounded head+tail, so resident memory should
// stay far below what was printed. Reported as one JSON line; nothing is asserted against time.
//
//   node_modules/.bin/node --import tsx bench/verifier-flood.ts

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createVerifierRunner } from '../src/verify/runner.js';

export interface VerifierFloodResult {
  bench: 'verifier-flood';
  printedMB: number;
  peakRssMB: number;
  /** Resident memory before the flood, so the flood's own share is visible. */
  baselineRssMB: number;
  targetMB: number;
  /** The verifier ran to completion and its last line reached the output tail. */
  tailKept: boolean;
  ok: boolean;
}

const PRINTED_MB = 200;
const TARGET_MB = 200;
const SAMPLE_MS = 50;
/** The flood takes seconds; this bounds the verifier (and so the sampling) if something hangs. */
const TIMEOUT_SEC = 300;

// Prints PRINTED_MB of 100-byte lines in 1 MB writes, honouring back-pressure, then a last line.
const FLOOD_SCRIPT = `
const line = 'x'.repeat(99) + '\\n';
const chunk = Buffer.from(line.repeat(10_486));
let written = 0;
function pump() {
  while (written < ${PRINTED_MB}) {
    written += 1;
    if (!process.stdout.write(chunk)) return void process.stdout.once('drain', pump);
  }
  process.stdout.write('flood finished\\n');
}
pump();
`;

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function runVerifierFloodBench(): Promise<VerifierFloodResult> {
  const root = mkdtempSync(join(tmpdir(), 'verifier-flood-'));
  writeFileSync(join(root, 'flood.mjs'), FLOOD_SCRIPT);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  try {
    const runner = createVerifierRunner({ root, flakeReruns: 0 });
    const [result] = await runner.run([
      {
        name: 'flood',
        command: `${JSON.stringify(process.execPath)} flood.mjs`,
        timeoutSec: TIMEOUT_SEC,
        kind: 'check',
        required: true,
        source: 'cli',
      },
    ]);
    peak = Math.max(peak, process.memoryUsage().rss);
    const tailKept = result?.passed === true && result.outputTail.includes('flood finished');
    const peakRssMB = mb(peak);
    return {
      bench: 'verifier-flood',
      printedMB: PRINTED_MB,
      peakRssMB,
      baselineRssMB: mb(baseline),
      targetMB: TARGET_MB,
      tailKept,
      ok: tailKept && peakRssMB < TARGET_MB,
    };
  } finally {
    clearInterval(sampler);
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runVerifierFloodBench();
  console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}
