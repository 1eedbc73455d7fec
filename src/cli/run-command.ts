// `goal-action run "<objective>"`: the preconditions in the order a person expects (a git
// repository → a clean tree → verifiers → an API key → a model endpoint that answers), then the
// goal itself (its baseline first), and at the end back on the branch the person started from.
// The same objective names the same goal branch: a goal already kept there is continued with its
// ledger (or refused with the reason), never replaced, and a branch no record knows is not reused.
import {
  applyBudget,
  DEFAULT_BUDGET,
  DEFAULT_MAX_BUDGET,
  describeCaps,
  resolveLimits,
} from '../config/budget.js';
import { GOAL_YML_PATH } from '../config/goal-yml.js';
import { goalBranchName } from '../git/branch-name.js';
import type { BudgetLimits, GoalRecord, GoalState } from '../engine/index.js';
import { createModel } from '../model/index.js';
import { capText } from '../trigger/commands.js';
import { isQuotaStop } from './advice.js';
import { checkEndpoint } from './endpoint-check.js';
import { EXIT, UsageError, CliError } from './errors.js';
import type { FileStore } from './file-store.js';
import { branchProblem, branchState } from './goal-branch.js';
import { applyPending, resumeRecord, resumeVerdict, setBudget } from './goal-rules.js';
import { openStore, unreadableMessage } from './goal-select.js';
import { newLocalRecord, readRepoConfig, runLocalGoal, type LocalOut } from './local-goal.js';
import { openRepository, requireCleanTreeFor, startDir, type Repository } from './preflight.js';
import { branchExists, returnToStart } from './start-branch.js';

export const DEFAULT_MODEL = 'gpt-5.1-codex';

/** How to reach the model: the flags `run` and `resume` share. */
export interface ModelFlags {
  model?: string;
  api: 'responses' | 'chat';
  baseUrl?: string;
  contextWindow?: number;
  repo?: string;
}

export interface RunOptions extends ModelFlags {
  verify: string[];
  budget?: Partial<BudgetLimits>;
}

export async function runCommand(
  words: string,
  o: RunOptions,
  out: LocalOut,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // Capped where it enters, as `/goal <objective>` is: the record keeps it whole from then on.
  const cut = capText(words, 'objective');
  const objective = cut.text;
  if (cut.notice)
    out.write(
      `note: ${cut.notice.replace(/^✂️\s*/, '').replace(/ State it more briefly.*$/, '')}\n`,
    );
  const repo = await openRepository(o.repo ?? startDir(env));
  const branch = goalBranchName(objective);
  await requireCleanTreeFor(repo, branch);
  const store = await openStore(repo);

  const config = readRepoConfig(repo.root);
  const limits = resolveLimits({ budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET }, config);
  const stored = await storedGoal(repo, store, branch, objective, o, limits.maxBudget, out);

  let record: GoalRecord;
  if (stored) {
    record = stored;
  } else {
    if (o.verify.length === 0 && !config?.verify.length)
      throw new UsageError(
        `No verifier: a goal is achieved only when verifiers pass. Give one with --verify "npm test", ` +
          `or add verify: to ${GOAL_YML_PATH} (goal-action init writes one).`,
      );
    const { budget, capped } = applyBudget(o.budget ?? {}, limits.budget, limits.maxBudget);
    if (capped.length) out.write(`note: ${describeCaps(capped)}\n`);
    record = newLocalRecord({
      root: repo.root,
      objective,
      verify: o.verify,
      budget,
      startBranch: repo.start.branch ?? 'HEAD',
      out,
    });
  }
  const model = await connect(o, out, env);
  if (stored) {
    record = resumeRecord(record, undefined);
    await store.save(record);
  }
  return pursue(repo, store, record, model, o, out, signal);
}

/**
 * The goal already kept on `branch`, ready to continue (budget raised when --budget asks), or
 * null when a new goal may start there. Throws the reason when neither is possible.
 */
