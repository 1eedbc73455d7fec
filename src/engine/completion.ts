// The completion protocol and the blocked check: the model may only ask; these decide.
import type { Judgement } from '../verify/judge.js';
import type { GoalRequest } from './ports.js';
import type { TamperFinding } from './types.js';

export interface CompletionEvidence {
  hasVerifiers: boolean;
  /** The tree is exactly the checkpoint the verifiers ran on. */
  clean: boolean;
  judgement: Judgement;
  findings: TamperFinding[];
}

/** The reasons completion is refused; empty means achieved. */
export function completionRefusals(e: CompletionEvidence): string[] {
  const reasons: string[] = [];
  if (!e.hasVerifiers)
    reasons.push(
      'No verifier is configured, so nothing can prove the outcome. A maintainer must add one (`verify:` input, .github/goal.yml, or `/goal … --verify "cmd"`).',
    );
  if (!e.clean)
    reasons.push(
      'The working tree differs from the checkpoint the verifiers ran on (a verifier or command left changes behind).',
    );
  reasons.push(...e.judgement.unmet);
  for (const f of e.findings) {
    // Details start with their path; say it once.
    const detail =
      f.path && f.detail.startsWith(`${f.path}: `) ? f.detail.slice(f.path.length + 2) : f.detail;
    reasons.push(`Tamper rule \`${f.rule}\` fired${f.path ? ` on ${f.path}` : ''}: ${detail}`);
  }
  return reasons;
}

export function refusalMessage(reasons: string[]): string {
  return `Completion refused by the harness. These requirements are not met on the committed checkpoint:\n${reasons
    .map((r) => `- ${r}`)
    .join('\n')}\nKeep working toward the contract as written; do not narrow it.`;
}

const GENERIC_BLOCKER =
  /^(i('| a)?m |i am )?(stuck|blocked|not sure|unable to (proceed|continue)|cannot (proceed|continue)|can't (proceed|continue)|need help)[.!]?$/i;

/** Why a blocked request is not concrete enough, or null when it is accepted. */
export function blockedRefusal(
  request: Extract<GoalRequest, { status: 'blocked' }>,
): string | null {
  const blocker = request.blocker.trim();
  const needs = (request.needs ?? '').trim();
  const words = blocker.split(/\s+/).filter(Boolean).length;
  if (GENERIC_BLOCKER.test(blocker) || words < 6)
    return `A blocked request needs a concrete blocker: name what fails (command, error, file) and why you cannot resolve it yourself. "${blocker}" is not specific enough.`;
  if (needs.split(/\s+/).filter(Boolean).length < 2)
    return 'A blocked request must say in `needs` what input a maintainer has to give (access, a decision, information).';
  return null;
}
