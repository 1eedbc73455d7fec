// Runs one goal on a local repository: the same engine as the Action, with local adapters —
// commits on a goal branch (no push), a live terminal view, Ctrl-C to pause.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContract } from '../config/contract.js';
import { parseGoalYml, type RepoConfig } from '../config/goal-yml.js';
import { runGoal } from '../engine/loop.js';
import type { Control, ControlSignal, Model } from '../engine/ports.js';
import { newGoalRecord } from '../engine/record.js';
import type { BudgetLimits, GoalRecord } from '../engine/types.js';
import { goalBranchName } from '../git/branch-name.js';
import { createGitWorkspace } from '../git/workspace.js';
import { createTerminalReporter, renderTerminalSummary } from '../report/terminal.js';
import { createToolHost } from '../tools/index.js';
import { createVerifierRunner } from '../verify/runner.js';
import { FileStore } from './file-store.js';

export interface LocalGoalOptions {
  root: string;
  objective: string;
  verify: string[];
  budget: BudgetLimits;
  model: Model;
  modelName: string;
  out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Cancels the run (Ctrl-C): the goal pauses after the current step. */
  signal?: AbortSignal;
  contextWindow?: number;
}

/** Ctrl-C: the first press pauses cleanly after the current step; the engine checkpoints first. */
class SignalControl implements Control {
  private sent = false;
  constructor(private readonly signal?: AbortSignal) {}
  async poll(): Promise<ControlSignal[]> {
    if (!this.signal?.aborted || this.sent) return [];
    this.sent = true;
    return [
      { kind: 'pause', reason: 'Interrupted (Ctrl-C). Run again on this branch to continue.' },
    ];
  }
}

export function readRepoConfig(root: string): RepoConfig | null {
  const path = join(root, '.github', 'goal.yml');
  return existsSync(path) ? parseGoalYml(readFileSync(path, 'utf8')) : null;
}

export async function runLocalGoal(o: LocalGoalOptions): Promise<GoalRecord> {
  const repo = readRepoConfig(o.root);
  const { contract, notes } = buildContract({
    objective: o.objective,
    trustedVerify: true,
    commandVerify: o.verify,
    inputVerify: [],
    repo,
  });
  for (const note of notes) o.out.write(`note: ${note}\n`);
  const now = new Date().toISOString();
  const record = newGoalRecord({
    id: `local-${randomBytes(4).toString('hex')}`,
    title: o.objective,
    contract,
    budget: o.budget,
    branch: goalBranchName(o.objective),
    baseRef: 'HEAD',
    now,
  });
  const workspace = createGitWorkspace({
    root: o.root,
    protectedPaths: contract.protectedPaths,
    onProtectedRevert: (paths) =>
      o.out.write(`reverted changes to protected paths: ${paths.join(', ')}\n`),
  });
  const reporter = createTerminalReporter(o.out, {});
  try {
    const result = await runGoal(
      record,
      {
        model: o.model,
        tools: createToolHost({ root: o.root, protectedPaths: contract.protectedPaths }),
        verifiers: createVerifierRunner({
          root: o.root,
          knownFlaky: record.flaky,
          ...(repo ? { flakeReruns: repo.flakeReruns } : {}),
        }),
        workspace,
        store: new FileStore(o.root),
        control: new SignalControl(o.signal),
        reporter,
        clock: { now: () => Date.now() },
      },
      {
        runId: `local-${process.pid}`,
        model: o.modelName,
        ...(repo?.stallIterations ? { stallIterations: repo.stallIterations } : {}),
        ...(repo?.prices ? { prices: repo.prices } : {}),
        ...((o.contextWindow ?? repo?.contextWindow)
          ? { contextWindow: o.contextWindow ?? repo?.contextWindow }
          : {}),
      },
    );
    reporter.close();
    o.out.write(`\n${renderTerminalSummary(result)}\n`);
    return result;
  } finally {
    reporter.close();
  }
}
