// GitHub requests per hour of one goal, at a realistic model latency, against the request budget
// (≤ 300/h per goal, so three goals fit GITHUB_TOKEN's 1,000/h per repository).
//
// A 60-iteration goal through the real engine, tools, verifiers and git (test/scenarios-model),
// reporting through the Action's real channel (status comment with the record, draft PR, labels,
// check runs: EvidenceChannel) and polled by the Action's real control (GitHubControl), with the
// real Octokit against the GitHub fake, with the Action's own settings: a 10 s status debounce and
// 15 s polls. Checkpoints are pushed to a real remote the fake serves, the goal record riding in
// each push, as in the Action. Time is virtual so an hour of goal runs in under a minute: every
// model turn advances the clock by TURN_MS and every verifier run by VERIFY_MS, and everything that
// decides when to write or poll (debounce timers, lock checks, poll pacing, the budget's pace)
// reads that clock. Write spacing is off here: it only ever merges more writes, so the count is an
// upper bound.
//
//   node_modules/.bin/node --import tsx bench/github-budget.ts

import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { openChannel } from '../src/action/evidence-channel.js';
import { GitHubControl } from '../src/action/github-control.js';
import { GOAL_REQUESTS_PER_HOUR } from '../src/action/request-budget.js';
import type { EngineDeps } from '../src/engine/options.js';
import { createGitWorkspace } from '../src/git/workspace.js';
import { createOctokit, processMeter } from '../src/github/client.js';
import { GitHubRepo } from '../src/github/repo.js';
import { COMPLETE, FIX, goalScript } from '../test/support/goal-world.js';
import { startGitHubFake } from '../test/support/github-fake.js';
import type { ScriptedTurn } from '../test/support/openai-server.js';
import { ModelWorld } from '../test/scenarios-model/harness.js';

export interface GitHubBudgetResult {
  bench: 'github-budget';
  iterations: number;
  state: string;
  modelTurns: number;
  turnMs: number;
  verifyMs: number;
  /** Virtual duration of the goal. */
  goalMinutes: number;
  requests: number;
  writes: number;
  requestsPerHour: number;
  targetPerHour: number;
  /** Requests per iteration, by kind. */
  byKind: Record<string, number>;
  statusEdits: number;
  coalescedWrites: number;
  ok: boolean;
}

const ITERATIONS = 60;
const TURN_MS = 8_000;
const VERIFY_MS = 20_000;

/** Each iteration: read, add a note (a checkpoint), end the turn; the last one fixes and claims. */
function mainTurn(n: number): ScriptedTurn {
  const iteration = Math.floor(n / 3) + 1;
  const step = n % 3;
  if (iteration === ITERATIONS) return [FIX, COMPLETE, { text: 'done' }][step]!;
  if (step === 0) return { toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }] };
  if (step === 1)
    return {
      toolCalls: [
        {
          name: 'apply_patch',
          arguments: {
            input: `*** Begin Patch\n*** Add File: notes/${iteration}.md\n+step ${iteration}\n*** End Patch`,
          },
        },
      ],
    };
  return { text: `Iteration ${iteration} done; verify.` };
}

function kindOf(method: string, p: string): string {
  if (p.includes('/check-runs') || p.includes('/statuses/')) return 'checks';
  if (p.includes('/pulls')) return 'pull request';
  if (p.includes('/labels')) return 'labels';
  if (method === 'GET' && /\/issues\/\d+\/comments$/.test(p)) return 'polls';
  if (p.includes('/comments')) return 'status and comments';
  return 'other';
}

