// Past the 6-hour job limit: a loop that paused at its run deadline starts the next run itself,
// through workflow_dispatch (needs `actions: write`). The dispatch carries a one-time nonce whose
// hash is stored in the goal record first, so the next run can tell the Action's own continuation
// from any other dispatch whatever the sender (state/continuation.ts). Without the permission, or
// without the `continuation` input in the workflow, it says how to go on.
import { continuesItself } from '../domain/stop.js';
import { applySystem } from '../domain/transitions.js';
import type { GoalRecord } from '../engine/index.js';
import { statusOf } from '../github/errors.js';
import { CONTINUATION_INPUT, newContinuationNonce } from '../state/continuation.js';
import { GoalChannel } from './goal-channel.js';
import { channelFor, type ActionEnv } from './route.js';

export async function continueLater(
  env: ActionEnv,
  issueNumber: number,
  record: GoalRecord,
  warn: (m: string) => void,
): Promise<void> {
  // By the stop's cause (the run reached its deadline), never by the words of its detail.
  if (!continuesItself(record)) return;
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/goal.yml@refs/heads/main
  const match = /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@(.+)$/.exec(env.ctx.workflowRef);
  if (!match) {
    warn('Cannot tell which workflow to continue in; reply `/goal resume` to continue.');
    return;
  }
  try {
    // The nonce is in the record before the dispatch exists: the next run may start at once.
    const { nonce, nonceHash } = newContinuationNonce();
    const channel = channelFor(env, issueNumber, await GoalChannel.lookup(env.gh, issueNumber));
    const written = await channel.update((current) =>
      current && continuesItself(current)
        ? applySystem(
            current,
            { kind: 'continuation-issued', nonceHash, runId: env.ctx.runId },
            {
              loopRunning: false,
              now: new Date(env.now()).toISOString(),
              runId: env.ctx.runId,
              maxBudget: current.budget,
            },
          ).record
        : null,
    );
    if (written.kind !== 'written') {
      warn(
        'The goal changed after its run stopped (or its record cannot be read); not continuing automatically. Reply `/goal resume` to continue.',
      );
      return;
    }
    // The caller keeps this record object: it sees the nonce's hash as it was stored.
    record.continuation = written.record.continuation!;
    await channel.flush();
    await env.gh.dispatchWorkflow(match[1]!, match[2]!, {
      issue: String(issueNumber),
      command: '/goal resume',
      [CONTINUATION_INPUT]: nonce,
    });
    env.info(`Started the next run of ${match[1]} to continue the goal.`);
  } catch (err) {
    const message = (err as Error).message;
    const hint =
      statusOf(err) === 422 || /unexpected inputs/i.test(message)
        ? `Add a \`${CONTINUATION_INPUT}\` input to the workflow's \`workflow_dispatch\` inputs (see examples/workflows/goal.yml) to continue automatically.`
        : 'Grant `actions: write` in the workflow `permissions:` to continue automatically.';
    warn(`Could not start the next run (${message}); reply \`/goal resume\` to continue. ${hint}`);
  }
}
