// The whole Action, not only the engine: the built dist/index.js run as the runner runs it (a
// `/goal` comment event, INPUT_* variables, a fresh shallow checkout), against the GitHub fake with
// the throttling plugin's real write spacing and the Action's real debounce and polling (no
// GOAL_ACTION_UNTHROTTLED), a real git remote, and the scripted model server waiting
// `turnDelayMs` before each answer. A 10-turn goal in three iterations (notes, then the fix and the
// completion claim). Reported from one run (and, at 2 s turns, one probe run):
//   - start → first model request, the GitHub requests answered before it, and the writes start-up
//     waited for (the probe: the same goal with every write answered a second late; each write
//     start-up awaits delays the first model request by that second, background ones do not);
//   - last model response → exit (the final state written before exit);
//   - model requests beyond the 10 of the work (restatement, review: target ≤ 1);
//   - the loop's overhead: first request → last response over the model's time (requests × delay)
//     plus the verifier runs in between, each as long as the Action logged it; and the same for the
//     whole process, start-up and exit included.
//
//   node_modules/.bin/node --import tsx bench/action.ts          (after npm run build)
//   GOAL_ACTION_DIST=/path/to/dist …                              (a private copy of the build)

import { pathToFileURL } from 'node:url';
import { decodeRecord } from '../src/state/codec.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../test/support/goal-world.js';
import type { RecordedRequest, ScriptedTurn } from '../test/support/openai-server.js';

export interface ActionBenchResult {
  bench: 'action';
  turnDelayMs: number;
  state: string;
  workTurns: number;
  modelRequests: number;
  /** Model requests beyond the work (side turns). Target ≤ 1. */
  extraModelRequests: number;
  startToFirstModelMs: number;
  /** The baseline verifier run's own duration (from the Action's log), which start-up must include. */
  baselineVerifierMs: number;
  /** GitHub requests answered before the first model request, and how many were writes. */
  githubBeforeFirstModel: number;
  githubWritesBeforeFirstModel: number;
  /**
   * GitHub writes start-up waits for before the first model request: how much later it comes when
   * every write is answered PROBE_WRITE_LATENCY_MS late, in writes (a probe run). Target ≤ 2.
   */
  writesAwaitedBeforeFirstModel?: number;
  lastResponseToExitMs: number;
  totalMs: number;
  modelMs: number;
  /** Every verifier run's own duration, summed (the Action logs each: "verified: … in 0.61 s"). */
  verifierMs: number;
  /**
   * The loop: first model request → last model response, over the model's time plus the verifier
   * runs in between. Target ≤ 1.04 (Codex measured 1.05). Start-up and exit have their own figures.
   */
  overhead: number;
  /** The whole process: totalMs / (modelMs + verifierMs), start-up and the final writes included. */
  processOverhead: number;
  githubRequests: number;
}

/** The probe's write latency: large against the noise of a start-up, so a count rounds cleanly. */
export const PROBE_WRITE_LATENCY_MS = 1000;

const note = (i: number): ScriptedTurn => ({
  toolCalls: [
    {
      name: 'apply_patch',
      arguments: {
        input: `*** Begin Patch\n*** Add File: notes/${i}.md\n+step ${i}\n*** End Patch`,
      },
    },
  ],
});

const read: ScriptedTurn = {
  toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }],
};

/**
 * Ten turns of work in three iterations (few idle ones, so stall detection stays out of it):
 * read, two notes, end the turn; two notes, end the turn; the fix, a read, the completion claim.
 */
const WORK: ScriptedTurn[] = [
  read,
  note(1),
  note(2),
  { text: 'Notes added; verify.' },
  note(3),
  note(4),
  { text: 'More notes; verify.' },
  FIX,
  read,
  COMPLETE,
];

interface Observed {
  run: Awaited<ReturnType<GoalWorld['comment']>>;
  spawnedAt: number;
  exitedAt: number;
  arrivals: number[];
  answered: { at: number; write: boolean; what: string }[];
  /** The Action's log lines, stamped as they arrived (ms since the spawn). */
  log: { at: number; line: string }[];
  record: NonNullable<ReturnType<typeof decodeRecord>>;
  workTurns: number;
}

