// Loop overhead: how much wall time the harness adds around the model and the verifiers. One
// scripted 50-iteration goal runs through the real `openai` SDK against the scripted server (which
// waits STALL_MS before each answer: 750 ms, a fast real model turn — real turns take 1–10 s; set
// BENCH_MODEL_DELAY_MS to try others, e.g. 30 to stress the harness), with the
// real tools, the real verifier runner and checkpoint commits in a real git repository. Each
// iteration the model adds one file and ends its turn; a verifier that takes ~30 ms fails until
// the 50th file exists. Overhead = total / (model + verifier). Checkpoint commits are git I/O and
// count as overhead. Figures are taken in one run; nothing is asserted against time.
//
//   node_modules/.bin/node --import tsx bench/loop-overhead.ts

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkSpec } from '../src/config/verifiers.js';
import type { EngineDeps } from '../src/engine/options.js';
import type { Workspace } from '../src/engine/ports.js';
import { goalScript } from '../test/support/goal-world.js';
import type { RecordedRequest, ScriptedTurn } from '../test/support/openai-server.js';
import { ModelWorld } from '../test/scenarios-model/harness.js';

export interface LoopOverheadResult {
  bench: 'loop-overhead';
  api: 'responses' | 'chat';
  iterations: number;
  modelCalls: number;
  /** The scripted server's delay before each answer. */
  serverDelayMs: number;
  state: string;
  totalMs: number;
  modelMs: number;
  verifierMs: number;
  /** Workspace (git) time, verifier runs inside a checkpoint excluded. */
  gitMs: number;
  toolsMs: number;
  storeMs: number;
  /** Everything else: the engine itself, prompt building, reporting. */
  otherMs: number;
  /** Wall time per iteration outside model calls and verifier runs. */
  harnessMsPerIteration: number;
  /** total / (model + verifier). */
  overhead: number;
  target: number;
  ok: boolean;
}

const ITERATIONS = 50;
const STALL_MS = Number(process.env.BENCH_MODEL_DELAY_MS ?? 750);
const TARGET = 1.05;

/** ~30 ms of work, then pass once ITERATIONS step files exist. */
const STEPS_VERIFIER = checkSpec(
  `node -e "setTimeout(() => { const fs = require('fs'); const n = fs.existsSync('notes') ? fs.readdirSync('notes').length : 0; console.log('steps ' + n); process.exit(n >= ${ITERATIONS} ? 0 : 1); }, 30)"`,
  'cli',
  'steps',
  60,
);

const FILES = {
  'package.json': `${JSON.stringify({ name: 'steps', version: '1.0.0', private: true }, null, 2)}\n`,
  'README.md': '# Steps\n\nOne note per step under notes/.\n',
};

/** Main turn n: even turns add notes/step-k.txt, odd turns end the iteration (or finish at the last). */
function mainTurn(n: number): ScriptedTurn {
  const step = Math.floor(n / 2) + 1;
  if (n % 2 === 0) {
    const input = `*** Begin Patch\n*** Add File: notes/step-${String(step).padStart(2, '0')}.txt\n+Step ${step} done.\n*** End Patch`;
    return { toolCalls: [{ name: 'apply_patch', arguments: { input } }] };
  }
  if (step < ITERATIONS) return { text: `Step ${step} is in place; verify it.` };
  const evidence = `steps verifier: ${ITERATIONS} step files exist`;
  return { toolCalls: [{ name: 'update_goal', arguments: { status: 'complete', evidence } }] };
}

class Stopwatch {
  ms = 0;
  async time<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.ms += performance.now() - started;
    }
  }
}

interface Timers {
  model: Stopwatch;
  verifier: Stopwatch;
  git: Stopwatch;
  tools: Stopwatch;
  store: Stopwatch;
  calls: number;
}

