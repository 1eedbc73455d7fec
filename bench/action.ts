// The whole Action, not only the engine: the built dist/index.js run as the runner runs it (a
// `/goal` comment event, INPUT_* variables, a fresh shallow checkout), against the GitHub fake with
// the throttling plugin's real write spacing and the Action's real debounce and polling (no
// GOAL_ACTION_UNTHROTTLED), a real git remote, and the scripted model server waiting
// `turnDelayMs` before each answer. A 10-turn goal in three iterations (notes, then the fix and the
// completion claim). Reported from one run:
//   - start → first model request, and the GitHub requests answered before it (the ones start-up
//     waited for: the loop's own writes go to the background);
//   - last model response → exit (the final state written before exit);
//   - model requests beyond the 10 of the work (restatement, review: target ≤ 1);
//   - total / (model + verifier): the process's wall time over the time the model server spent
//     (requests × delay) plus the verifiers' own durations (from the record's results, times runs).
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
  /** The baseline verifier run's own duration (from the record), which start-up must include. */
  baselineVerifierMs: number;
  /** GitHub requests answered before the first model request, and how many were writes. */
  githubBeforeFirstModel: number;
  githubWritesBeforeFirstModel: number;
  lastResponseToExitMs: number;
  totalMs: number;
  modelMs: number;
  verifierMs: number;
  /** totalMs / (modelMs + verifierMs). */
  overhead: number;
  githubRequests: number;
}

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

export async function runActionBench(turnDelayMs: number): Promise<ActionBenchResult> {
  const script = goalScript(WORK);
  const arrivals: number[] = [];
  const world = await GoalWorld.create((req: RecordedRequest, i: number) => {
    arrivals.push(Date.now());
    return Promise.resolve(
      (script as unknown as (r: RecordedRequest, n: number) => ScriptedTurn)(req, i),
    ).then((turn) => ({ ...turn, stallMs: turnDelayMs }));
  });
  // When the fake answered each GitHub request.
  const answered: { at: number; write: boolean; what: string }[] = [];
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
      },
    );
    const exitedAt = Date.now();
    const spawnedAt = exitedAt - run.durationMs;
    if (run.failed) throw new Error(`the Action failed:\n${run.stdout.slice(-3000)}`);
    const status = world.statusComments(issue.number)[0];
    const record = status ? decodeRecord(status.body) : null;
    if (!record) throw new Error('no goal record in the status comment');
    const first = arrivals[0]!;
    const before = answered.filter((a) => a.at < first);
    // A verifier run's duration, from the record: the baseline's and the latest run's, averaged.
    const runMs = (run_: typeof record.latest) =>
      (run_?.results ?? []).reduce((n, r) => n + r.durationMs, 0);
    const verifierRuns = record.progress.filter((p) => p.kind === 'verification').length;
    // BENCH_TIMELINE=1: where the time went, relative to the spawn (on stderr, for people).
    if (process.env.BENCH_TIMELINE === '1') {
      const events = [
        ...answered.map((a) => ({ at: a.at, what: `github ${a.what}` })),
        ...arrivals.map((at, i) => ({ at, what: `model request ${i + 1}` })),
      ].sort((a, b) => a.at - b.at);
      for (const e of events)
        process.stderr.write(`${String(Math.round(e.at - spawnedAt)).padStart(6)} ms  ${e.what}\n`);
      process.stderr.write(`${String(Math.round(run.durationMs)).padStart(6)} ms  exit\n`);
      process.stderr.write(`--- the Action's log\n${run.stdout}\n`);
    }
    const verifierMs = verifierRuns * ((runMs(record.baseline) + runMs(record.latest)) / 2);
    const modelMs = arrivals.length * turnDelayMs;
    const lastResponse = arrivals.at(-1)! + turnDelayMs;
    return {
      bench: 'action',
      turnDelayMs,
      state: record.state,
      workTurns: script.mainCalls(),
      modelRequests: arrivals.length,
      extraModelRequests: arrivals.length - script.mainCalls(),
      startToFirstModelMs: Math.round(first - spawnedAt),
      baselineVerifierMs: Math.round(runMs(record.baseline)),
      githubBeforeFirstModel: before.length,
      githubWritesBeforeFirstModel: before.filter((a) => a.write).length,
      lastResponseToExitMs: Math.round(exitedAt - lastResponse),
      totalMs: Math.round(run.durationMs),
      modelMs,
      verifierMs: Math.round(verifierMs),
      overhead: Number((run.durationMs / (modelMs + verifierMs)).toFixed(3)),
      githubRequests: answered.length,
    };
  } finally {
    await world.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const delay = Number(process.env.BENCH_TURN_MS ?? 2000);
  console.log(JSON.stringify(await runActionBench(delay)));
}
