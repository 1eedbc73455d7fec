// A run that fails after routing handed it a goal but before its loop ran (no API key, a sandbox
// that `sandbox: strict` refuses, a crash while setting up) must not leave the goal `queued`,
// "waiting for a runner" that already came and went: the goal becomes `failed`, and its status
// comment says what went wrong and what to do. The state machine decides (failed-outside-loop: only
// a goal that waited for a loop is marked, never one another run drives); this file words the
// failure and writes the result.
import { resolveLimits } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import type { RepoConfig } from '../config/goal-yml.js';
import type { Transition, TransitionContext } from '../domain/commands.js';
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
  goal: { record: GoalRecord; channel: GoalChannel; repo: RepoConfig | null; unsaved?: boolean },
  reason: unknown,
): Promise<GoalRecord | null> {
  // Another run drives the goal now: it is that run's to write, not ours.
  if (reason instanceof LockLostError) return null;
  const ctx = {
    loopRunning: false,
    now: new Date(env.now()).toISOString(),
    runId: env.ctx.runId,
    maxBudget: resolveLimits(env.cfg, goal.repo).maxBudget,
  };
  return markFailed(
    goal.channel,
    env.gh,
    describeFailure(reason),
    () => ctx,
    env.channelOptions.warn,
    // Routing left a new goal for the loop to store: it is stored failed, not lost.
    goal.unsaved ? goal.record : undefined,
  );
}

/**
 * failed-outside-loop on the STORED record (compare-and-swap: a command that landed meanwhile is
 * kept), then the label. Null when the state machine left the goal alone or nothing was written.
 */
async function markFailed(
  channel: GoalChannel,
  gh: GitHubRepo,
  failure: Failure,
  context: (current: GoalRecord) => TransitionContext,
  warn: (message: string) => void,
  unsaved?: GoalRecord,
): Promise<GoalRecord | null> {
  let last: Transition | undefined;
  const result = await channel.update((stored) => {
    const current = stored ?? (unsaved ? structuredClone(unsaved) : null);
    if (!current) return null;
    last = applySystem(current, { kind: 'failed-outside-loop', ...failure }, context(current));
    return last.record === current ? null : last.record;
  });
  if (result.kind !== 'written' || !last) return null;
  for (const effect of last.effects)
    if (effect.kind === 'label')
      await gh
        .setStateLabel(channel.issueNumber, effect.state)
        .catch((e: Error) => warn(`Could not set the label: ${e.message}`));
  return result.record;
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
  const found = await GoalChannel.lookup(gh, intent.number);
  const channel = new GoalChannel(gh, intent.number, found, {
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
  // An unreadable record is never written over (the store refuses); a readable one fails only
  // when it waited for a loop and no other run's lock drives it (the state machine decides).
  const failed =
    found.kind === 'found'
      ? await markFailed(
          channel,
          gh,
          failure,
          (current) => ({
            loopRunning: current.lock !== undefined && current.lock.runId !== ctx.runId,
            now: new Date().toISOString(),
            runId: ctx.runId,
            maxBudget: current.budget,
          }),
          job.warn,
        )
      : null;
  await gh.comment(
    intent.number,
    redact(
      `⚠️ goal-action could not start this run: ${trimStop(failure.error)}.\n\n${
        failed
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
