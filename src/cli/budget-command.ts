// `goal-action budget <amount>`: sets or raises the stored goal's budget in the syntax of the
// Action's `/goal budget` (parsed by the same parser), capped by the repository's max-budget, and
// says whether `goal-action resume` can continue the goal now.
import {
  DEFAULT_BUDGET,
  DEFAULT_MAX_BUDGET,
  describeCaps,
  formatBudget,
  resolveLimits,
} from '../config/budget.js';
import { parseComment } from '../trigger/commands.js';
import { CliError, UsageError } from './errors.js';
import { liveRun, resumeVerdict, setBudget } from './goal-rules.js';
import { openStore, selectGoal } from './goal-select.js';
import { readRepoConfig, type LocalOut } from './local-goal.js';
import { openRepository, startDir } from './preflight.js';
import { EXIT } from './errors.js';
import type { BudgetLimits } from '../engine/index.js';

/** The amount as `/goal budget <amount>` reads it, or a usage error in the CLI's words. */
export function parseBudgetAmount(amount: string): Partial<BudgetLimits> {
  const line = amount.replace(/\s+/g, ' ').trim();
  const parsed = parseComment(`/goal budget ${line}`);
  if (parsed.kind === 'command' && parsed.command.kind === 'budget') return parsed.command.budget;
  const said = parsed.kind === 'invalid' ? parsed.error : 'that is not a budget amount.';
  throw new UsageError(said.replace(/\/goal budget/g, 'goal-action budget').replace(/`/g, ''));
}

export async function budgetCommand(
  amount: string,
  o: { repo?: string; goal?: string },
  out: LocalOut,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const requested = parseBudgetAmount(amount);
  const repo = await openRepository(o.repo ?? startDir(env));
  const store = await openStore(repo);
  const { record } = selectGoal(repo, store, o.goal);
  const pid = liveRun(record);
  if (pid !== undefined)
    throw new CliError(
      `The goal on ${record.branch} is running now (process ${pid}); its next record write would undo a change made here. ` +
        'Press Ctrl-C in its terminal to pause it, then set the budget and goal-action resume.',
    );
  const limits = resolveLimits(
    { budget: DEFAULT_BUDGET, maxBudget: DEFAULT_MAX_BUDGET },
    readRepoConfig(repo.root),
  );
  const { record: changed, capped } = setBudget(record, requested, limits.maxBudget);
  await store.save(changed);
  out.write(`Budget of the goal on ${changed.branch} is now ${formatBudget(changed.budget)}.\n`);
  if (capped.length) out.write(`note: ${describeCaps(capped)}\n`);
  const verdict = resumeVerdict(changed);
  out.write(
    verdict.ok
      ? `goal-action resume continues it (${changed.state} after iteration ${changed.iteration}).\n`
      : `Resume is not possible yet: ${verdict.reason}. ${verdict.fix}\n`,
  );
  return EXIT.achieved;
}
