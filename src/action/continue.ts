// Past the 6-hour job limit: a loop that paused at its run deadline starts the next run itself,
// through workflow_dispatch (needs `actions: write`). Without that permission it says how to go on.
import type { GoalRecord } from '../engine/types.js';
import type { ActionEnv } from './route.js';

export async function continueLater(
  env: ActionEnv,
  issueNumber: number,
  record: GoalRecord,
  warn: (m: string) => void,
): Promise<void> {
  if (record.state !== 'paused' || !record.stopReason || record.stopReason.kind !== 'paused')
    return;
  if (!record.stopReason.detail.includes('time limit')) return;
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/goal.yml@refs/heads/main
  const match = /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@(.+)$/.exec(env.ctx.workflowRef);
  if (!match) {
    warn('Cannot tell which workflow to continue in; reply `/goal resume` to continue.');
    return;
  }
  try {
    await env.gh.dispatchWorkflow(match[1]!, match[2]!, {
      issue: String(issueNumber),
      command: '/goal resume',
    });
    env.info(`Started the next run of ${match[1]} to continue the goal.`);
  } catch (err) {
    warn(
      `Could not start the next run (${(err as Error).message}); reply \`/goal resume\` to continue. Grant \`actions: write\` to continue automatically.`,
    );
  }
}
