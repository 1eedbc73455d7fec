// The example workflow (examples/workflows/goal.yml), run job by job as the runner runs it: its
// `route` job (no checkout step, so an empty workspace) with the `with:` the example gives it, and
// — only when route's `run-loop` output is 'true', as the `pursue` job's `if:` says — its `pursue`
// job (actions/checkout, then the step) in the same workflow run. Expressions in `with:` are
// evaluated from the workflow's `env:` and the test's key; any other expression is an error, so an
// example that grows one cannot pass untested.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { GoalRecord } from '../../src/engine/types.js';
import { decodeRecord, readRecordJson } from '../../src/state/codec.js';
import { runAction, type ActionRunResult } from './actions-runner.js';
import { runGit } from './git-fixtures.js';
import { OWNER, REPO, TOKEN, type GoalWorld } from './goal-world.js';

export interface WorkflowStep {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
export interface WorkflowJob {
  needs?: string;
  if?: string;
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
}
export interface ExampleWorkflow {
  on: { workflow_dispatch?: { inputs?: Record<string, unknown> } };
  env?: Record<string, unknown>;
  jobs: { route: WorkflowJob; pursue: WorkflowJob };
}

const EXAMPLE = new URL('../../examples/workflows/goal.yml', import.meta.url);

export async function readExampleWorkflow(): Promise<ExampleWorkflow> {
  return parseYaml(await readFile(EXAMPLE, 'utf8')) as ExampleWorkflow;
}

export interface JobRun {
  eventName: string;
  event: unknown;
  actor: string;
  runId: string;
  /** Inputs added to (or replacing) the example's, e.g. a shorter `max-run-minutes`. */
  inputs?: Record<string, string>;
}

export class ExampleRunner {
  private readonly scratch: string[] = [];

  constructor(
    readonly workflow: ExampleWorkflow,
    private readonly world: GoalWorld,
  ) {}

  /** The goal-action step's `with:` of a job, evaluated, plus the test endpoint. */
  stepInputs(job: 'route' | 'pursue'): Record<string, string> {
    const step = this.workflow.jobs[job].steps.find((s) =>
      s.uses?.startsWith('goal-action/goal-action@'),
    );
    if (!step) throw new Error(`example-workflow: the ${job} job has no goal-action step`);
    const env = Object.fromEntries(
      Object.entries(this.workflow.env ?? {}).map(([k, v]) => [k, String(v)]),
    );
    const inputs: Record<string, string> = {
      // The test's endpoint in place of OpenAI's (the example leaves these at their defaults).
      'base-url': this.world.openai.baseURL,
      model: 'gpt-5',
      api: 'chat',
      'agent-user': 'auto',
    };
    for (const [name, value] of Object.entries(step.with ?? {}))
      inputs[name] = String(value).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
        if (expr === 'secrets.OPENAI_API_KEY') return 'sk-test-key';
        const ref = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr)?.[1];
        if (ref && env[ref] !== undefined) return env[ref]!;
        throw new Error(`example-workflow: cannot evaluate \${{ ${expr} }} in ${job}'s ${name}`);
      });
    return inputs;
  }

  /** The `route` job: no checkout step, so its workspace is an empty directory. */
  async route(run: JobRun): Promise<ActionRunResult> {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'route-job-'));
    this.scratch.push(workspace);
    this.world.github.workflowRuns.set(Number(run.runId), { status: 'in_progress' });
    return runAction({
      ...(process.env.GOAL_ACTION_DIST
        ? { entry: `${process.env.GOAL_ACTION_DIST}/index.js` }
        : {}),
      eventName: run.eventName,
      event: run.event,
      workspace,
      repository: `${OWNER}/${REPO}`,
      apiUrl: this.world.github.url,
      githubToken: TOKEN,
      runId: run.runId,
      actor: run.actor,
      inputs: { ...this.stepInputs('route'), ...run.inputs },
      env: { GOAL_ACTION_UNTHROTTLED: '1' },
      timeoutMs: 60_000,
    });
  }

  /** The `pursue` job of the same workflow run: actions/checkout, then the step. */
  pursue(run: JobRun): Promise<ActionRunResult> {
    return this.world.run(run.eventName, run.event, {
      runId: run.runId,
      actor: run.actor,
      inputs: { ...this.stepInputs('pursue'), ...run.inputs },
    });
  }

  /** A whole workflow run: route, then pursue only when route's `run-loop` is 'true'. */
  async both(run: JobRun): Promise<{ route: ActionRunResult; pursue?: ActionRunResult }> {
    const route = await this.route(run);
    if (route.failed) throw new Error(`the route job failed:\n${route.stdout}\n${route.stderr}`);
    if (route.outputs['run-loop'] !== 'true') return { route };
    return { route, pursue: await this.pursue(run) };
  }

  async close(): Promise<void> {
    await Promise.all(this.scratch.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/**
 * The goal as stored: the record on the goal's ref (refs/goal-action/<n>, record.json) when the
 * remote has one, else the record in the status comment (the comment store).
 */
export async function storedGoal(world: GoalWorld, issue: number): Promise<GoalRecord | null> {
  const ref = `refs/goal-action/${issue}`;
  const onRef = await runGit(world.remote, ['rev-parse', '--verify', '--quiet', ref]).catch(
    () => '',
  );
  if (onRef) {
    const decoded = readRecordJson(
      Buffer.from(await runGit(world.remote, ['show', `${ref}:record.json`])),
    );
    if (decoded.kind !== 'found') throw new Error(`the record on ${ref} is ${decoded.kind}`);
    return decoded.record;
  }
  return decodeRecord(world.statusComments(issue)[0]?.body ?? '');
}
