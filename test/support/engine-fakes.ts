// In-memory fakes of the engine's ports, for unit tests of the pure loop. The end-to-end tests use
// the real adapters; these let every state transition be exercised in milliseconds.
import type {
  Control,
  ControlSignal,
  EngineEvent,
  FileChange,
  GoalStore,
  Model,
  ModelRequest,
  ModelResponse,
  ToolHost,
  ToolOutcome,
  ToolSpec,
  VerifierRunner,
  Workspace,
} from '../../src/engine/ports.js';
import { newGoalRecord } from '../../src/engine/record.js';
import type {
  GoalContract,
  GoalRecord,
  VerifierResult,
  VerifierSpec,
} from '../../src/engine/types.js';

export type ScriptStep =
  { text?: string; calls?: { name: string; args: unknown }[]; tokens?: number } | { error: Error };

/** A model that plays a script; after the script it keeps ending its turn with no tool calls. */
export class ScriptedModel implements Model {
  readonly name = 'fake-model';
  readonly requests: ModelRequest[] = [];
  constructor(
    private readonly script: ScriptStep[] | ((request: ModelRequest, index: number) => ScriptStep),
    private readonly fallback: ScriptStep = { text: 'Nothing more to do.' },
  ) {}

  async turn(request: ModelRequest): Promise<ModelResponse> {
    const index = this.requests.length;
    this.requests.push(structuredClone(request));
    const step =
      typeof this.script === 'function'
        ? this.script(request, index)
        : (this.script[index] ?? this.fallback);
    if ('error' in step) throw step.error;
    const tokens = step.tokens ?? 100;
    return {
      text: step.text ?? '',
      toolCalls: (step.calls ?? []).map((c, i) => ({
        callId: `call_${index}_${i}`,
        name: c.name,
        arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
      })),
      usage: { inputTokens: tokens, cachedInputTokens: 0, outputTokens: 10, reasoningTokens: 0 },
      durationMs: 1,
    };
  }

  /** The text of every message of a request, joined. */
  static text(request: ModelRequest): string {
    return [
      request.instructions,
      ...request.input.map((i) =>
        i.type === 'message'
          ? i.content
          : i.type === 'tool_result'
            ? i.output
            : i.type === 'tool_call'
              ? i.arguments
              : i.summary.join('\n'),
      ),
    ].join('\n');
  }
}

/** A workspace of in-memory files: `write` is what tools do; checkpoints snapshot the files. */
export class MemoryWorkspace implements Workspace {
  files: Record<string, string>;
  private committed: Record<string, string>;
  private readonly base: Record<string, string>;
  readonly commits: { sha: string; files: Record<string, string> }[] = [];
  dirtyAfterCommit = false;

  constructor(files: Record<string, string> = {}) {
    this.files = { ...files };
    this.committed = { ...files };
    this.base = { ...files };
  }

  async prepare(record: GoalRecord) {
    return { baseSha: 'base000000', branch: record.branch };
  }
  async hasChanges() {
    return JSON.stringify(this.files) !== JSON.stringify(this.committed);
  }
  async checkpoint(info: { iteration: number; subject: string; verify?: () => Promise<string> }) {
    if (!(await this.hasChanges())) return null;
    if (info.verify) await info.verify();
    const sha = `sha${String(this.commits.length + 1).padStart(7, '0')}`;
    this.committed = { ...this.files };
    this.commits.push({ sha, files: { ...this.files } });
    return { sha, iteration: info.iteration, at: new Date(0).toISOString(), summary: info.subject };
  }
  async isClean() {
    return !this.dirtyAfterCommit && !(await this.hasChanges());
  }
  async changes(_base: string, wantContent: (path: string) => boolean): Promise<FileChange[]> {
    const paths = new Set([...Object.keys(this.base), ...Object.keys(this.committed)]);
    const out: FileChange[] = [];
    for (const path of [...paths].sort()) {
      const before = this.base[path];
      const after = this.committed[path];
      if (before === after) continue;
      const status = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
      out.push({
        path,
        status,
        ...(wantContent(path) && before !== undefined ? { before } : {}),
        ...(wantContent(path) && after !== undefined ? { after } : {}),
      });
    }
    return out;
  }
  async diff() {
    return Object.keys(this.committed)
      .filter((p) => this.committed[p] !== this.base[p])
      .map((p) => `--- ${p}\n+++ ${p}\n${this.committed[p]}`)
      .join('\n');
  }
  async repoMap() {
    return `files: ${Object.keys(this.files).sort().join(', ')}`;
  }
  async resetTo(sha: string) {
    const commit = this.commits.find((c) => c.sha === sha);
    if (!commit) throw new Error(`no checkpoint ${sha}`);
    this.files = { ...commit.files };
    this.committed = { ...commit.files };
  }
}

