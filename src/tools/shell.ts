// The shell tool: one command in the workspace, sandboxed, with a timeout; the model sees the exit
// code, the wall time and head+tail-truncated output, in the shape codex prints it.

import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { ToolOutcome } from '../engine/index.js';
import { runCommand, type ExecOptions } from './exec.js';
import { resolveInWorkspace } from './paths.js';
import { withoutLogin } from './login-env.js';

export const SHELL_DEFAULT_TIMEOUT_MS = 120_000;
export const SHELL_MAX_TIMEOUT_MS = 30 * 60_000;
const SHELL_OUTPUT_BYTES = 10 * 1024;
const SHELL_OUTPUT_LINES = 256;

export const shellArgs = z.object({
  command: z.union([
    z.array(z.string()).min(1, 'command needs at least the program'),
    z.string().trim().min(1),
  ]),
  workdir: z.string().optional(),
  timeout_ms: z.number().int().positive().optional(),
});

export interface ShellContext {
  root: string;
  runAs?: ExecOptions['runAs'];
  env?: Record<string, string>;
  /** The login shell's environment, captured once: `bash -lc` then runs without the profile. */
  loginEnv?: Record<string, string>;
  defaultTimeoutMs?: number;
  signal?: AbortSignal;
}

export async function runShellTool(
  args: z.infer<typeof shellArgs>,
  context: ShellContext,
): Promise<ToolOutcome> {
  const cwd = resolveInWorkspace(context.root, args.workdir ?? '.', { allowAbsolute: true });
  const cwdInfo = await stat(cwd.absolute).catch(() => undefined);
  if (!cwdInfo?.isDirectory()) {
    return { ok: false, output: `workdir "${args.workdir}" is not a directory in the workspace.` };
  }
  const timeoutMs = Math.min(
    args.timeout_ms ?? context.defaultTimeoutMs ?? SHELL_DEFAULT_TIMEOUT_MS,
    SHELL_MAX_TIMEOUT_MS,
  );
  const fast =
    context.loginEnv && Array.isArray(args.command) ? withoutLogin(args.command) : undefined;
  const env = fast ? { ...context.env, ...context.loginEnv } : context.env;
  const result = await runCommand(fast ?? args.command, {
    cwd: cwd.absolute,
    timeoutMs,
    maxCaptureBytes: SHELL_OUTPUT_BYTES,
    maxCaptureLines: SHELL_OUTPUT_LINES,
    ...(env ? { env } : {}),
    ...(context.runAs ? { runAs: context.runAs } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });

  const header: string[] = [];
  if (result.spawnError) header.push(`The command could not start: ${result.spawnError}`);
  else if (result.timedOut)
    header.push(
      `Command timed out after ${timeoutMs} ms and was killed (raise timeout_ms, up to ${SHELL_MAX_TIMEOUT_MS}, if it needs longer).`,
    );
  else if (result.aborted) header.push('Command was cancelled.');
  header.push(
    `Exit code: ${result.exitCode ?? (result.signal ? `killed by ${result.signal}` : 'none')}`,
  );
  header.push(`Wall time: ${(result.durationMs / 1000).toFixed(1)} seconds`);
  if (Buffer.byteLength(result.output) !== result.totalBytes)
    header.push(`Total output lines: ${result.totalLines}`);
  header.push('Output:');
  return {
    ok: result.exitCode === 0 && !result.timedOut && !result.aborted,
    output: `${header.join('\n')}\n${result.output}`,
    mutating: true,
  };
}
