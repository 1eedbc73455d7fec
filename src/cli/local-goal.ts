// Runs one goal on a local repository: the same engine as the Action, with local adapters —
// commits on a goal branch (no push), a live terminal view, Ctrl-C to pause.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContract } from '../config/contract.js';
import { parseGoalYml, type RepoConfig } from '../config/goal-yml.js';
import { runGoal } from '../engine/loop.js';
import type { Control, ControlSignal, EngineEvent, Model } from '../engine/ports.js';
import { newGoalRecord } from '../engine/record.js';
import type { BudgetLimits, GoalRecord } from '../engine/types.js';
import { goalBranchName } from '../git/branch-name.js';
import { createGitWorkspace } from '../git/workspace.js';
import { formatTokens, oneLine } from '../report/format.js';
import { createTerminalReporter, renderTerminalSummary } from '../report/terminal.js';
import { createToolHost } from '../tools/index.js';
import { createVerifierRunner } from '../verify/runner.js';
import { cliTerms, isQuotaStop, localRecord } from './advice.js';
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
  /** Told the record before the loop starts (the CLI needs the goal branch's name). */
  onRecord?: (record: GoalRecord) => void;
}

/** Ctrl-C: the first press pauses cleanly after the current step; the engine checkpoints first. */
class SignalControl implements Control {
  private sent = false;
  constructor(private readonly signal?: AbortSignal) {}
  async poll(): Promise<ControlSignal[]> {
    if (!this.signal?.aborted || this.sent) return [];
    this.sent = true;
    return [{ kind: 'pause', reason: 'Interrupted (Ctrl-C)' }];
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
  for (const note of notes) o.out.write(`note: ${cliTerms(note)}\n`);
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
  // The workspace refuses a dirty tree too; the CLI checks earlier (preflight.ts) to say so first.
  o.onRecord?.(record);
  const terminal = createTerminalReporter(o.out, { nextStepHint: localNextStep });
  const reporter = {
    close: () => terminal.close(),
    onEvent(event: EngineEvent) {
      if (event.type !== 'stopped') return terminal.onEvent(event);
      if (!isQuotaStop(event.record))
        return terminal.onEvent({ ...event, record: localRecord(event.record) });
      // The provider's quota is not the goal's budget: its own line, its own advice.
      terminal.close();
      o.out.write(`${quotaLine(event.record)}\n`);
    },
  };
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
    // The reporter already printed the state line; the summary's body follows it.
    const summary = renderTerminalSummary(localRecord(result), { nextStepHint: localNextStep });
    o.out.write(`\n${summary.split('\n').slice(1).join('\n').trimStart()}\n`);
    return result;
  } finally {
    reporter.close();
  }
}

/** What to do next, in terms of the local repository rather than GitHub commands. */
function localNextStep(record: GoalRecord): string {
  const base = record.baseSha?.slice(0, 10) ?? record.baseRef;
  const branch = record.branch;
  if (record.state === 'achieved')
    return `Review the checkpoints with git log -p ${base}..${branch}, then merge ${branch}.`;
  if (record.checkpoints.length === 0)
    return record.state === 'failed' ? 'Fix the cause above, then run goal-action again.' : '';
  const look = `The work so far is on ${branch} (git log -p ${base}..${branch})`;
  // The same objective names the same branch, and a run on an existing goal branch starts from it.
  if (record.state === 'failed')
    return `Fix the cause above, then run the same objective again to go on from it. ${look}.`;
  if (record.state === 'budget-limited')
    return `${look}; run the same objective again with a larger --budget to go on from it.`;
  return `${look}; run the same objective again to go on from it.`;
}

/** "quota exhausted: …" — a stop of its own, never worded as the goal's budget. */
export function quotaLine(record: GoalRecord): string {
  const detail = record.stopReason?.kind === 'budget-limited' ? record.stopReason.detail : '';
  const said = /no quota left \(([^;)]*)/.exec(detail)?.[1]?.trim();
  return [
    `quota exhausted: the model provider refused the request because the account has no quota or credit left${said ? ` ("${oneLine(said, 200)}")` : ''}.`,
    `The goal's own budget was not the limit (${formatTokens(record.ledger.tokens)} of ${formatTokens(record.budget.tokens)} tokens used).`,
    "Add credit or raise the account's usage limit with the provider, then run goal-action again.",
  ].join(' ');
}
