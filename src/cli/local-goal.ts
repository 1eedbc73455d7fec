// Runs one goal on a local repository: the same engine as the Action, with local adapters —
// commits on a goal branch (no push), a live terminal view, Ctrl-C to pause.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContract } from '../config/contract.js';
import { parseGoalYml, type RepoConfig } from '../config/goal-yml.js';
import { runGoal } from '../engine/index.js';
import type { Control, ControlInput, EngineEvent, Model } from '../engine/index.js';
import { newGoalRecord } from '../engine/index.js';
import type { BudgetLimits, GoalRecord } from '../engine/index.js';
import { goalBranchName } from '../git/branch-name.js';
import { createGitWorkspace } from '../git/workspace.js';
import { formatTokens, nextCommands, oneLine } from '../report/format.js';
import { createTerminalReporter, renderTerminalSummary } from '../report/terminal.js';
import { createToolHost } from '../tools/index.js';
import { createVerifierRunner } from '../verify/runner.js';
import { cliTerms, isQuotaStop, localRecord } from './advice.js';
import { FileStore } from './file-store.js';
import type { Inbox } from './inbox.js';

export type LocalOut =
  NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean; columns?: number };

export interface NewLocalGoal {
  root: string;
  objective: string;
  verify: string[];
  budget: BudgetLimits;
  /** The branch the goal was started from ('HEAD' when detached): `status` finds it from there. */
  startBranch?: string;
  out: LocalOut;
}

export interface LocalGoalOptions {
  root: string;
  /** A new record (newLocalRecord) or a stored one to continue (it keeps its ledger). */
  record: GoalRecord;
  model: Model;
  modelName: string;
  out: LocalOut;
  /** Where the record is kept; a new one over `root` when not given. */
  store?: FileStore;
  /** Cancels the run (Ctrl-C): the goal pauses after the current step. */
  signal?: AbortSignal;
  contextWindow?: number;
  /** The repository's budget ceiling, for `goal-action budget` applied while the loop runs. */
  maxBudget?: BudgetLimits;
}

/**
 * Ctrl-C: the first press pauses cleanly after the current step (the engine checkpoints first).
 * Commands another terminal posted for this goal (`goal-action budget`) go to the state machine,
 * each once.
 */
class LocalControl implements Control {
  private sent = false;
  private readonly seen = new Set<string>();
  constructor(
    private readonly signal?: AbortSignal,
    private readonly inbox?: Inbox,
  ) {}
  async poll(): Promise<ControlInput[]> {
    const inputs: ControlInput[] = [];
    for (const event of this.inbox?.pending() ?? []) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      inputs.push(event);
    }
    if (this.signal?.aborted && !this.sent) {
      this.sent = true;
      inputs.push({ kind: 'pause', reason: 'Interrupted (Ctrl-C)' });
    }
    return inputs;
  }
}

/**
 * `.github/goal.yml`: as committed at `at` (a stored goal's base) when given, else the work tree's.
 * A goal's own branch is the model's work: a goal.yml it edited there (a higher `max-budget`, its
 * own prices) must not set the rules `budget` and `resume` apply to it.
 */
export function readRepoConfig(root: string, at?: string): RepoConfig | null {
  if (at) {
    const shown = spawnSync('git', ['-C', root, 'show', `${at}:.github/goal.yml`], {
      encoding: 'utf8',
    });
    return shown.status === 0 ? parseGoalYml(shown.stdout) : null;
  }
  const path = join(root, '.github', 'goal.yml');
  return existsSync(path) ? parseGoalYml(readFileSync(path, 'utf8')) : null;
}

/** A new local goal's record: the contract from the objective, the flags and .github/goal.yml. */
export function newLocalRecord(o: NewLocalGoal): GoalRecord {
  const { contract, notes } = buildContract({
    objective: o.objective,
    trustedVerify: true,
    commandVerify: o.verify,
    inputVerify: [],
    repo: readRepoConfig(o.root),
  });
  for (const note of notes) o.out.write(`note: ${cliTerms(note)}\n`);
  return newGoalRecord({
    id: `local-${randomBytes(4).toString('hex')}`,
    title: o.objective,
    contract,
    budget: o.budget,
    branch: goalBranchName(o.objective),
    baseRef: o.startBranch ?? 'HEAD',
    now: new Date().toISOString(),
  });
}

export async function runLocalGoal(o: LocalGoalOptions): Promise<GoalRecord> {
  const { record } = o;
  const repo = readRepoConfig(o.root, record.baseSha);
  const { contract } = record;
  const store = o.store ?? new FileStore(o.root);
  const workspace = createGitWorkspace({
    root: o.root,
    protectedPaths: contract.protectedPaths,
    onProtectedRevert: (paths) =>
      o.out.write(`reverted changes to protected paths: ${paths.join(', ')}\n`),
  });
  // The workspace refuses a dirty tree too; the CLI checks earlier (preflight.ts) to say so first.
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
        store,
        control: new LocalControl(o.signal, store.inbox(record.branch)),
        reporter,
        clock: { now: () => Date.now() },
      },
      {
        runId: `local-${process.pid}`,
        model: o.modelName,
        ...(o.maxBudget ? { maxBudget: o.maxBudget } : {}),
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

/** What to do next, in terms of the local repository and the CLI's own commands. */
export function localNextStep(record: GoalRecord): string {
  const base = record.baseSha?.slice(0, 10) ?? record.baseRef;
  const branch = record.branch;
  if (record.state === 'achieved')
    return record.checkpoints.length === 0
      ? 'Nothing needed changing: the verifiers already pass on the code as it is.'
      : `Review the checkpoints with git log -p ${base}..${branch}, then merge ${branch}.`;
  const commands = cliCommands(record);
  if (commands.length === 0) return '';
  const look = record.checkpoints.length
    ? ` The work so far is on ${branch} (git log -p ${base}..${branch}).`
    : '';
  const then = commands.join(' then ');
  if (record.state === 'failed') return `Fix the cause above, then ${then}.${look}`;
  if (record.state === 'blocked') return `Answer with ${then}.${look}`;
  if (record.state === 'stalled') return `Give it a new direction with ${then}.${look}`;
  return `Continue with ${then}.${look}`;
}

/** The Action's next commands (`/goal budget 4M`, `/goal resume <answer>`) as CLI commands. */
export function cliCommands(record: GoalRecord): string[] {
  if (isQuotaStop(record)) return ['goal-action resume'];
  return nextCommands(record).map((c) =>
    c.replace(/^\/goal /, 'goal-action ').replace(/ (<[^>]+>)$/, ' "$1"'),
  );
}

/** "quota exhausted: …" — a stop of its own, never worded as the goal's budget. */
export function quotaLine(record: GoalRecord): string {
  const detail = record.stopReason?.kind === 'budget-limited' ? record.stopReason.detail : '';
  const said = /no quota left \(([^;)]*)/.exec(detail)?.[1]?.trim();
  return [
    `quota exhausted: the model provider refused the request because the account has no quota or credit left${said ? ` ("${oneLine(said, 200)}")` : ''}.`,
    `The goal's own budget was not the limit (${formatTokens(record.ledger.tokens)} of ${formatTokens(record.budget.tokens)} tokens used).`,
    "Add credit or raise the account's usage limit with the provider, then goal-action resume.",
  ].join(' ');
}
