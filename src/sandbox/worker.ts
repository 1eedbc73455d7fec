// The tool worker: runs inside the boundary as the agent user and executes the model's workspace
// tools (shell, apply_patch, read_file, search) — so every file the model reads or writes is opened
// with the agent's uid and the kernel, not a path check, decides what it may touch. After every
// call it kills every other process in its namespace (or of its uid), so nothing the model started
// outlives the call. It knows no secret: its environment is the allow-list the Action sent.

import { createInterface } from 'node:readline';
import { createToolHost } from '../tools/index.js';
import type { ToolHost } from '../engine/index.js';
import { WorkerRequest, type WorkerResponse } from './protocol.js';
import { sweepOwnProcesses } from './sweep.js';
import { captureLoginEnv } from '../tools/login-env.js';

const WORKSPACE_TOOLS = new Set(['shell', 'apply_patch', 'read_file', 'search']);

export async function runWorker(): Promise<void> {
  let host: ToolHost | undefined;
  let sweep = false;
  const inFlight = new Map<number, AbortController>();
  const send = (response: WorkerResponse) => process.stdout.write(`${JSON.stringify(response)}\n`);

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Calls run one at a time, in order: the engine never overlaps tool calls.
  let queue = Promise.resolve();
  for await (const line of lines) {
    let request: WorkerRequest;
    try {
      request = WorkerRequest.parse(JSON.parse(line));
    } catch (error) {
      send({ id: -1, ok: false, error: `bad request: ${(error as Error).message}` });
      continue;
    }
    if (request.op === 'cancel') {
      inFlight.get(request.id)?.abort();
      continue;
    }
    queue = queue.then(async () => {
      if (request.op === 'init') {
        process.chdir(request.root);
        sweep = request.sweep;
        const loginEnv = request.loginEnv ?? (await captureLoginEnv(request.env, request.root));
        if (sweep) await sweepOwnProcesses();
        host = createToolHost({
          root: request.root,
          protectedPaths: request.protectedPaths,
          env: request.env,
          shareWithGroup: true,
          ...(loginEnv ? { loginEnv } : {}),
          ...(request.shellTimeoutMs ? { shellTimeoutMs: request.shellTimeoutMs } : {}),
        });
        send({ id: request.id, ok: true, ...(loginEnv ? { loginEnv } : {}) });
        return;
      }
      if (!host || !WORKSPACE_TOOLS.has(request.name)) {
        send({
          id: request.id,
          ok: false,
          error: host ? 'not a workspace tool' : 'not initialised',
        });
        return;
      }
      const abort = new AbortController();
      inFlight.set(request.id, abort);
      try {
        const outcome = await host.execute(request.name, request.args, { signal: abort.signal });
        if (sweep) await sweepOwnProcesses();
        send({ id: request.id, ok: true, outcome });
      } catch (error) {
        send({ id: request.id, ok: false, error: (error as Error).message });
      } finally {
        inFlight.delete(request.id);
      }
    });
  }
  await queue;
}
