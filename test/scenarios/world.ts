// One scenario world: a real git repository holding a small `node --test` project, the real
// workspace (checkpoint commits with trailers), the real tools (apply_patch and shell edit real
// files), the real verifier runner (real processes, flake re-runs, metrics) — and a scripted model
// that plays, iteration by iteration, what an agent might do, honest or not.
import { rm } from 'node:fs/promises';
import { expect } from 'vitest';
import { runGoal } from '../../src/engine/loop.js';
import type { EngineOptions } from '../../src/engine/options.js';
import type { ModelRequest } from '../../src/engine/ports.js';
import {
  COMPACT_PROMPT,
  RESTATE_PROMPT,
  WRAP_UP_PROMPT,
  reviewPrompt,
} from '../../src/engine/prompts.js';
import type {
  BudgetLimits,
  GoalRecord,
  MetricTarget,
  VerifierSpec,
} from '../../src/engine/types.js';
import { createGitWorkspace } from '../../src/git/workspace.js';
import { createToolHost } from '../../src/tools/index.js';
import { createVerifierRunner, type VerifierRunnerOptions } from '../../src/verify/runner.js';
import {
  EventLog,
  MemoryStore,
  QueueControl,
  ScriptedModel,
  testContract,
  testRecord,
  type ScriptStep,
} from '../support/engine-fakes.js';
import { makeRepo, runGit, type TestRepo } from '../support/git-fixtures.js';

// ---------------------------------------------------------------- the sample project

export const CART_SOURCE = `// A tiny shopping cart.
export function total(items) {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
`;

export const CART_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { total } from '../src/cart.js';

test('total adds prices', () => {
  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);
});

test('total multiplies by quantity', () => {
  assert.equal(total([{ price: 2, quantity: 3 }, { price: 1 }]), 7);
});
`;

/** A package.json whose `test` script is the suite; `extra` is merged in (more scripts, c8 config). */
export function packageJson(
  extra: Record<string, unknown> = {},
  scripts: Record<string, string> = {},
): string {
  return `${JSON.stringify({ name: 'cart', version: '1.0.0', type: 'module', scripts: { test: 'node --test', ...scripts }, ...extra }, null, 2)}\n`;
}

/** The cart project: `total()` ignores quantities, so one of its two tests fails. */
export function cartProject(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'package.json': packageJson(),
    'src/cart.js': CART_SOURCE,
    'test/cart.test.js': CART_TEST,
    ...extra,
  };
}

// ---------------------------------------------------------------- what the model does

export interface Call {
  name: string;
  args: unknown;
}

/** A patch in the `*** Begin Patch` format for the apply_patch tool. */
export function patch(body: string): Call {
  return { name: 'apply_patch', args: { input: `*** Begin Patch\n${body.trim()}\n*** End Patch` } };
}

/** The honest fix: multiply by the quantity. */
export const FIX_CART = patch(`*** Update File: src/cart.js
@@
 export function total(items) {
   let sum = 0;
-  for (const item of items) sum += item.price;
+  for (const item of items) sum += item.price * (item.quantity ?? 1);
   return sum;
 }`);

export const shell = (command: string): Call => ({ name: 'shell', args: { command } });
export const complete = (evidence = 'npm test passes: 2 of 2 tests'): Call => ({
  name: 'update_goal',
  args: { status: 'complete', evidence },
});
export const blocked = (blocker: string, needs?: string): Call => ({
  name: 'update_goal',
  args: { status: 'blocked', blocker, ...(needs ? { needs } : {}) },
});

/** What the model calls at the start of each iteration (1-based); nothing means it ends its turn. */
export type IterationPlan = Record<number, Call[]> | ((iteration: number) => Call[] | undefined);

export const REVIEW_REPORT =
  'Approach: total() multiplies each price by its quantity. Evidence: the verifier passes.';

function lastUserMessage(request: ModelRequest): string {
  for (let i = request.input.length - 1; i >= 0; i--) {
    const item = request.input[i]!;
    if (item.type === 'message' && item.role === 'user') return item.content;
  }
  return '';
}

/**
 * A model that answers side turns (restatement, wrap-up, compaction) with text and, in each
 * iteration, makes the calls the plan gives, then ends its turn once it has seen their results. In
 * the review turn it makes the `review` calls, then writes REVIEW_REPORT.
 */
export function scriptedAgent(plan: IterationPlan, review: Call[] = []): ScriptedModel {
  const reviewHead = reviewPrompt('').slice(0, 30);
  return new ScriptedModel((request): ScriptStep => {
    const user = lastUserMessage(request);
    const last = request.input.at(-1);
    if (user.startsWith(reviewHead))
      return last?.type === 'message' && review.length > 0
        ? { calls: review }
        : { text: REVIEW_REPORT };
    if (last?.type === 'message' && last.role === 'user') {
      if (user === RESTATE_PROMPT)
        return {
          text: 'Outcome: total() honours quantities. Verification: the configured verifiers pass.',
        };
      if (user === WRAP_UP_PROMPT)
        return { text: 'Wrap-up: the budget ran out before the target was met.' };
      if (user.startsWith(COMPACT_PROMPT)) return { text: 'Summary: worked on src/cart.js.' };
    }
    if (last?.type === 'tool_result') return { text: 'Ending my turn so the harness can verify.' };
    const iteration = Number(/^# Iteration (\d+)/.exec(user)?.[1] ?? 0);
    const calls = typeof plan === 'function' ? plan(iteration) : plan[iteration];
    return calls?.length ? { calls } : { text: 'Nothing more to do.' };
  });
}

/** The user message that opened iteration `n`, as the model read it. */
export function iterationMessage(model: ScriptedModel, n: number): string | undefined {
  for (const request of model.requests) {
    const user = lastUserMessage(request);
    if (user.startsWith(`# Iteration ${n}\n`)) return user;
  }
  return undefined;
}

