// The evidence on a checkpoint commit, where reviewers look: a `goal-action` check run (Checks API)
// with the verifier table, the iteration, the tokens so far and annotations on failing test files;
// where the token may not write checks (no `checks: write`), a `goal-action` commit status; where
// it may write neither, one warning that says which permission to grant.
import type { RepoContext } from './comments.js';
import { callGitHub, statusOf } from './errors.js';

export interface CheckAnnotation {
  path: string;
  line: number;
  message: string;
  title?: string;
}

export interface Evidence {
  sha: string;
  /** The check's name; it contains `goal-action`. */
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Markdown: the verifier table and the goal's facts. */
  summary: string;
  /** Markdown: output of what failed. */
  text?: string;
  annotations: CheckAnnotation[];
  detailsUrl?: string;
  externalId?: string;
  /** One line for a commit status (GitHub keeps 140 characters). */
  statusLine: string;
}

export type EvidencePublished = 'check' | 'status' | 'none';

/** GitHub's limits: 65,535 characters of summary or text, 50 annotations per request. */
const OUTPUT_LIMIT = 65_000;
const ANNOTATIONS_PER_REQUEST = 50;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export async function publishEvidence(
  ctx: RepoContext,
  e: Evidence,
  refused: { checks: boolean; statuses: boolean },
): Promise<EvidencePublished> {
  const { octokit, owner, repo } = ctx;
  if (!refused.checks) {
    const ok = await callGitHub(
      `add the ${e.name} check run to ${e.sha.slice(0, 7)}`,
      `POST /repos/${owner}/${repo}/check-runs`,
      () =>
        octokit.rest.checks
          .create({
            owner,
            repo,
            name: e.name,
            head_sha: e.sha,
            status: 'completed',
            conclusion: e.conclusion,
            completed_at: new Date().toISOString(),
            ...(e.detailsUrl ? { details_url: e.detailsUrl } : {}),
            ...(e.externalId ? { external_id: e.externalId } : {}),
            output: {
              title: clip(e.title, 250),
              summary: clip(e.summary, OUTPUT_LIMIT),
              ...(e.text ? { text: clip(e.text, OUTPUT_LIMIT) } : {}),
              annotations: e.annotations.slice(0, ANNOTATIONS_PER_REQUEST).map((a) => ({
                path: a.path,
                start_line: a.line,
                end_line: a.line,
                annotation_level: 'failure' as const,
                message: clip(a.message, 4_000),
                ...(a.title ? { title: clip(a.title, 250) } : {}),
              })),
            },
          })
          .then(
            () => true,
            (err: unknown) => {
              if (statusOf(err) !== 403) throw err;
              return false;
            },
          ),
    );
    if (ok) return 'check';
    refused.checks = true;
    ctx.debug('The token may not write check runs (403); using commit statuses instead.');
  }
  if (!refused.statuses) {
    const ok = await callGitHub(
      `set the ${e.name} status on ${e.sha.slice(0, 7)}`,
      `POST /repos/${owner}/${repo}/statuses/${e.sha}`,
      () =>
        octokit.rest.repos
          .createCommitStatus({
            owner,
            repo,
            sha: e.sha,
            state: e.conclusion === 'failure' ? 'failure' : 'success',
            context: e.name,
            description: clip(e.statusLine, 140),
            ...(e.detailsUrl ? { target_url: e.detailsUrl } : {}),
          })
          .then(
            () => true,
            (err: unknown) => {
              if (statusOf(err) !== 403) throw err;
              return false;
            },
          ),
    );
    if (ok) return 'status';
    refused.statuses = true;
    ctx.warn(
      'The checkpoint commits carry no verifier results: the token may write neither check runs nor commit statuses. Grant `checks: write` (or `statuses: write`) in the workflow `permissions:`.',
    );
  }
  return 'none';
}
