// The fault-injection world shared by test/e2e/fault-injection.test.ts (a few kill points) and
// bench/fault-injection.ts (all of them): one GoalWorld whose every goal is the same deterministic
// five-checkpoint goal, a Tripwire wired into the remote's hooks, the verifiers, the scripted model
// server and a proxy in front of the GitHub fake, and `runPoint`, which starts a goal on a fresh
// issue, kills the runner at the armed point, re-runs it as GitHub re-runs a failed job (same run
// id, run_attempt + 1) and measures what the issue asks: the final tree, one branch, one PR, one
// status comment, and the ledger against what the model server billed.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeRecord } from '../../src/state/codec.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { runGit } from './git-fixtures.js';
import { GoalWorld, MAINTAINER, OWNER, REPO, goalScript } from './goal-world.js';
import { Tripwire, startObservingProxy, type PointKind } from './kill-points.js';
import type { RecordedRequest, ScriptedTurn } from './openai-server.js';
import { issueCommentEvent } from './webhook-events.js';

export const STEPS = 5;
export const OBJECTIVE = 'Write the five step files';

/** Adds the next missing step file (never a sixth), then says how many exist: idempotent by state. */
const STEP_COMMAND = `mkdir -p steps; n=$(ls steps | wc -l); if [ "$n" -lt ${STEPS} ]; then n=$((n+1)); echo "step $n" > steps/$n.txt; fi; echo "steps: $n"`;
const STEP: ScriptedTurn = {
  toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', STEP_COMMAND] } }],
};
const DONE: ScriptedTurn = {
  toolCalls: [
    {
      name: 'update_goal',
      arguments: { status: 'complete', evidence: 'steps/1.txt … steps/5.txt exist' },
    },
  ],
};

/** The output of the newest tool result in a request, in either API's shape. */
function lastToolOutput(req: RecordedRequest): string {
  const items: { role?: string; type?: string; content?: unknown; output?: unknown }[] =
    req.api === 'chat' ? req.body.messages : req.body.input;
  const last = items.at(-1);
  if (last?.role === 'tool') return typeof last.content === 'string' ? last.content : '';
  if (last?.type === 'function_call_output') return String(last.output ?? '');
  return '';
}

/**
 * The model decides from what it sees, never from how many calls it made, so a run that was
 * killed and re-run reaches the same tree: each iteration adds one step file and ends its turn;
 * once the fifth exists it asks to complete.
 */
function fiveStepModel(_n: number, req: RecordedRequest): ScriptedTurn {
  const m = /steps: (\d+)/.exec(lastToolOutput(req));
  if (!m) return STEP;
  return Number(m[1]) < STEPS ? { text: `Step ${m[1]} written.` } : DONE;
}

export type KillPoint = `${PointKind}:${number}`;

/** The points the issue names, each the k-th event of its kind in the goal's first run. */
export const ALL_POINTS: { point: KillPoint; what: string }[] = [
  { point: 'github-write:1', what: 'start-up: the first GitHub write (the reaction)' },
  { point: 'status-write:1', what: 'start-up: creating the status comment (never arrives)' },
  { point: 'verify:2', what: 'start-up: during the baseline verifier run' },
  { point: 'verify:3', what: 'start-up: during a later baseline verifier run (record queued)' },
  { point: 'model:2', what: 'during model request 2 (iteration 1)' },
  { point: 'model:6', what: 'during model request 6 (iteration 3)' },
  { point: 'verify:6', what: 'during the verifier run of checkpoint 3' },
  { point: 'push:2', what: 'during the push of checkpoint 2 (pre-receive holds it)' },
  { point: 'pushed:3', what: 'after checkpoint 3 landed on the remote, before the record write' },
  { point: 'status-write:4', what: 'during a status-comment update (never arrives)' },
  { point: 'pr-create:1', what: 'during PR creation (created, the answer lost)' },
  { point: 'pushed:5', what: 'after the last checkpoint landed, before the record write' },
  { point: 'model:10', what: 'during the last model request (the completion claim)' },
];