/** One run of the 10-turn goal through dist/index.js, observed from outside. */
async function observe(turnDelayMs: number, writeLatencyMs = 0): Promise<Observed> {
  const script = goalScript(WORK);
  const arrivals: number[] = [];
  const world = await GoalWorld.create((req: RecordedRequest, i: number) => {
    arrivals.push(Date.now());
    return Promise.resolve(
      (script as unknown as (r: RecordedRequest, n: number) => ScriptedTurn)(req, i),
    ).then((turn) => ({ ...turn, stallMs: turnDelayMs }));
  });
  world.github.writeLatencyMs = writeLatencyMs;
  // When the fake answered each GitHub request.
  const answered: Observed['answered'] = [];
  const requests = world.github.requests;
  const push = requests.push.bind(requests);
  requests.push = (...items) => {
    for (const item of items)
      answered.push({
        at: Date.now(),
        write: item.method !== 'GET',
        what: `${item.method} ${item.path} ${item.status}`,
      });
    return push(...items);
  };
  const stamped: { ms: number; line: string }[] = [];
  let partial = '';
  const onOutput = (chunk: string, ms: number) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) stamped.push({ ms, line });
  };
  try {
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 10',
      {
        env: {
          GOAL_ACTION_UNTHROTTLED: '0',
          ...(process.env.BENCH_NODE_OPTIONS
            ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }
            : {}),
        },
        onOutput,
      },
    );
    const exitedAt = Date.now();
    const spawnedAt = exitedAt - run.durationMs;
    if (run.failed) throw new Error(`the Action failed:\n${run.stdout.slice(-3000)}`);
    const status = world.statusComments(issue.number)[0];
    const record = status ? decodeRecord(status.body) : null;
    if (!record) throw new Error('no goal record in the status comment');
    const log = stamped.map((l) => ({ at: spawnedAt + l.ms, line: l.line }));
    return {
      run,
      spawnedAt,
      exitedAt,
      arrivals,
      answered,
      log,
      record,
      workTurns: script.mainCalls(),
    };
  } finally {
    await world.close();
  }
}

/** "  verified: ✗ test in 0.61 s" → 610 (ms); null for other lines. */
function verifiedMs(line: string): number | null {
  const m = /^\s*verified: .* in (\d+(?:\.\d+)?) s$/.exec(line);
  return m ? Math.round(Number(m[1]) * 1000) : null;
}

export async function runActionBench(
  turnDelayMs: number,
  opts: { probe?: boolean } = {},
): Promise<ActionBenchResult> {
  const o = await observe(turnDelayMs);
  const first = o.arrivals[0]!;
  const lastResponse = o.arrivals.at(-1)! + turnDelayMs;
  const verifications = o.log.flatMap((l) => {
    const ms = verifiedMs(l.line);
    return ms === null ? [] : [{ at: l.at, ms }];
  });
  if (verifications.length === 0) throw new Error('the Action logged no verifier run');
  const sum = (runs: { ms: number }[]) => runs.reduce((n, r) => n + r.ms, 0);
  const verifierMs = sum(verifications);
  const inLoop = sum(verifications.filter((v) => v.at > first && v.at < lastResponse));
  const modelMs = o.arrivals.length * turnDelayMs;
  const before = o.answered.filter((a) => a.at < first);
  // BENCH_TIMELINE=1: where the time went, relative to the spawn (on stderr, for people).
  if (process.env.BENCH_TIMELINE === '1') {
    const events = [
      ...o.answered.map((a) => ({ at: a.at, what: `github ${a.what}` })),
      ...o.arrivals.map((at, i) => ({ at, what: `model request ${i + 1}` })),
      ...o.log.map((l) => ({ at: l.at, what: `log ${l.line.slice(0, 150)}` })),
    ].sort((a, b) => a.at - b.at);
    for (const e of events)
      process.stderr.write(`${String(Math.round(e.at - o.spawnedAt)).padStart(6)} ms  ${e.what}\n`);
    process.stderr.write(`${String(Math.round(o.run.durationMs)).padStart(6)} ms  exit\n`);
  }
  let writesAwaited: number | undefined;
  if (opts.probe) {
    const p = await observe(0, PROBE_WRITE_LATENCY_MS);
    const later = p.arrivals[0]! - p.spawnedAt - (first - o.spawnedAt);
    writesAwaited = Math.max(0, Math.round(later / PROBE_WRITE_LATENCY_MS));
  }
  return {
    bench: 'action',
    turnDelayMs,
    state: o.record.state,
    workTurns: o.workTurns,
    modelRequests: o.arrivals.length,
    extraModelRequests: o.arrivals.length - o.workTurns,
    startToFirstModelMs: Math.round(first - o.spawnedAt),
    baselineVerifierMs: verifications[0]!.ms,
    githubBeforeFirstModel: before.length,
    githubWritesBeforeFirstModel: before.filter((a) => a.write).length,
    ...(writesAwaited !== undefined ? { writesAwaitedBeforeFirstModel: writesAwaited } : {}),
    lastResponseToExitMs: Math.round(o.exitedAt - lastResponse),
    totalMs: Math.round(o.run.durationMs),
    modelMs,
    verifierMs,
    overhead: Number(((lastResponse - first) / (modelMs + inLoop)).toFixed(3)),
    processOverhead: Number((o.run.durationMs / (modelMs + verifierMs)).toFixed(3)),
    githubRequests: o.answered.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const delay = Number(process.env.BENCH_TURN_MS ?? 2000);
  const probe = process.env.BENCH_PROBE_WRITES !== '0' && delay === 2000;
  console.log(JSON.stringify(await runActionBench(delay, { probe })));
}
