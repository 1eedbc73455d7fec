// One scenario world for the engine driven through the real `openai` SDK: a real temporary git
// repository holding a sample project (a failing `node --test` suite by default), the scripted
// OpenAI-compatible server on 127.0.0.1, and the real adapters — tool host, verifier runner, git
// workspace, file store. Used by the scenario tests and by the benchmarks in bench/.
import { DEMO_FILES, DEMO_OBJECTIVE } from '../../src/cli/demo-repo.js';
import { FileStore } from '../../src/cli/file-store.js';
import { buildContract } from '../../src/config/contract.js';
import { checkSpec } from '../../src/config/verifiers.js';
import { runGoal } from '../../src/engine/loop.js';
import type { EngineDeps, EngineOptions } from '../../src/engine/options.js';
import type { Control, ControlSignal, EngineEvent } from '../../src/engine/ports.js';
import { newGoalRecord } from '../../src/engine/record.js';
import type { BudgetLimits, GoalRecord, VerifierSpec } from '../../src/engine/types.js';
import { goalBranchName } from '../../src/git/branch-name.js';
import { createGitWorkspace } from '../../src/git/workspace.js';
import { createModel } from '../../src/model/index.js';
import { createToolHost } from '../../src/tools/index.js';
import { createScratch } from '../../src/tools/scratch.js';
import { createVerifierRunner } from '../../src/verify/runner.js';
import { makeRepo, runGit, type TestRepo } from '../support/git-fixtures.js';
import {
  startOpenAIServer,
  type OpenAIServer,
  type RecordedRequest,
  type Script,
} from '../support/openai-server.js';

export type Api = 'chat' | 'responses';

export const DEFAULT_BUDGET: BudgetLimits = {
  tokens: 2_000_000,
  usd: 100,
  timeSec: 3600,
  iterations: 20,
};

/** The sample project's test suite, run directly (no npm start-up on every verification). */
export const TEST_VERIFIER: VerifierSpec = checkSpec('node --test', 'cli', 'test', 120);

export interface ModelWorldOptions {
  api: Api;
  script: Script;
  /** Files of the sample project; default: the demo cart with one failing test. */
  files?: Record<string, string>;
  objective?: string;
  verification?: VerifierSpec[];
  budget?: Partial<BudgetLimits>;
  /** Extra runs of a failing verifier; default 0 so scenarios stay fast (a real, valid setting). */
  flakeReruns?: number;
  /** SDK retries; default the adapter's own (3). */
  maxRetries?: number;
  cacheMinTokens?: number;
}

export interface RunOptions {
  record?: GoalRecord;
  control?: Control;
  engine?: Partial<EngineOptions>;
  runId?: string;
  /** Lets a caller wrap the real adapters (the benchmarks time them). */
  wrap?: (deps: EngineDeps) => EngineDeps;
}

/** A Control that answers each poll from a plan: `plan(n)` gives the signals of the n-th poll (1-based). */
export class PlannedControl implements Control {
  polls = 0;
  constructor(private readonly plan: (poll: number) => ControlSignal[] = () => []) {}
  async poll(): Promise<ControlSignal[]> {
    this.polls += 1;
    return this.plan(this.polls);
  }
}

export class ModelWorld {
  readonly events: EngineEvent[] = [];

  private constructor(
    readonly opts: ModelWorldOptions,
    readonly repo: TestRepo,
    readonly server: OpenAIServer,
    /** The goal record the first run starts from. */
    readonly record: GoalRecord,
  ) {}

  static async create(o: ModelWorldOptions): Promise<ModelWorld> {
    const repo = await makeRepo(o.files ?? DEMO_FILES);
    const server = await startOpenAIServer(
      o.script,
      o.cacheMinTokens !== undefined ? { cacheMinTokens: o.cacheMinTokens } : {},
    );
    const objective = o.objective ?? DEMO_OBJECTIVE;
    const { contract } = buildContract({
      objective,
      trustedVerify: true,
      commandVerify: [],
      inputVerify: o.verification ?? [TEST_VERIFIER],
      repo: null,
    });
    const record = newGoalRecord({
      id: 'goal-scenario-1',
      title: objective,
      contract,
      budget: { ...DEFAULT_BUDGET, ...o.budget },
      branch: goalBranchName(objective, 7),
      baseRef: 'main',
      now: new Date().toISOString(),
    });
    return new ModelWorld(o, repo, server, record);
  }

  get root(): string {
    return this.repo.dir;
  }

  deps(control: Control): EngineDeps {
    const { api, maxRetries } = this.opts;
    return {
      model: createModel({
        api,
        apiKey: 'sk-scenario',
        baseURL: this.server.baseURL,
        model: 'gpt-5',
        ...(maxRetries !== undefined ? { maxRetries } : {}),
      }),
      tools: createToolHost({ root: this.root }),
      verifiers: createVerifierRunner({ root: this.root, flakeReruns: this.opts.flakeReruns ?? 0 }),
      workspace: createGitWorkspace({ root: this.root }),
      store: new FileStore(this.root),
      control,
      reporter: { onEvent: (event) => void this.events.push(event) },
      clock: { now: () => Date.now() },
      scratch: createScratch(this.root),
    };
  }

  /** One run of the engine, as the CLI wires it (commit-only workspace, no remote). */
  async run(o: RunOptions = {}): Promise<GoalRecord> {
    const base = this.deps(o.control ?? new PlannedControl());
    return runGoal(o.record ?? this.record, o.wrap ? o.wrap(base) : base, {
      runId: o.runId ?? 'run-1',
      model: 'gpt-5',
      ...o.engine,
    });
  }

  git(args: string[]): Promise<string> {
    return runGit(this.root, args);
  }

  /** Commits on the goal branch that are not on main, newest first: subject, then trailers. */
  async branchLog(branch: string): Promise<string[]> {
    const out = await this.git([
      'log',
      '--format=%s%n%(trailers:only,unfold)%x00',
      branch,
      '--not',
      'main',
    ]);
    return out
      .split('\0')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** Billed tokens as the server counted them: input − cached + output over every request. */
  serverBilledTokens(): number {
    const t = this.server.totals();
    return t.input - t.cached + t.output;
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.repo.cleanup();
  }
}

// ---------------------------------------------------------------- reading recorded requests

interface WireItem {
  role?: string;
  type?: string;
  content?: unknown;
  output?: unknown;
  tool_call_id?: string;
  call_id?: string;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c: { text?: string }) => c.text ?? '').join('');
  return '';
}

function wireItems(req: RecordedRequest): WireItem[] {
  return (req.api === 'chat' ? req.body.messages : req.body.input) ?? [];
}

/** The system instructions of a request, in either API's shape. */
export function instructionsOf(req: RecordedRequest): string {
  if (req.api === 'responses') return String(req.body.instructions ?? '');
  return wireItems(req)
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => contentText(m.content))
    .join('\n');
}

/** Tool results a request carries, oldest first. */
export function toolResults(req: RecordedRequest): { callId: string; output: string }[] {
  return wireItems(req).flatMap((item) => {
    if (req.api === 'chat' && item.role === 'tool')
      return [{ callId: item.tool_call_id ?? '', output: contentText(item.content) }];
    if (req.api === 'responses' && item.type === 'function_call_output')
      return [{ callId: item.call_id ?? '', output: contentText(item.output) }];
    return [];
  });
}

/** The user messages of a request, oldest first. */
export function userTexts(req: RecordedRequest): string[] {
  return wireItems(req)
    .filter((item) => item.role === 'user')
    .map((item) => contentText(item.content));
}