export interface PointResult {
  point: string;
  /** Whether the runner was killed at the point (false: the run never got there). */
  killed: boolean;
  firstRun: { status?: string; signal: string | null };
  rerun: { status?: string; exitCode: number | null };
  tree: string;
  branches: string[];
  pulls: number;
  statusComments: number;
  billed: { tokens: number; calls: number; largestCall: number };
  ledger: { tokens: number; calls: number } | null;
  /** billed − ledger (positive: the ledger undercounts). */
  shortfall: { tokens: number; calls: number } | null;
  state?: string;
}

/** Whether one point meets the issue's bar, and the reasons it does not. */
export function judgePoint(r: PointResult, referenceTree: string): string[] {
  const problems: string[] = [];
  if (!r.killed) problems.push('the runner was never killed at the point');
  if (r.rerun.status !== 'achieved')
    problems.push(`re-run ended ${r.rerun.status ?? 'with no status'}`);
  if (r.tree !== referenceTree) problems.push('final tree differs from the uninterrupted run');
  if (r.branches.length !== 1) problems.push(`${r.branches.length} goal branches`);
  if (r.pulls !== 1) problems.push(`${r.pulls} PRs`);
  if (r.statusComments !== 1) problems.push(`${r.statusComments} status comments`);
  if (!r.ledger) problems.push('no readable record');
  else {
    // The stored record (the ref's) says what the run reported, not a state it left behind.
    if (r.state !== r.rerun.status)
      problems.push(`the stored record says ${r.state}, the re-run ended ${r.rerun.status}`);
    if (r.ledger.tokens < r.billed.tokens - r.billed.largestCall)
      problems.push(
        `ledger ${r.ledger.tokens} tokens < billed ${r.billed.tokens} − one call (${r.billed.largestCall})`,
      );
    if (r.ledger.calls < r.billed.calls - 1)
      problems.push(`ledger ${r.ledger.calls} calls < billed ${r.billed.calls} − 1`);
  }
  return problems;
}

export class FaultWorld {
  private issueCount = 0;
  private runIds = 7000;

  private constructor(
    readonly world: GoalWorld,
    readonly tripwire: Tripwire,
    private readonly proxy: { url: string; close(): Promise<void> },
  ) {}

  static async create(): Promise<FaultWorld> {
    // The runner is known by the API URL it is given: the proxy's, once the world exists.
    const tripwire = await Tripwire.create(() => world.github.url);
    const inner = goalScript(fiveStepModel);
    if (typeof inner !== 'function') throw new Error('goalScript returns a function script');
    const world = await GoalWorld.create(async (req) => {
      // Every request counts, side turns too; on the armed one the runner dies while it waits.
      await tripwire.fire('model');
      return inner(req, 0);
    });
    await tripwire.installHooks(world.remote);
    const verify = path.join(tripwire.dir, 'verify.sh');
    await writeFile(
      verify,
      `#!/bin/sh\n[ "$1" = 1 ] && sh '${tripwire.script}' verify\ntest -f "steps/$1.txt"\n`,
      { mode: 0o755 },
    );
    // The Action talks to GitHub through the observing proxy (its answers name the proxy's URL).
    const proxy = await startObservingProxy(world.github.url, tripwire);
    world.github.url = proxy.url;
    return new FaultWorld(world, tripwire, proxy);
  }

  get inputs(): Record<string, string> {
    const verify = path.join(this.tripwire.dir, 'verify.sh');
    return {
      verify: Array.from({ length: STEPS }, (_, i) => `step${i + 1}: sh ${verify} ${i + 1}`).join(
        '\n',
      ),
      // The kill points are about the record, not isolation: commands run as the Action, in its
      // process group, so the kill ends them as a lost runner would.
      sandbox: 'off',
      'agent-user': 'none',
    };
  }

  /** The goal branch of an issue on the remote and the names of all its branches. */
  async branches(issue: number): Promise<string[]> {
    const out = await runGit(this.world.remote, [
      'for-each-ref',
      '--format=%(refname:short)',
      `refs/heads/goal/${issue}-*`,
    ]);
    return out.split('\n').filter(Boolean);
  }

