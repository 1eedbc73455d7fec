// The workflow the example recommends (examples/workflows/goal.yml), run as the runner runs it: the
// `route` job (no checkout, the example's `with:`) for every event, then — only when its `run-loop`
// output is 'true', as the `pursue` job's `if:` says — the `pursue` job (a checkout, the example's
// `with:`) in the same workflow run. Route acknowledges and queues without calling the model;
// pursue picks the goal up and reaches the verified outcome; route-only commands never start a
// loop; and pursue, on its own, still refuses a sender route would refuse (fail closed).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { decodeRecord } from '../../src/state/codec.js';
import { runAction, type ActionRunResult } from '../support/actions-runner.js';
import {
  COMPLETE,
  FIX,
  GoalWorld,
  MAINTAINER,
  OWNER,
  REPO,
  TOKEN,
  goalScript,
} from '../support/goal-world.js';
import { issueCommentEvent } from '../support/webhook-events.js';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}
const EXAMPLE = new URL('../../examples/workflows/goal.yml', import.meta.url);

let world: GoalWorld;
let jobs: { route: Job; pursue: Job };
/** The workflow's `env:`, which the steps' `with:` may refer to. */
let workflowEnv: Record<string, string>;
let runs = 7000;
const scratch: string[] = [];

beforeAll(async () => {
  const example = parseYaml(await readFile(EXAMPLE, 'utf8')) as {
    jobs: typeof jobs;
    env?: Record<string, unknown>;
  };
  jobs = example.jobs;
  workflowEnv = Object.fromEntries(
    Object.entries(example.env ?? {}).map(([k, v]) => [k, String(v)]),
  );
  world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
});
afterAll(async () => {
  await world?.close();
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
});

/** The goal-action step of a job, and its `with:` as the runner would pass it here. */
function stepInputs(job: Job): Record<string, string> {
  const step = job.steps.find((s) => s.uses?.startsWith('goal-action/goal-action@'));
  expect(step?.id).toBe('goal');
  const inputs: Record<string, string> = {
    // The test's endpoint in place of OpenAI's (the example leaves these at their defaults).
    'base-url': world.openai.baseURL,
    model: 'gpt-5',
    api: 'chat',
    'agent-user': 'auto',
  };
  for (const [k, v] of Object.entries(step?.with ?? {}))
    inputs[k] = String(v).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
      if (expr === 'secrets.OPENAI_API_KEY') return 'sk-test-key';
      const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
      if (env && workflowEnv[env[1]!] !== undefined) return workflowEnv[env[1]!]!;
      throw new Error(`two-job: cannot evaluate \${{ ${expr} }} in the example's \`${k}\``);
    });
  return inputs;
}

/** The `route` job: it has no checkout step, so its workspace is empty. */
async function routeJob(event: unknown, actor: string, runId: string): Promise<ActionRunResult> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'route-job-'));
  scratch.push(workspace);
  world.github.workflowRuns.set(Number(runId), { status: 'in_progress' });
  return runAction({
    ...(process.env.GOAL_ACTION_DIST ? { entry: `${process.env.GOAL_ACTION_DIST}/index.js` } : {}),
    eventName: 'issue_comment',
    event,
    workspace,
    repository: `${OWNER}/${REPO}`,
    apiUrl: world.github.url,
    githubToken: TOKEN,
    runId,
    actor,
    inputs: stepInputs(jobs.route),
    env: { GOAL_ACTION_UNTHROTTLED: '1' },
    timeoutMs: 60_000,
  });
}

/** The `pursue` job of the same run: actions/checkout, then the step. */
function pursueJob(event: unknown, actor: string, runId: string): Promise<ActionRunResult> {
  return world.run('issue_comment', event, { runId, actor, inputs: stepInputs(jobs.pursue) });
}

/** One workflow run for a new comment: route, then pursue only when route says so. */
async function workflowRun(issue: number, user: string, body: string) {
  const event = commentEvent(issue, user, body);
  const runId = String(runs++);
  const route = await routeJob(event, user, runId);
  expect(route.failed, route.stdout + route.stderr).toBe(false);
  const pursue =
    route.outputs['run-loop'] === 'true' ? await pursueJob(event, user, runId) : undefined;
  return { event, runId, route, pursue };
}

function commentEvent(issue: number, user: string, body: string): unknown {
  const comment = world.github.addComment(issue, user, body);
  const i = world.github.issues.get(issue)!;
  return issueCommentEvent({
    repo: { owner: OWNER, repo: REPO },
    issue: { number: issue, title: i.title, body: i.body, author: { login: i.user } },
    comment: { id: comment.id, body, author: { login: user } },
  });
}

