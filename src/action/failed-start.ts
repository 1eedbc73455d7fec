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
import { createOctokit } from '../github/client.js';
import { GitHubRepo } from '../github/repo.js';
import { classifyEvent } from '../trigger/event.js';
import { readRunContext, type RunContext } from './context.js';
import { GoalChannel, LockLostError } from './goal-channel.js';
import { makeRedactor } from './redact.js';
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

/**
 * The run could not read its inputs (or its context), so it never routed: nothing was changed.
 * When the event is a `/goal` command from someone with write access, the thread says why nothing
 * happened and what to fix; a goal that waits for a runner (`queued` by a route job, no loop) is
 * marked failed, so it does not wait forever. Best effort: the step fails with the reason anyway.
 */
export async function reportUnroutable(
  reason: unknown,
  job: {
    token: string;
    triggerLabel: string;
    secrets: string[];
    warn: (m: string) => void;
    context?: () => RunContext;
  },
): Promise<void> {
  let ctx: RunContext;
  try {
    ctx = (job.context ?? readRunContext)();
  } catch {
    return; // not in a job: nothing to tell anyone
  }
  if (!job.token) return;
  const intent = classifyEvent(ctx.eventName, ctx.payload, {
    triggerLabel: job.triggerLabel || 'goal-ready',
  });
  if (intent.kind === 'ignore' || intent.actorType === 'Bot') return;
  if (intent.kind !== 'label' && intent.parsed.kind !== 'command') return;
  const gh = new GitHubRepo(
    createOctokit({ token: job.token, baseUrl: ctx.apiUrl, log: { warn: job.warn } }),
    { owner: ctx.owner, repo: ctx.repo },
    { log: { warn: job.warn } },
  );
  if (!WRITE_ROLES.includes(await gh.permission(intent.actor))) return;
  const redact = makeRedactor([job.token, ...job.secrets]);
  const failure = describeFailure(reason);
  const found = await GoalChannel.find(gh, intent.number);
  const t = found.record
    ? applySystem(
        found.record,
        { kind: 'failed-outside-loop', ...failure },
        {
          // Another run's lock on a pursuing goal: that run drives it.
          loopRunning: found.record.lock !== undefined && found.record.lock.runId !== ctx.runId,
          now: new Date().toISOString(),
          runId: ctx.runId,
          maxBudget: found.record.budget,
        },
      )
    : undefined;
  if (t?.record && t.record !== found.record) {
    const channel = new GoalChannel(gh, intent.number, found.commentId, {
      runId: ctx.runId,
      links: {
        runUrl: ctx.runUrl,
        commitUrl: (sha) => `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${sha}`,
      },
      debounceMs: 0,
      now: () => Date.now(),
      warn: job.warn,
      redact,
    });
    await channel.save(t.record);
    await channel.flush();
    await gh.setStateLabel(intent.number, t.record.state);
  }
  await gh.comment(
    intent.number,
    redact(
      `⚠️ goal-action could not start this run: ${trimStop(failure.error)}.\n\n${
        t?.record && t.record !== found.record
          ? `${capitalize(trimStop(failure.action))}.`
          : `${capitalize(trimStop(failure.action).replace(RESUME, 'then send the command again'))}.`
      }`,
    ),
  );
}

const WRITE_ROLES: readonly string[] = ['admin', 'maintain', 'write'];

function trimStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
