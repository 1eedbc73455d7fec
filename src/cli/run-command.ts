// `goal-action run "<objective>"`: the preconditions in the order a person expects (a git
// repository → a clean tree → verifiers → an API key → a model endpoint that answers), then the
// goal itself (its baseline first), and at the end back on the branch the person started from.
import {
  applyBudget,
  DEFAULT_BUDGET,
  DEFAULT_MAX_BUDGET,
  describeCaps,
  resolveLimits,
} from '../config/budget.js';
import { GOAL_YML_PATH } from '../config/goal-yml.js';
import { goalBranchName } from '../git/branch-name.js';
import type { BudgetLimits, GoalRecord, GoalState } from '../engine/types.js';
import { createModel } from '../model/index.js';
import { isQuotaStop } from './advice.js';
import { checkEndpoint } from './endpoint-check.js';
import { EXIT, UsageError, CliError } from './errors.js';
import { readRepoConfig, runLocalGoal, type LocalGoalOptions } from './local-goal.js';
import { openRepository, requireCleanTree, startDir } from './preflight.js';
import { branchExists, returnToStart } from './start-branch.js';

export const DEFAULT_MODEL = 'gpt-5.1-codex';

export interface RunOptions {
  verify: string[];
  budget?: Partial<BudgetLimits>;
  model?: string;
  api: 'responses' | 'chat';
  baseUrl?: string;
  contextWindow?: number;
  repo?: string;
}

export async function runCommand(
  objective: string,
  o: RunOptions,
  out: LocalGoalOptions['out'],
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const repo = await openRepository(o.repo ?? startDir(env));
  await requireCleanTree(repo);

  const config = readRepoConfig(repo.root);
  if (o.verify.length === 0 && !config?.verify.length)
    throw new UsageError(
      `No verifier: a goal is achieved only when verifiers pass. Give one with --verify "npm test", ` +
        `or add verify: to ${GOAL_YML_PATH} (goal-action init writes one).`,
    );
  const limits = resolveLimits({ budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET }, config);
  const { budget, capped } = applyBudget(o.budget ?? {}, limits.budget, limits.maxBudget);
  if (capped.length) out.write(`note: ${describeCaps(capped)}\n`);

  const apiKey = env.OPENAI_API_KEY?.trim() ?? '';
  if (!apiKey)
    throw new CliError(
      'Set OPENAI_API_KEY to an API key for the model endpoint (export OPENAI_API_KEY=…), or try `goal-action demo`, which needs no key.',
    );
  // The key is read once; the agent's commands get an allow-listed environment without it.
  delete env.OPENAI_API_KEY;
  const model = o.model ?? env.GOAL_ACTION_MODEL ?? DEFAULT_MODEL;
  const baseURL = o.baseUrl ?? env.OPENAI_BASE_URL;
  const note = await checkEndpoint({ apiKey, model, ...(baseURL ? { baseURL } : {}) });
  if (note) out.write(`note: ${note}\n`);

  // The same name local-goal.ts gives the branch; known before the run so a failure can clean up.
  const goalBranch = goalBranchName(objective);
  const existed = await branchExists(repo.git, goalBranch);
  try {
    const record = await runLocalGoal({
      root: repo.root,
      objective,
      verify: o.verify,
      budget,
      model: createModel({ api: o.api, apiKey, model, ...(baseURL ? { baseURL } : {}) }),
      modelName: model,
      out,
      signal,
      ...(o.contextWindow ? { contextWindow: o.contextWindow } : {}),
    });
    return exitCode(record);
  } finally {
    try {
      const said = await returnToStart(repo.git, repo.start, goalBranch, existed);
      if (said) out.write(`${said}\n`);
    } catch (err) {
      out.write(`note: could not switch back to where you started: ${(err as Error).message}\n`);
    }
  }
}

export function exitCode(record: GoalRecord): number {
  if (isQuotaStop(record)) return EXIT.quota;
  return stateExit(record.state);
}

export function stateExit(state: GoalState): number {
  if (state === 'achieved') return EXIT.achieved;
  if (state === 'failed') return EXIT.error;
  return EXIT.stopped;
}