/** Tools that act on a MemoryWorkspace: `write` edits a file; update_plan/update_goal as the real ones. */
export class FakeTools implements ToolHost {
  readonly calls: { name: string; args: string }[] = [];
  constructor(
    private readonly workspace: MemoryWorkspace,
    private readonly extra: Record<string, (args: Record<string, unknown>) => ToolOutcome> = {},
  ) {}

  specs(): ToolSpec[] {
    return ['shell', 'apply_patch', 'update_plan', 'update_goal'].map((name) => ({
      name,
      description: name,
      parameters: { type: 'object' },
    }));
  }

  async execute(name: string, raw: string): Promise<ToolOutcome> {
    this.calls.push({ name, args: raw });
    let args: Record<string, unknown>;
    try {
      args = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { ok: false, output: `Invalid JSON arguments for ${name}: ${raw.slice(0, 80)}` };
    }
    if (this.extra[name]) return this.extra[name](args);
    switch (name) {
      case 'apply_patch': {
        const { path, content } = args as { path: string; content: string | null };
        if (content === null) delete this.workspace.files[path];
        else this.workspace.files[path] = content;
        return { ok: true, output: `patched ${path}`, mutating: true };
      }
      case 'shell':
        return { ok: args.fail !== true, output: String(args.output ?? 'ok') };
      case 'update_plan':
        return { ok: true, output: 'plan updated', plan: args.plan as never };
      case 'update_goal':
        return { ok: true, output: 'request noted', goal: args as never };
      default:
        return { ok: false, output: `unknown tool ${name}` };
    }
  }
}

/** Verifiers decided by a function of the workspace's files. */
export class FakeVerifiers implements VerifierRunner {
  runs = 0;
  constructor(
    private readonly decide: (
      files: Record<string, string>,
      spec: VerifierSpec,
      run: number,
    ) => Partial<VerifierResult> & { passed: boolean },
    private readonly workspace: MemoryWorkspace,
  ) {}
  async run(specs: VerifierSpec[]): Promise<VerifierResult[]> {
    this.runs += 1;
    return specs.map((spec) => {
      const r = this.decide(this.workspace.files, spec, this.runs);
      return {
        name: spec.name,
        exitCode: r.passed ? 0 : 1,
        timedOut: false,
        durationMs: 5,
        outputTail: r.passed ? '' : 'FAIL',
        attempts: 1,
        flaky: false,
        ...r,
      };
    });
  }
}

export class MemoryStore implements GoalStore {
  saves = 0;
  last?: GoalRecord;
  async save(record: GoalRecord) {
    this.saves += 1;
    this.last = structuredClone(record);
  }
}

export class QueueControl implements Control {
  private queue: { atPoll: number; signal: ControlSignal }[] = [];
  polls = 0;
  /** Deliver a signal on the n-th poll (1-based). */
  at(atPoll: number, signal: ControlSignal) {
    this.queue.push({ atPoll, signal });
    return this;
  }
  async poll() {
    this.polls += 1;
    const due = this.queue.filter((q) => q.atPoll <= this.polls);
    this.queue = this.queue.filter((q) => q.atPoll > this.polls);
    return due.map((q) => q.signal);
  }
}

export class EventLog {
  readonly events: EngineEvent[] = [];
  onEvent(e: EngineEvent) {
    this.events.push(e);
  }
  types() {
    return this.events.map((e) => e.type);
  }
}

export class FakeClock {
  constructor(public t = Date.parse('2026-01-01T00:00:00Z')) {}
  now() {
    return this.t;
  }
}

export function testSpec(name = 'test', extra: Partial<VerifierSpec> = {}): VerifierSpec {
  return {
    name,
    command: `npm run ${name}`,
    timeoutSec: 60,
    kind: 'check',
    required: true,
    source: 'config',
    ...extra,
  };
}

export function testContract(extra: Partial<GoalContract> = {}): GoalContract {
  return {
    outcome: 'Make the add() test pass',
    verification: [testSpec()],
    verificationNotes: [],
    constraints: [],
    boundaries: [],
    protectedPaths: ['.github/workflows/**'],
    iterationPolicy: 'smallest change that makes the next failing verifier pass',
    blockedCondition: 'a verifier cannot pass without a maintainer',
    steering: [],
    allowedChanges: [],
    ...extra,
  };
}

export function testRecord(extra: Partial<GoalRecord> = {}): GoalRecord {
  return {
    ...newGoalRecord({
      id: 'g-test',
      title: 'Fix add',
      contract: testContract(),
      budget: { tokens: 1_000_000, usd: 100, timeSec: 3600, iterations: 20 },
      branch: 'goal/fix-add',
      baseRef: 'main',
      now: new Date(0).toISOString(),
    }),
    ...extra,
  };
}