/** The real adapters, each timed. A checkpoint's nested verification is verifier time, not git. */
function timed(deps: EngineDeps, t: Timers): EngineDeps {
  const ws = deps.workspace;
  const workspace: Workspace = {
    prepare: (record) => t.git.time(() => ws.prepare(record)),
    hasChanges: () => t.git.time(() => ws.hasChanges()),
    isClean: () => t.git.time(() => ws.isClean()),
    changes: (base, want) => t.git.time(() => ws.changes(base, want)),
    diff: (base, max) => t.git.time(() => ws.diff(base, max)),
    repoMap: (max) => t.git.time(() => ws.repoMap(max)),
    ...(ws.readAt ? { readAt: (sha, path) => t.git.time(() => ws.readAt!(sha, path)) } : {}),
    ...(ws.resetTo ? { resetTo: (sha) => t.git.time(() => ws.resetTo!(sha)) } : {}),
    async checkpoint(info) {
      let nested = 0;
      const verify = info.verify;
      const wrapped = verify
        ? {
            ...info,
            verify: async () => {
              const started = performance.now();
              try {
                return await verify();
              } finally {
                nested += performance.now() - started;
              }
            },
          }
        : info;
      const started = performance.now();
      try {
        return await ws.checkpoint(wrapped);
      } finally {
        t.git.ms += performance.now() - started - nested;
      }
    },
  };
  return {
    ...deps,
    workspace,
    model: {
      name: deps.model.name,
      turn: (request, signal) => {
        t.calls += 1;
        return t.model.time(() => deps.model.turn(request, signal));
      },
    },
    verifiers: { run: (specs, signal) => t.verifier.time(() => deps.verifiers.run(specs, signal)) },
    tools: {
      specs: () => deps.tools.specs(),
      execute: (name, args, ctx) => t.tools.time(() => deps.tools.execute(name, args, ctx)),
    },
    store: { save: (record) => t.store.time(() => deps.store.save(record)) },
  };
}

const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

export async function runLoopOverheadBench(
  api: 'responses' | 'chat' = 'responses',
  /** Replaces adapters before timing (bench/sandbox.ts runs the tools and verifiers in the sandbox). */
  adapt: (root: string) => Promise<(deps: EngineDeps) => EngineDeps> = async () => (deps) => deps,
): Promise<LoopOverheadResult> {
  const side = goalScript(mainTurn) as unknown as (req: RecordedRequest, i: number) => ScriptedTurn;
  const world = await ModelWorld.create({
    api,
    files: FILES,
    objective: `Add ${ITERATIONS} step notes, one per iteration.`,
    verification: [STEPS_VERIFIER],
    budget: { iterations: ITERATIONS + 10 },
    script: async (req, i) => ({ ...(await side(req, i)), stallMs: STALL_MS }),
  });
  const t: Timers = {
    model: new Stopwatch(),
    verifier: new Stopwatch(),
    git: new Stopwatch(),
    tools: new Stopwatch(),
    store: new Stopwatch(),
    calls: 0,
  };
  const adapted = await adapt(world.root);
  try {
    const started = performance.now();
    // The verifier fails without partial credit until the end: stall detection must not stop it.
    const record = await world.run({
      wrap: (deps) => timed(adapted(deps), t),
      engine: { stallIterations: 1000 },
    });
    const totalMs = performance.now() - started;
    const measured = t.model.ms + t.verifier.ms;
    const overhead = totalMs / measured;
    return {
      bench: 'loop-overhead',
      api,
      iterations: record.iteration,
      modelCalls: t.calls,
      serverDelayMs: STALL_MS,
      state: record.state,
      totalMs: round(totalMs),
      modelMs: round(t.model.ms),
      verifierMs: round(t.verifier.ms),
      gitMs: round(t.git.ms),
      toolsMs: round(t.tools.ms),
      storeMs: round(t.store.ms),
      otherMs: round(totalMs - measured - t.git.ms - t.tools.ms - t.store.ms),
      harnessMsPerIteration: round((totalMs - measured) / Math.max(1, record.iteration)),
      overhead: round(overhead, 3),
      target: TARGET,
      ok: record.state === 'achieved' && record.iteration === ITERATIONS && overhead <= TARGET,
    };
  } finally {
    await world.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runLoopOverheadBench();
  console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}
