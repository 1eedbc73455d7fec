// State labels (`goal: pursuing`, `goal: achieved`, …): exactly one on the issue, swapped with the
// fewest writes (none when it is already right), each label created once with its colour.

import { GOAL_STATES, type GoalState } from '../engine/index.js';
import type { RepoContext } from './comments.js';
import { callGitHub, statusOf } from './errors.js';

export const STATE_LABEL_PREFIX = 'goal: ';

const COLOURS: Record<GoalState, string> = {
  queued: 'c5def5',
  pursuing: '1d76db',
  achieved: '0e8a16',
  blocked: 'd93f0b',
  'budget-limited': 'fbca04',
  stalled: 'e99695',
  paused: 'bfdadc',
  cleared: 'ededed',
  failed: 'b60205',
};

export function stateLabel(state: GoalState): string {
  return `${STATE_LABEL_PREFIX}${state}`;
}

const STATE_LABELS = new Set(GOAL_STATES.map((s) => stateLabel(s).toLowerCase()));

export function isStateLabel(name: string): boolean {
  return STATE_LABELS.has(name.toLowerCase());
}

/** Makes sure the repository has the label (with our colour); `known` remembers labels seen. */
export async function ensureStateLabel(
  ctx: RepoContext,
  state: GoalState,
  known: Set<string>,
): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const name = stateLabel(state);
  if (known.has(name)) return;
  const route = `/repos/${owner}/${repo}/labels`;
  const exists = await callGitHub(`look up the label "${name}"`, `GET ${route}/${name}`, () =>
    octokit.rest.issues.getLabel({ owner, repo, name }).then(
      () => true,
      (e: unknown) => {
        if (statusOf(e) === 404) return false;
        throw e;
      },
    ),
  );
  if (!exists) {
    await callGitHub(`create the label "${name}"`, `POST ${route}`, () =>
      octokit.rest.issues
        .createLabel({
          owner,
          repo,
          name,
          color: COLOURS[state],
          description: `goal-action: the goal is ${state}`,
        })
        .catch((e: unknown) => {
          // Another run created it in between: that is what we wanted.
          if (statusOf(e) !== 422) throw e;
        }),
    );
  }
  known.add(name);
}

/** Puts `goal: <state>` on the issue and takes any other state label off. */
export async function applyStateLabel(
  ctx: RepoContext,
  issueNumber: number,
  state: GoalState,
  known: Set<string>,
): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const want = stateLabel(state);
  const route = `/repos/${owner}/${repo}/issues/${issueNumber}/labels`;
  const current = await callGitHub(`read the labels of #${issueNumber}`, `GET ${route}`, () =>
    octokit.rest.issues.listLabelsOnIssue({
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 100,
    }),
  );
  const names = current.data.map((l) => l.name);
  if (!names.includes(want)) {
    await ensureStateLabel(ctx, state, known);
    await callGitHub(`label #${issueNumber} "${want}"`, `POST ${route}`, () =>
      octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: [want] }),
    );
  }
  for (const stale of names.filter((n) => isStateLabel(n) && n !== want)) {
    await callGitHub(
      `remove the label "${stale}" from #${issueNumber}`,
      `DELETE ${route}/${stale}`,
      () =>
        octokit.rest.issues
          .removeLabel({ owner, repo, issue_number: issueNumber, name: stale })
          .catch((e: unknown) => {
            // Someone removed it already.
            if (statusOf(e) !== 404) throw e;
          }),
    );
  }
}
