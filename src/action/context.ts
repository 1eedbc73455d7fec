// Facts about this workflow run, read once from the runner's environment and event file.
import { readFileSync } from 'node:fs';

export interface RunContext {
  eventName: string;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  runId: string;
  runAttempt: number;
  actor: string;
  triggeringActor: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  runUrl: string;
  /** `owner/repo/.github/workflows/goal.yml@refs/heads/main`, for auto-continuation. */
  workflowRef: string;
  ref: string;
}

export class ContextError extends Error {}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const need = (name: string): string => {
    const value = env[name];
    if (!value)
      throw new ContextError(
        `${name} is not set: goal-action must run inside a GitHub Actions job.`,
      );
    return value;
  };
  const [owner, repo] = need('GITHUB_REPOSITORY').split('/');
  if (!owner || !repo)
    throw new ContextError(
      `GITHUB_REPOSITORY must look like owner/repo, not "${env.GITHUB_REPOSITORY}".`,
    );
  const eventPath = need('GITHUB_EVENT_PATH');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new ContextError(
      `Cannot read the event payload at ${eventPath}: ${(err as Error).message}`,
    );
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = need('GITHUB_RUN_ID');
  const actor = env.GITHUB_ACTOR ?? '';
  return {
    eventName: need('GITHUB_EVENT_NAME'),
    payload,
    owner,
    repo,
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? '1') || 1,
    actor,
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR ?? actor,
    serverUrl,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
    ref: env.GITHUB_REF ?? '',
  };
}