// ---------------------------------------------------------------- verifiers

export function check(
  name: string,
  command: string,
  extra: Partial<VerifierSpec> = {},
): VerifierSpec {
  return {
    name,
    command,
    timeoutSec: 60,
    kind: 'check',
    required: true,
    source: 'config',
    ...extra,
  };
}

export function metric(
  name: string,
  command: string,
  pattern: string,
  target: MetricTarget,
): VerifierSpec {
  return {
    name,
    command,
    timeoutSec: 60,
    kind: 'metric',
    required: true,
    source: 'config',
    pattern,
    target,
  };
}

// ---------------------------------------------------------------- running a goal

export interface ScenarioOptions {
  files: Record<string, string>;
  verification: VerifierSpec[];
  plan: IterationPlan;
  /** Calls the model makes in the review turn (with `engine: { review: true }`). */
  review?: Call[];
  objective?: string;
  budget?: Partial<BudgetLimits>;
  engine?: Partial<EngineOptions>;
  /** Verifier runner settings; flake re-runs default to 0 so failures cost one run. */
  runner?: Partial<Omit<VerifierRunnerOptions, 'root'>>;
  /** Environment added to the model's shell commands. */
  toolEnv?: Record<string, string>;
  allowedChanges?: string[];
}

export interface ScenarioRun {
  record: GoalRecord;
  model: ScriptedModel;
  events: EventLog;
  repo: TestRepo;
  /** The full message of a commit on the goal branch. */
  commitMessage(sha: string): Promise<string>;
  /** Rule ids of the findings the goal ended with. */
  rules(): string[];
}

const repos: TestRepo[] = [];

/** Removes every repository the scenarios made; call from afterAll. */
export async function cleanupScenarios(): Promise<void> {
  for (const repo of repos.splice(0)) await repo.cleanup();
}

/** Removes a temporary file or directory a scenario used outside its repository. */
export const removePath = (path: string): Promise<void> =>
  rm(path, { recursive: true, force: true });

export async function runScenario(o: ScenarioOptions): Promise<ScenarioRun> {
  const repo = await makeRepo(o.files);
  repos.push(repo);
  const contract = testContract({
    outcome: o.objective ?? 'Make `total()` honour item quantities so the cart tests pass.',
    verification: o.verification,
    allowedChanges: o.allowedChanges ?? [],
  });
  const record = testRecord({
    id: 'goal-scenario',
    title: 'Cart quantities',
    contract,
    branch: 'goal/cart-quantities',
    baseRef: 'main',
    budget: { tokens: 2_000_000, usd: 100, timeSec: 3600, iterations: 6, ...o.budget },
  });
  const model = scriptedAgent(o.plan, o.review);
  const events = new EventLog();
  const result = await runGoal(
    record,
    {
      model,
      tools: createToolHost({
        root: repo.dir,
        protectedPaths: contract.protectedPaths,
        ...(o.toolEnv ? { env: o.toolEnv } : {}),
      }),
      verifiers: createVerifierRunner({ root: repo.dir, flakeReruns: 0, ...o.runner }),
      workspace: createGitWorkspace({ root: repo.dir }),
      store: new MemoryStore(),
      control: new QueueControl(),
      reporter: events,
      clock: { now: () => Date.now() },
    },
    { runId: 'scenario-run', model: 'gpt-5', review: false, stallIterations: 2, ...o.engine },
  );
  return {
    record: result,
    model,
    events,
    repo,
    commitMessage: (sha) => runGit(repo.dir, ['log', '-1', '--format=%B', sha]),
    rules: () => [...new Set(result.findings.map((f) => f.rule))],
  };
}

// ---------------------------------------------------------------- cheats

export const NODE_TEST = check('test', 'node --test');

/**
 * A cheat: claim completion in iteration 1, then do nothing. Three iterations of budget, so the
 * model is sent iteration 2 (with the refusal) before the budget ends the goal.
 */
export function cheat(
  files: Record<string, string>,
  calls: Call[],
  verification = [NODE_TEST],
): Promise<ScenarioRun> {
  return runScenario({
    files,
    verification,
    plan: { 1: [...calls, complete()] },
    budget: { iterations: 3 },
  });
}

/** What a user sees after a cheat: not achieved, the rule reported, the model told, the verifier green. */
export function expectRefused(run: ScenarioRun, rule: string): void {
  expect(run.record.state).toBe('budget-limited');
  expect(run.rules()).toContain(rule);
  // The verifier itself passed on the checkpoint: only the tamper rule stands between the cheat and "achieved".
  expect(run.record.latest?.results.every((r) => r.passed)).toBe(true);
  expect(
    run.record.progress.some(
      (p) => p.text.startsWith('Completion refused') && p.text.includes(`\`${rule}\``),
    ),
  ).toBe(true);
  const told = iterationMessage(run.model, 2);
  expect(told).toContain('Completion refused by the harness');
  expect(told).toContain(`Tamper rule \`${rule}\` fired`);
}