export async function runGitHubBudgetBench(): Promise<GitHubBudgetResult> {
  const script = goalScript(mainTurn);
  const world = await ModelWorld.create({
    api: 'responses',
    script,
    budget: { iterations: ITERATIONS, timeSec: 24 * 3600 },
  });
  const token = 'ghs_budget_token';
  // A real remote the fake serves, as in the Action: each checkpoint is pushed, and the goal
  // record rides in that push (so between checkpoints the record goes by the API only when due).
  const remote = `${world.root}-remote.git`;
  await world.git(['clone', '--quiet', '--bare', world.root, remote]);
  await world.git(['remote', 'add', 'origin', remote]);
  const fake = await startGitHubFake({ owner: 'acme', repo: 'cart', token, gitDir: remote });
  let offset = 0;
  const now = () => Date.now() + offset;
  processMeter.now = now;
  // The background writer's debounce on the same clock: a real timer set for a virtual delay would
  // fire by how fast this machine runs the bench, not by the goal's time.
  const timers: { due: number; fn: () => void }[] = [];
  const timer = (fn: () => void, ms: number) => {
    const entry = { due: now() + ms, fn };
    timers.push(entry);
    return () => {
      const i = timers.indexOf(entry);
      if (i >= 0) timers.splice(i, 1);
    };
  };
  const advance = (ms: number) => {
    offset += ms;
    for (const due of timers.filter((t) => t.due <= now()).sort((a, b) => a.due - b.due)) {
      timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
  };
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  try {
    const octokit = createOctokit({ token, baseUrl: fake.url, spaceWrites: false, log: { warn } });
    const gh = new GitHubRepo(octokit, { owner: 'acme', repo: 'cart' });
    const issue = fake.createIssue({ title: 'Cart ignores quantities', body: 'b', user: 'alice' });
    const record = { ...world.record, number: issue.number, baseRef: 'main' };
    const channel = openChannel(
      gh,
      issue.number,
      undefined,
      {
        runId: 'run-1',
        links: { runUrl: 'https://example.test/run/1', commitUrl: (sha) => `c/${sha}` },
        debounceMs: 10_000,
        now,
        timer,
        warn,
        redact: (t) => t,
      },
      { workspace: world.root, runUrl: 'https://example.test/run/1' },
    );
    const control = new GitHubControl(gh, {
      issueNumber: issue.number,
      afterCommentId: 0,
      mayControl: async () => true,
      editContract: () => record.contract,
      budgetFor: () => record.budget,
      minIntervalMs: 15_000,
      now,
      warn,
    });
    const started = now();
    const wrap = (deps: EngineDeps): EngineDeps => ({
      ...deps,
      workspace: createGitWorkspace({
        root: world.root,
        remote: { name: 'origin' },
        rider: channel.checkpointRider(),
      }),
      store: channel,
      reporter: channel,
      clock: { now },
      model: {
        name: deps.model.name,
        turn: async (request, signal) => {
          const response = await deps.model.turn(request, signal);
          advance(TURN_MS);
          return response;
        },
      },
      verifiers: {
        run: async (specs, signal) => {
          const results = await deps.verifiers.run(specs, signal);
          advance(VERIFY_MS);
          return results;
        },
      },
    });
    const final = await world.run({
      record,
      control,
      wrap,
      engine: { stallIterations: 1000 },
    });
    await channel.flush();
    const hours = (now() - started) / 3_600_000;
    const requests = fake.requests;
    const byKind: Record<string, number> = {};
    for (const r of requests) {
      const kind = kindOf(r.method, r.path);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    for (const kind of Object.keys(byKind))
      byKind[kind] = Number((byKind[kind]! / final.iteration).toFixed(2));
    const perHour = Math.round(requests.length / hours);
    return {
      bench: 'github-budget',
      iterations: final.iteration,
      state: final.state,
      modelTurns: script.mainCalls(),
      turnMs: TURN_MS,
      verifyMs: VERIFY_MS,
      goalMinutes: Math.round(hours * 60),
      requests: requests.length,
      writes: requests.filter((r) => r.method !== 'GET').length,
      requestsPerHour: perHour,
      targetPerHour: GOAL_REQUESTS_PER_HOUR,
      byKind,
      statusEdits: requests.filter((r) => r.method === 'PATCH' && r.path.includes('/comments/'))
        .length,
      coalescedWrites: channel.writes.coalesced,
      ok: final.iteration === ITERATIONS && perHour <= GOAL_REQUESTS_PER_HOUR,
    };
  } finally {
    processMeter.now = () => Date.now();
    await fake.close().catch(() => undefined);
    await world.close();
    await rm(remote, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runGitHubBudgetBench();
  console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}
