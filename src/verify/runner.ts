// Runs verifier commands on the workspace and turns what they print into evidence: pass/fail,
// metric values, test counts, failing test names. A failing verifier is re-run to tell a flake
// from a failure, and a flaky one must then pass several times in a row before it counts, so a
// lucky pass never proves a goal.

import type { VerifierRunner } from '../engine/index.js';
import type { VerifierResult, VerifierSpec } from '../engine/index.js';
import { runCommand, type ExecOptions, type ExecResult } from '../tools/exec.js';
import { extractMetric } from './metric.js';
import { parseTestOutput, stripAnsi } from './test-output.js';

export interface VerifierRunnerOptions {
  root: string;
  /**
   * Where each verification runs, asked per run: the Action points it at a clean checkout of the
   * tree being verified (default: root).
   */
  cwd?: () => string;
  /** How a verifier command is started (default: runCommand; the Action passes its sandbox's exec). */
  exec?: (command: string, opts: ExecOptions) => Promise<ExecResult>;
  runAs?: ExecOptions['runAs'];
  env?: Record<string, string>;
  /** Extra runs of a failing verifier before the failure counts (default 2). */
  flakeReruns?: number;
  /** A verifier that failed then passed must pass this many times in a row to count (default 2). */
  consecutivePasses?: number;
  redact?: (text: string) => string;
  /** Verifiers already seen flaky (e.g. `record.flaky` from earlier runs): one pass never counts. */
  knownFlaky?: string[];
  /** Bytes of output kept in `outputTail` (default 4 KiB). */
  tailBytes?: number;
}

/** Output kept per attempt for parsing: enough for summaries and failing names, flat in memory. */
const CAPTURE_BYTES = 256 * 1024;
/** Upper bounds on configuration, so a typo cannot make verification run for hours. */
const MAX_RERUNS = 10;
const MAX_CONSECUTIVE = 10;

const ISSUE_NOTE = (spec: VerifierSpec): string =>
  `not executed: \`${spec.name}\` came from issue text and matches no configured verifier. ` +
  'Commands from issues never run; add it to .github/goal.yml or the `verify` input to run it.';

