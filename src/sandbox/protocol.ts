// The pipe between the Action and the tool worker: one JSON object per line. The worker runs as the
// agent, so everything it sends back is untrusted: the Action parses it with these schemas, bounds
// its size, and uses it only as text for the model — never to decide anything privileged.

import { z } from 'zod';

export const WorkerInit = z.object({
  op: z.literal('init'),
  root: z.string(),
  protectedPaths: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  /** The worker is PID 1's child in its own PID namespace, or runs as its own uid: it may sweep with kill(-1). */
  sweep: z.boolean(),
  shellTimeoutMs: z.number().optional(),
  /** The login shell's environment from an earlier start of this run's worker. */
  loginEnv: z.record(z.string(), z.string()).optional(),
});
export type WorkerInit = z.infer<typeof WorkerInit>;

export const WorkerRequest = z.discriminatedUnion('op', [
  WorkerInit.extend({ id: z.number() }),
  z.object({ op: z.literal('tool'), id: z.number(), name: z.string(), args: z.string() }),
  z.object({ op: z.literal('cancel'), id: z.number() }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;

export const ToolOutcomeWire = z.object({
  ok: z.boolean(),
  output: z.string(),
  mutating: z.boolean().optional(),
  plan: z
    .array(z.object({ step: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) }))
    .optional(),
  goal: z
    .union([
      z.object({ status: z.literal('complete'), evidence: z.string() }),
      z.object({ status: z.literal('blocked'), blocker: z.string(), needs: z.string().optional() }),
    ])
    .optional(),
});

export const WorkerResponse = z.union([
  z.object({
    id: z.number(),
    ok: z.literal(true),
    outcome: ToolOutcomeWire.optional(),
    /** The init answer: the login environment captured by this start, for the next ones. */
    loginEnv: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
export type WorkerResponse = z.infer<typeof WorkerResponse>;

/** A response line longer than this is a misbehaving worker, not tool output (which is ~10 KiB). */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