  /** The record's truth: the ref store when it exists, the status comment otherwise. */
  async record(issue: number): Promise<GoalRecord | null> {
    const json = await runGit(this.world.remote, [
      'show',
      `refs/goal-action/${issue}:record.json`,
    ]).catch(() => null);
    if (json) return JSON.parse(json) as GoalRecord;
    return decodeRecord(this.world.statusComments(issue)[0]?.body ?? '');
  }

  /**
   * A goal on a new issue, killed at `point` in its first run (none: uninterrupted), then re-run
   * as "Re-run failed jobs" does after a lost runner: the same event, run id and run_attempt + 1.
   */
  async runPoint(point: KillPoint | null): Promise<PointResult> {
    const w = this.world;
    const issue = w.issue(`Goal ${++this.issueCount}`, 'Write steps/1.txt to steps/5.txt.').number;
    const firstRequest = w.openai.requests.length;
    const body = `/goal ${OBJECTIVE}`;
    const comment = w.github.addComment(issue, MAINTAINER, body);
    const gh = w.github.issues.get(issue)!;
    const event = issueCommentEvent({
      repo: { owner: OWNER, repo: REPO },
      issue: { number: issue, title: gh.title, body: gh.body, author: { login: gh.user } },
      comment: { id: comment.id, body, author: { login: MAINTAINER } },
    });
    const runId = String(this.runIds++);
    const killed = point ? this.tripwire.arm(point) : null;
    const first = await w.run('issue_comment', event, {
      runId,
      actor: MAINTAINER,
      inputs: this.inputs,
    });
    this.tripwire.disarm();
    const wasKilled = killed !== null && first.signal === 'SIGKILL';
    const second = point
      ? await w.run('issue_comment', event, {
          runId,
          runAttempt: 2,
          actor: MAINTAINER,
          inputs: this.inputs,
        })
      : first;
    // FAULT_LOGS=<dir> keeps each run's log, to see what a failing point did.
    if (process.env.FAULT_LOGS) {
      const name = (point ?? 'none').replace(':', '-');
      await writeFile(
        path.join(process.env.FAULT_LOGS, `${name}-1.log`),
        first.stdout + first.stderr,
      );
      await writeFile(
        path.join(process.env.FAULT_LOGS, `${name}-2.log`),
        second.stdout + second.stderr,
      );
    }
    const branches = await this.branches(issue);
    const tree = branches[0]
      ? await runGit(w.remote, ['rev-parse', `${branches[0]}^{tree}`]).catch(() => '')
      : '';
    const billedRequests = w.openai.requests.slice(firstRequest).filter((r) => r.status === 200);
    const cost = (r: RecordedRequest) => r.inputTokens - r.cachedTokens + r.outputTokens;
    const billed = {
      tokens: billedRequests.reduce((n, r) => n + cost(r), 0),
      calls: billedRequests.length,
      largestCall: Math.max(0, ...billedRequests.map(cost)),
    };
    const record = await this.record(issue);
    const ledger = record
      ? { tokens: record.ledger.tokens, calls: record.ledger.modelCalls }
      : null;
    return {
      point: point ?? 'none',
      killed: wasKilled,
      firstRun: { status: first.outputs.status, signal: first.signal },
      rerun: { status: second.outputs.status, exitCode: second.exitCode },
      tree,
      branches,
      pulls: w.github.pulls.filter((p) => p.headRef.startsWith(`goal/${issue}-`)).length,
      statusComments: w.statusComments(issue).length,
      billed,
      ledger,
      shortfall: ledger
        ? { tokens: billed.tokens - ledger.tokens, calls: billed.calls - ledger.calls }
        : null,
      ...(record ? { state: record.state } : {}),
    };
  }

  async close(): Promise<void> {
    await this.tripwire.close();
    await this.proxy.close();
    await this.world.close();
  }
}
