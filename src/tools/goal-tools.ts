// update_plan and update_goal: the model's way to share its plan and to ask the harness to stop.
// They only validate and hand the request over; the engine decides what it means (a completion
// claim, for one, counts only when the verifiers agree).

import { z } from 'zod';
import type { GoalRequest, ToolOutcome } from '../engine/index.js';
import type { PlanStep } from '../engine/index.js';

export const updatePlanArgs = z.object({
  explanation: z.string().optional(),
  plan: z
    .array(
      z.object({
        step: z.string().trim().min(1, 'a step needs text'),
        status: z.enum(['pending', 'in_progress', 'completed']),
      }),
    )
    .min(1, 'the plan needs at least one step')
    .max(50, 'keep the plan to at most 50 steps')
    .refine((plan) => plan.filter((step) => step.status === 'in_progress').length <= 1, {
      message: 'at most one step may be in_progress',
    }),
});

export const updateGoalArgs = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('complete'),
    evidence: z
      .string()
      .trim()
      .min(1, 'complete needs evidence: what shows the outcome is achieved'),
  }),
  z.object({
    status: z.literal('blocked'),
    blocker: z.string().trim().min(1, 'blocked needs a blocker: what stops progress'),
    needs: z.string().optional(),
  }),
]);

export function updatePlan(args: z.infer<typeof updatePlanArgs>): ToolOutcome {
  const plan: PlanStep[] = args.plan.map(({ step, status }) => ({ step, status }));
  const done = plan.filter((step) => step.status === 'completed').length;
  return { ok: true, output: `Plan updated (${done} of ${plan.length} steps completed).`, plan };
}

export function updateGoal(args: z.infer<typeof updateGoalArgs>): ToolOutcome {
  if (args.status === 'complete') {
    const goal: GoalRequest = { status: 'complete', evidence: args.evidence };
    return {
      ok: true,
      output:
        'Completion recorded. The harness now runs the verifiers; the goal is achieved only if they pass.',
      goal,
    };
  }
  const goal: GoalRequest = {
    status: 'blocked',
    blocker: args.blocker,
    ...(args.needs?.trim() ? { needs: args.needs.trim() } : {}),
  };
  return { ok: true, output: 'Blocker recorded. The harness will stop and report it.', goal };
}
