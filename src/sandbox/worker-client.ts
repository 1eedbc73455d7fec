// The Action's end of the pipe to the tool worker: starts it inside the boundary on first use,
// sends one request at a time, and treats what comes back as untrusted text (schema-checked,
// size-bounded). A worker the model killed is restarted for the next call, a bounded number of times.

import { createInterface } from 'node:readline';
import { execa, type ResultPromise } from 'execa';
import type { ToolOutcome } from '../engine/index.js';
import { MAX_LINE_BYTES, WorkerResponse, type WorkerInit } from './protocol.js';

export interface WorkerLaunch {
  argv: string[];
  init: WorkerInit;
  /** Extra time a call may take beyond its own timeout before the worker is presumed hung. */
  graceMs: number;
  maxCallMs: number;
}

const MAX_STARTS = 100;

export class WorkerClient {
  private child: ResultPromise | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private starts = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void }
  >();
  private stderrTail = '';
  private loginEnv: Record<string, string> | undefined;

  constructor(private readonly launch: WorkerLaunch) {}

  /** The worker's outer pid (unshare or sudo), while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the worker now (while the model thinks), so the next call does not wait for it. */
  warm(): void {
    this.start().catch(() => undefined);
  }

  async call(name: string, args: string, signal?: AbortSignal): Promise<ToolOutcome> {
    await this.start();
    const id = this.nextId++;
    const onAbort = () => this.send({ op: 'cancel', id });
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      this.fail(id, new Error(`the tool call did not finish within ${this.launch.maxCallMs} ms`));
      void this.stop();
    }, this.launch.maxCallMs + this.launch.graceMs);
    try {
      const response = await this.request(id, { op: 'tool', id, name, args });
      if (!response.ok)
        return { ok: false, output: `${name} failed in the sandbox: ${response.error}` };
      return response.outcome ?? { ok: false, output: `${name}: the sandbox sent no result.` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Ends the worker (its namespace, and so everything in it, dies with it). True when the worker's
   * outer process was seen to exit: inside namespaces, nothing of the agent is alive after that.
   */
  async stop(): Promise<boolean> {
    const child = this.child;
    if (!child) return true;
    this.child = undefined;
    this.ready = undefined;
    const exit = child.then(
      () => true,
      () => true,
    );
    // Asked to leave, the worker exits, its namespace init follows, and the kernel ends the
    // namespace before unshare returns: a clean exit means nothing is left.
    child.stdin?.end();
    if (await within(exit, 1500)) return true;
    try {
      child.kill('SIGKILL');
    } catch {
      // Owned by root through sudo: the caller's /proc sweep kills it.
    }
    await within(exit, 3000);
    return false;
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    if (this.starts >= MAX_STARTS)
      return Promise.reject(
        new Error(`the sandbox worker was restarted ${MAX_STARTS} times in this run; giving up`),
      );
    this.starts++;
    const [file, ...args] = this.launch.argv as [string, ...string[]];
    const child = execa(file, args, {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      // No signal-exit handler: it would re-raise SIGINT/SIGTERM and kill the Action mid-cancel.
      cleanup: false,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
    void child.then((result) => {
      if (this.child === child) {
        this.child = undefined;
        this.ready = undefined;
      }
      const why = `the sandbox worker exited (${result.exitCode ?? result.signal ?? 'unknown'})${this.stderrTail ? `: ${this.stderrTail.trim().split('\n').slice(-3).join(' ')}` : ''}; it is restarted for the next call`;
      for (const [id] of this.pending) this.fail(id, new Error(why));
    });
    const id = this.nextId++;
    const init = { ...this.launch.init, ...(this.loginEnv ? { loginEnv: this.loginEnv } : {}), id };
    this.ready = this.request(id, init).then((response) => {
      if (!response.ok) throw new Error(`the sandbox worker did not start: ${response.error}`);
      // Captured once per run: later starts of the worker reuse it instead of a login shell.
      this.loginEnv ??= response.loginEnv;
    });
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private request(id: number, message: object): Promise<WorkerResponse> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(message);
    });
  }

  private send(message: object): void {
    this.child?.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  private onLine(line: string): void {
    if (line.length > MAX_LINE_BYTES) return;
    let response: WorkerResponse;
    try {
      response = WorkerResponse.parse(JSON.parse(line));
    } catch {
      return; // Not ours to believe.
    }
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    waiter.resolve(response);
  }

  private fail(id: number, error: Error): void {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    waiter.reject(error);
  }
}

/** Resolves true when `done` settles within `ms`. */
async function within(done: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    done,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return result;
}