const stored = (issue: number) => decodeRecord(world.statusComments(issue)[0]?.body ?? '');
const modelCalls = () => world.openai.requests.length;

describe('the example workflow: route, then pursue', () => {
  it('wires route’s run-loop output into the pursue job’s condition', () => {
    expect(jobs.route.outputs?.['run-loop']).toBe('${{ steps.goal.outputs.run-loop }}');
    expect(jobs.pursue.needs).toBe('route');
    expect(jobs.pursue.if).toBe("needs.route.outputs.run-loop == 'true'");
    const route = stepInputs(jobs.route);
    const pursue = stepInputs(jobs.pursue);
    expect(route.mode).toBe('route');
    expect(pursue.mode).toBe('pursue');
    // Route builds each new goal's contract and budget; pursue applies edits and budget changes:
    // both must be given the same settings.
    for (const name of ['verify', 'budget', 'max-budget', 'trigger-label', 'allowed-bots'])
      expect(route[name], name).toBe(pursue[name]);
    expect(route.verify).toMatch(/\S/);
  });

  it('route acknowledges and queues without the model; pursue reaches the verified outcome', async () => {
    const issue = world.issue();
    const run = await workflowRun(issue.number, MAINTAINER, '/goal Make total() honour quantities');
    expect(run.route.outputs).toMatchObject({ 'run-loop': 'true', status: 'queued' });
    expect(world.github.reactions.map((r) => r.content)).toContain('eyes');
    expect(run.pursue, 'the pursue job ran').toBeDefined();
    const pursue = run.pursue!;
    expect(pursue.failed, pursue.stdout).toBe(false);
    expect(pursue.outputs.status).toBe('achieved');
    expect(pursue.outputs['goal-id']).toBe(run.route.outputs['goal-id']);
    expect(modelCalls()).toBeGreaterThan(0);
    expect(world.statusComments(issue.number)).toHaveLength(1);
    expect(world.github.pulls).toHaveLength(1);
    expect(await world.branchLog(pursue.outputs.branch!)).not.toHaveLength(0);
    expect(stored(issue.number)?.state).toBe('achieved');

    // A route-only command: answered by route, no loop; a pursue job run anyway starts nothing.
    const calls = modelCalls();
    const status = await workflowRun(issue.number, MAINTAINER, '/goal status');
    expect(status.route.outputs['run-loop']).toBe('false');
    expect(status.pursue).toBeUndefined();
    const anyway = await pursueJob(status.event, MAINTAINER, status.runId);
    expect(anyway.failed).toBe(false);
    expect(anyway.outputs.status).toBe('achieved');
    expect(modelCalls()).toBe(calls);
    expect(world.statusComments(issue.number)).toHaveLength(1);
  }, 180_000);

  it('pause is route’s alone; pursue refuses a sender route refuses, even for a queued goal', async () => {
    const issue = world.issue('Cart rounding', 'total() should round to cents.');
    const calls = modelCalls();
    // Queued by route; its pursue job is still waiting for the concurrency group (not run here).
    const event = commentEvent(issue.number, MAINTAINER, '/goal Make total() round to cents');
    const queued = await routeJob(event, MAINTAINER, String(runs++));
    expect(queued.outputs['run-loop']).toBe('true');

    // A reader's command: route refuses visibly and asks for no loop ...
    const outsider = await workflowRun(issue.number, 'outsider', '/goal resume');
    expect(outsider.route.outputs['run-loop']).toBe('false');
    const replies = world.replies(issue.number);
    expect(replies.at(-1)?.body).toContain('@outsider has read access');
    // ... and a pursue job for that event (a workflow without the `if:`) runs nothing, silently.
    const forced = await pursueJob(outsider.event, 'outsider', outsider.runId);
    expect(forced.failed).toBe(false);
    expect(modelCalls()).toBe(calls);
    expect(world.replies(issue.number)).toHaveLength(replies.length);
    expect(stored(issue.number)?.state).toBe('queued');

    // The maintainer pauses it: route does it all, no loop.
    const pause = await workflowRun(issue.number, MAINTAINER, '/goal pause');
    expect(pause.route.outputs).toMatchObject({ 'run-loop': 'false', status: 'paused' });
    expect(pause.pursue).toBeUndefined();
    expect(stored(issue.number)?.state).toBe('paused');
    expect(world.replies(issue.number).at(-1)?.body).toContain('Paused');
    expect(modelCalls()).toBe(calls);
  }, 120_000);
});
