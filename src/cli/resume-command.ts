// `goal-action resume [guidance]`: continues the stored goal of this repository from its last
// checkpoint with its ledger intact, as `/goal resume` does on GitHub. Refused, with the reason
// and what to type, while it runs elsewhere, once it is achieved or cleared, while its budget is
// still used up, or when its branch holds commits its record does not know.
import { CliError } from './errors.js';
import { branchProblem, branchState } from './goal-branch.js';
import { applyPending, capGuidance, resumeRecord, resumeVerdict } from './goal-rules.js';
import { openStore, selectGoal } from './goal-select.js';
import type { LocalOut } from './local-goal.js';
import { openRepository, requireCleanTreeFor, startDir } from './preflight.js';
import { connect, pursue, repoLimits, type ModelFlags } from './run-command.js';

export interface ResumeOptions extends ModelFlags {
  goal?: string;
}

export async function resumeCommand(
  guidance: string | undefined,
  o: ResumeOptions,
  out: LocalOut,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const capped = guidance?.trim() ? capGuidance(guidance) : undefined;
  const text = capped?.text;
  const repo = await openRepository(o.repo ?? startDir(env));
  const store = await openStore(repo);
  const selected = selectGoal(repo, store, o.goal);
  // A budget posted while its last run was alive, which that run did not live to apply.
  const pending = store.inbox(selected.record.branch).pending();
  const record = applyPending(
    selected.record,
    pending,
    repoLimits(repo, selected.record).maxBudget,
  );
  await requireCleanTreeFor(repo, record.branch);

  const verdict = resumeVerdict(record);
  if (!verdict.ok) throw new CliError(`Not resumed: ${verdict.reason}. ${verdict.fix}`);
  const problem = branchProblem(
    record,
    await branchState(repo.git, record, repo.start.sha),
    selected.path,
  );
  if (problem) throw new CliError(`Not resumed: ${problem.reason}\n${problem.fix}`);

  const model = await connect(o, out, env);
  out.write(
    `Resuming the goal on ${record.branch} after iteration ${record.iteration} (${record.ledger.tokens} tokens spent so far, kept in its ledger)${text ? ', with your guidance' : ''}.\n`,
  );
  if (verdict.note) out.write(`note: ${verdict.note}\n`);
  if (capped?.notice) out.write(`note: ${capped.notice}\n`);
  const queued = resumeRecord(record, text);
  await store.save(queued);
  return pursue(repo, store, queued, model, o, out, signal);
}