interface Attempt {
  exec: ExecResult;
  passed: boolean;
  metricValue?: number;
  /** Why a metric attempt failed although the command succeeded. */
  note?: string;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** The last `maxBytes` of `text`, starting at a line (and UTF-8 character) boundary. */
export function tailOf(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let start = buf.length - maxBytes;
  const newline = buf.indexOf(0x0a, start);
  if (newline >= 0 && newline < buf.length - 1 && newline - start < maxBytes / 4)
    start = newline + 1;
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start += 1;
  return `… (${start} bytes above omitted)\n${buf.subarray(start).toString('utf8')}`;
}

export function createVerifierRunner(opts: VerifierRunnerOptions): VerifierRunner {
  const flakeReruns = clampInt(opts.flakeReruns, 2, 0, MAX_RERUNS);
  const consecutivePasses = clampInt(opts.consecutivePasses, 2, 1, MAX_CONSECUTIVE);
  const tailBytes = clampInt(opts.tailBytes, 4096, 256, CAPTURE_BYTES);
  const redact = opts.redact ?? ((text: string) => text);
  // Non-interactive by default: test runners then skip watch modes and prompts.
  const env = { CI: 'true', ...opts.env };
  // A verifier seen flaky once stays suspect: its passes must come in a streak from then on.
  const seenFlaky = new Set(opts.knownFlaky ?? []);

  async function attempt(spec: VerifierSpec, signal?: AbortSignal): Promise<Attempt> {
    const exec = await (opts.exec ?? runCommand)(spec.command, {
      cwd: opts.cwd?.() ?? opts.root,
      timeoutMs: Math.max(1, spec.timeoutSec) * 1000,
      env,
      maxCaptureBytes: CAPTURE_BYTES,
      ...(signal ? { signal } : {}),
      ...(opts.runAs ? { runAs: opts.runAs } : {}),
    });
    const ran = exec.exitCode === 0 && !exec.timedOut && !exec.aborted;
    if (spec.kind !== 'metric') return { exec, passed: ran };
    const metric = extractMetric(stripAnsi(exec.output), spec.pattern);
    if (metric.error) return { exec, passed: false, note: metric.error };
    if (metric.value === undefined)
      return {
        exec,
        passed: false,
        ...(ran
          ? {
              note: `the output has no number matching the metric pattern \`${spec.pattern ?? '(last number)'}\``,
            }
          : {}),
      };
    return { exec, passed: ran, metricValue: metric.value };
  }

  async function runOne(spec: VerifierSpec, signal?: AbortSignal): Promise<VerifierResult> {
    // Attempts: the first run, up to `flakeReruns` reruns to find a pass, and enough after that
    // pass for the required streak. Stops early once the streak can no longer be reached.
    const maxAttempts = 1 + flakeReruns + (consecutivePasses - 1);
    const outcomes: boolean[] = [];
    let last: Attempt | undefined;
    let streak = 0;
    let totalMs = 0;
    while (outcomes.length < maxAttempts) {
      last = await attempt(spec, signal);
      totalMs += last.exec.durationMs;
      outcomes.push(last.passed);
      streak = last.passed ? streak + 1 : 0;
      const suspect = outcomes.includes(false) || seenFlaky.has(spec.name);
      if (last.passed && (!suspect || streak >= consecutivePasses)) break;
      // A timeout is not a flake worth paying for again; a cancel ends verification.
      if (last.exec.timedOut || last.exec.aborted) break;
      if (streak + (maxAttempts - outcomes.length) < consecutivePasses) break;
    }
    const final = last!;
    const flaky = outcomes.includes(true) && outcomes.includes(false);
    if (flaky) seenFlaky.add(spec.name);
    const passed = final.passed && (!seenFlaky.has(spec.name) || streak >= consecutivePasses);
    return toResult(spec, final, { passed, flaky, attempts: outcomes.length, totalMs, outcomes });
  }

  function toResult(
    spec: VerifierSpec,
    final: Attempt,
    run: {
      passed: boolean;
      flaky: boolean;
      attempts: number;
      totalMs: number;
      outcomes: boolean[];
    },
  ): VerifierResult {
    const output = redact(final.exec.output);
    const parsed = parseTestOutput(output);
    const notes: string[] = [];
    if (final.exec.timedOut)
      notes.push(`timed out after ${spec.timeoutSec}s; the process group was killed`);
    if (final.exec.aborted) notes.push('cancelled before it finished');
    if (final.exec.spawnError) notes.push(`could not start: ${redact(final.exec.spawnError)}`);
    if (final.note) notes.push(final.note);
    if (run.flaky)
      notes.push(
        `flaky: ${run.outcomes.map((ok, i) => `run ${i + 1} ${ok ? 'passed' : 'failed'}`).join(', ')}` +
          (run.passed ? '' : `; needs ${consecutivePasses} passes in a row to count`),
      );
    const tail = tailOf(output, tailBytes);
    const showFailing = parsed.count !== undefined || parsed.failing.length > 0;
    return {
      name: spec.name,
      passed: run.passed,
      exitCode: final.exec.exitCode,
      timedOut: final.exec.timedOut,
      durationMs: run.totalMs,
      outputTail:
        notes.length > 0 ? `${tail}\n[goal-action] ${notes.join('\n[goal-action] ')}` : tail,
      ...(final.metricValue !== undefined ? { metricValue: final.metricValue } : {}),
      ...(parsed.count !== undefined ? { testCount: parsed.count } : {}),
      ...(showFailing ? { failingTests: parsed.failing } : {}),
      attempts: run.attempts,
      flaky: run.flaky,
    };
  }

  function notRun(spec: VerifierSpec, note: string): VerifierResult {
    return {
      name: spec.name,
      passed: false,
      exitCode: null,
      timedOut: false,
      durationMs: 0,
      outputTail: note,
      attempts: 0,
      flaky: false,
    };
  }

  return {
    async run(specs, signal) {
      const results: VerifierResult[] = [];
      for (const spec of specs) {
        if (spec.source === 'issue') results.push(notRun(spec, ISSUE_NOTE(spec)));
        else if (signal?.aborted) results.push(notRun(spec, 'not run: verification was cancelled'));
        else results.push(await runOne(spec, signal));
      }
      return results;
    },
  };
}
