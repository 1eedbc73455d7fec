// A run that fails after routing handed it a goal but before its loop ran (no API key, a sandbox
// that `sandbox: strict` refuses, a crash while setting up) must not leave the goal `queued`,
// "waiting for a runner" that already came and went: the goal becomes `failed`, and its status
// comment says what went wrong and what to do. The state machine decides (failed-outside-loop: only
// a goal that waited for a loop is marked, never one another run drives); this file words the
// failure and writes the result.
import { resolveLimits } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import type { RepoConfig } from '../config/goal-yml.js';
import { applySystem } from '../domain/transitions.js';
import type { GoalRecord } from '../engine/index.js';
import { SandboxUnavailableError } from '../sandbox/index.js';
import { LockLostError, type GoalChannel } from './goal-channel.js';
import type { ActionEnv } from './route.js';

/** Thrown by pursue() for anything that went wrong before the loop started. */
export class FailedBeforeLoopError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'FailedBeforeLoopError';
  }
}

export interface Failure {
  error: string;
  action: string;
  cause: 'config' | 'start-up';
}

const RESUME = 'then reply `/goal resume`';

/** What went wrong and what to do, for the status comment. */
export function describeFailure(reason: unknown): Failure {
  if (reason instanceof ConfigError && reason.key === 'openai-api-key')
    return {
      error: 'No API key for the model was given to this run (input `openai-api-key`)',
      action: `Store the key as a repository secret, pass it with \`openai-api-key: \${{ secrets.OPENAI_API_KEY }}\` in the step's \`with:\` (any placeholder for an endpoint without keys), ${RESUME}`,
      cause: 'config',
    };
  if (reason instanceof ConfigError)
    return {
      error: reason.message,
      action: `Fix \`${reason.key}\` (an input of the workflow step, or \`.github/goal.yml\`), ${RESUME}`,
      cause: 'config',
    };
  if (reason instanceof SandboxUnavailableError)
    return {
      error: reason.message,
      action: `Change the runner or the \`sandbox\` input as the reason says, ${RESUME}`,
      cause: 'config',
    };
  const message = reason instanceof Error ? reason.message : String(reason);
  return {
    error: `The run failed while it prepared the loop: ${message}`,
    action: `Re-run the job, or reply \`/goal resume\`; the job log has the details`,
    cause: 'start-up',
  };
}

/**
 * Marks the goal failed with the reason and the fix, and writes it (status comment and label).
 * Returns the record written, or null when the goal was not this run's to mark.
 */
export async function recordFailedStart(
  env: ActionEnv,
  goal: { record: GoalRecord; channel: GoalChannel; repo: RepoConfig | null },
  reason: unknown,
): Promise<GoalRecord | null> {
  // Another run drives the goal now: it is that run's to write, not ours.
  if (reason instanceof LockLostError) return null;
  const failure = describeFailure(reason);
  const t = applySystem(
    goal.record,
    { kind: 'failed-outside-loop', ...failure },
    {
      loopRunning: false,
      now: new Date(env.now()).toISOString(),
      runId: env.ctx.runId,
      maxBudget: resolveLimits(env.cfg, goal.repo).maxBudget,
    },
  );
  if (!t.record || t.record === goal.record) return null;
  await goal.channel.save(t.record);
  await goal.channel.flush();
  for (const effect of t.effects)
    if (effect.kind === 'label')
      await env.gh
        .setStateLabel(goal.channel.issueNumber, effect.state)
        .catch((e: Error) => env.channelOptions.warn(`Could not set the label: ${e.message}`));
  return t.record;
}
