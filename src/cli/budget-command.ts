// `goal-action budget <amount>`: sets or raises the stored goal's budget in the syntax of the
// Action's `/goal budget` (parsed by the same parser), capped by the repository's max-budget, and
// says whether `goal-action resume` can continue the goal now. While the goal's local run is
// alive, the command goes to that run instead (inbox.ts), which applies it from its next step.
import { applyBudget, describeCaps, formatBudget } from '../config/budget.js';
import { parseComment } from '../trigger/commands.js';
import { EXIT, UsageError } from './errors.js';
import { applyPending, budgetEvent, liveRun, resumeVerdict, setBudget } from './goal-rules.js';
import { openStore, selectGoal } from './goal-select.js';
import type { LocalOut } from './local-goal.js';
import { openRepository, startDir } from './preflight.js';
import { repoLimits } from './run-command.js';
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
  const limits = repoLimits(repo, record);
  const pid = liveRun(record);
  if (pid !== undefined) {
    // Its process owns the record file: the command goes to the loop, which applies it next step.
    const { budget, capped } = applyBudget(requested, record.budget, limits.maxBudget);
    store.inbox(record.branch).post(budgetEvent(requested));
    out.write(
      `The goal on ${record.branch} is running (process ${pid}): it uses the new budget (${formatBudget(budget)}) from its next step.\n`,
    );
    if (capped.length) out.write(`note: ${describeCaps(capped)}\n`);
    return EXIT.achieved;
  }
  const current = applyPending(record, store.inbox(record.branch).pending(), limits.maxBudget);
  const { record: changed, capped } = setBudget(current, requested, limits.maxBudget);
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
