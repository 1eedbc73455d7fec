// The ToolHost the engine talks to: fixed tool specs, argument validation, dispatch. Every failure
// becomes an answer the model can act on ({ ok: false, output }); nothing here throws into the loop.

import { z } from 'zod';
import type { ToolCallContext, ToolHost, ToolOutcome, ToolSpec } from '../engine/index.js';
import { applyPatch } from './apply-patch.js';
import type { ExecOptions } from './exec.js';
import { updateGoal, updateGoalArgs, updatePlan, updatePlanArgs } from './goal-tools.js';
import { DEFAULT_PROTECTED_PATHS, PathError } from './paths.js';
import { readWorkspaceFile } from './read-file.js';
import { searchWorkspace } from './search.js';
import { runShellTool, shellArgs } from './shell.js';
import { TOOL_SPECS } from './specs.js';
import { truncateHeadTail } from './head-tail.js';

export interface ToolHostOptions {
  root: string;
  /** Globs the model may never write; defaults to `.github/workflows/**`. */
  protectedPaths?: string[];
  runAs?: ExecOptions['runAs'];
  env?: Record<string, string>;
  redact?: (text: string) => string;
  shellTimeoutMs?: number;
  /** Make new files group-writable (the workspace is shared with the Action's user by group). */
  shareWithGroup?: boolean;
  /** The login shell's environment, captured once (see login-env.ts). */
  loginEnv?: Record<string, string>;
}

const applyPatchArgs = z.object({ input: z.string().min(1, 'input is the patch text') });
const readFileArgs = z.object({
  path: z.string().min(1),
  start_line: z.number().int().positive().optional(),
  end_line: z.number().int().positive().optional(),
});
const searchArgs = z.object({
  pattern: z.string().optional(),
  glob: z.string().optional(),
  max_results: z.number().int().positive().optional(),
});

type Handler = (raw: unknown, ctx: ToolCallContext) => Promise<ToolOutcome> | ToolOutcome;

export function createToolHost(opts: ToolHostOptions): ToolHost {
  const protectedPaths = opts.protectedPaths ?? [...DEFAULT_PROTECTED_PATHS];
  const handlers: Record<string, Handler> = {
    shell: (raw, ctx) =>
      runShellTool(parse('shell', shellArgs, raw), {
        root: opts.root,
        ...(opts.runAs ? { runAs: opts.runAs } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.loginEnv ? { loginEnv: opts.loginEnv } : {}),
        ...(opts.shellTimeoutMs ? { defaultTimeoutMs: opts.shellTimeoutMs } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    apply_patch: async (raw) => {
      const result = await applyPatch(parse('apply_patch', applyPatchArgs, raw).input, {
        root: opts.root,
        protectedPaths,
        shareWithGroup: opts.shareWithGroup ?? opts.runAs !== undefined,
      });
      return { ...result, mutating: true };
    },
    read_file: (raw) => readWorkspaceFile(opts.root, parse('read_file', readFileArgs, raw)),
    search: (raw, ctx) =>
      searchWorkspace(parse('search', searchArgs, raw), {
        root: opts.root,
        ...(opts.runAs ? { runAs: opts.runAs } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    update_plan: (raw) => updatePlan(parse('update_plan', updatePlanArgs, raw)),
    update_goal: (raw) => updateGoal(parse('update_goal', updateGoalArgs, raw)),
  };
  const redact = opts.redact ?? ((text: string) => text);

  return {
    specs: (): ToolSpec[] => TOOL_SPECS.map((spec) => structuredClone(spec)),
    async execute(name, rawArguments, ctx) {
      const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
      if (!handler) {
        return fail(
          `Unknown tool "${name}". The tools are: ${TOOL_SPECS.map((spec) => spec.name).join(', ')}.`,
        );
      }
      let raw: unknown;
      try {
        raw = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
      } catch (error) {
        return fail(
          `The arguments to ${name} are not valid JSON (${(error as Error).message}). ${expected(name)}`,
        );
      }
      try {
        const outcome = await handler(raw, ctx);
        return { ...outcome, output: redact(outcome.output) };
      } catch (error) {
        // Refused before anything ran: nothing changed.
        if (error instanceof ArgumentError || error instanceof PathError)
          return fail(redact(error.message));
        // An unexpected failure (permissions, disk): the model can still read it and try another way.
        return {
          ...fail(
            redact(
              truncateHeadTail(`${name} failed: ${(error as Error).message ?? String(error)}`),
            ),
          ),
          ...mutatingOf(name),
        };
      }
    },
  };
}

class ArgumentError extends Error {}

function parse<T>(tool: string, schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`,
  );
  throw new ArgumentError(
    `Invalid arguments to ${tool}: ${problems.join('; ')}. ${expected(tool)}`,
  );
}

function expected(tool: string): string {
  const spec = TOOL_SPECS.find((candidate) => candidate.name === tool);
  return spec ? `Expected arguments matching: ${JSON.stringify(spec.parameters)}` : '';
}

function fail(output: string): ToolOutcome {
  return { ok: false, output };
}

/** Shell and apply_patch may have changed files even when they failed. */
function mutatingOf(name: string): Pick<ToolOutcome, 'mutating'> {
  return name === 'shell' || name === 'apply_patch' ? { mutating: true } : {};
}