async function storedGoal(
  repo: Repository,
  store: FileStore,
  branch: string,
  objective: string,
  o: RunOptions,
  maxBudget: BudgetLimits,
  out: LocalOut,
): Promise<GoalRecord | null> {
  const found = store.lookup(branch);
  if (found.kind === 'unreadable') throw new CliError(unreadableMessage(found));
  const exists = await branchExists(repo.git, branch);
  if (found.kind === 'absent') {
    if (!exists) return null;
    throw new CliError(
      `The branch ${branch} already exists, and no goal record of this repository knows it (a branch of your own, or its record was removed). ` +
        `goal-action does not reuse it: the goal would start from whatever it holds. Rename or delete it (git branch -m ${branch} <new-name>, or git branch -D ${branch}), or word the objective differently.`,
    );
  }
  // A budget posted while its last run was alive, which that run did not live to apply.
  let record = applyPending(found.record, store.inbox(branch).pending(), maxBudget);
  if (record.title.trim() !== objective.trim())
    throw new CliError(
      `The goal on ${branch} has another objective ("${record.title}"), whose branch name is the same as this one's. ` +
        `Continue that goal with goal-action resume --goal ${branch}, or word this objective differently.`,
    );
  if ((record.state === 'achieved' || record.state === 'cleared') && !exists) {
    // Its branch was deleted on purpose: a new goal may start; the old record is kept aside.
    const kept = store.archive(branch);
    out.write(
      `note: the earlier ${record.state} goal on ${branch} (its branch is gone) was archived at ${kept}; starting a new goal.\n`,
    );
    return null;
  }
  if (o.budget && Object.keys(o.budget).length) {
    const raised = setBudget(record, o.budget, maxBudget);
    record = raised.record;
    if (raised.capped.length) out.write(`note: ${describeCaps(raised.capped)}\n`);
  }
  const verdict = resumeVerdict(record);
  if (!verdict.ok)
    throw new CliError(
      `Not started again: ${verdict.reason}. ${verdict.fix}${record.state === 'budget-limited' ? ' (Or run this objective again with a larger --budget.)' : ''}`,
    );
  const problem = branchProblem(
    record,
    await branchState(repo.git, record, repo.start.sha),
    found.path,
  );
  if (problem) throw new CliError(`Cannot continue the goal: ${problem.reason}\n${problem.fix}`);
  if (o.verify.length)
    out.write(
      'note: --verify is not used when a goal continues: it keeps the verifiers it was started with.\n',
    );
  out.write(
    `Continuing the goal on ${branch} (it was ${record.state}; ${record.ledger.tokens} tokens spent so far, kept in its ledger).\n`,
  );
  if (verdict.note) out.write(`note: ${verdict.note}\n`);
  return record;
}

/** Checks the key and the endpoint (in that order) and returns the model to pursue with. */
export async function connect(o: ModelFlags, out: LocalOut, env: NodeJS.ProcessEnv) {
  const apiKey = env.OPENAI_API_KEY?.trim() ?? '';
  if (!apiKey)
    throw new CliError(
      'Set OPENAI_API_KEY to an API key for the model endpoint (export OPENAI_API_KEY=…), or try `goal-action demo`, which needs no key.',
    );
  // The key is read once; the agent's commands get an allow-listed environment without it.
  delete env.OPENAI_API_KEY;
  const name = o.model ?? env.GOAL_ACTION_MODEL ?? DEFAULT_MODEL;
  const baseURL = o.baseUrl ?? env.OPENAI_BASE_URL;
  const note = await checkEndpoint({ apiKey, model: name, ...(baseURL ? { baseURL } : {}) });
  if (note) out.write(`note: ${note}\n`);
  return {
    name,
    model: createModel({ api: o.api, apiKey, model: name, ...(baseURL ? { baseURL } : {}) }),
  };
}

/** Runs the goal, then goes back to where the person started, whatever happened. */
export async function pursue(
  repo: Repository,
  store: FileStore,
  record: GoalRecord,
  model: Awaited<ReturnType<typeof connect>>,
  o: ModelFlags,
  out: LocalOut,
  signal: AbortSignal,
): Promise<number> {
  const existed = await branchExists(repo.git, record.branch);
  try {
    const result = await runLocalGoal({
      root: repo.root,
      record,
      store,
      maxBudget: repoLimits(repo, record).maxBudget,
      model: model.model,
      modelName: model.name,
      out,
      signal,
      ...(o.contextWindow ? { contextWindow: o.contextWindow } : {}),
    });
    return exitCode(result);
  } finally {
    try {
      const said = await returnToStart(repo.git, repo.start, record.branch, existed);
      if (said) out.write(`${said}\n`);
    } catch (err) {
      out.write(`note: could not switch back to where you started: ${(err as Error).message}\n`);
    }
  }
}

/**
 * The default budget and the ceiling: the CLI's defaults under .github/goal.yml's — for a stored
 * goal, the goal.yml of its base, never one its own branch changed.
 */
export function repoLimits(
  repo: Repository,
  goal?: GoalRecord,
): { budget: BudgetLimits; maxBudget: BudgetLimits } {
  return resolveLimits(
    { budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET },
    readRepoConfig(repo.root, goal?.baseSha),
  );
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
