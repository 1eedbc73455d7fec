// The completion protocol and the blocked check: the model may only ask; these decide.
import type { Judgement } from '../verify/judge.js';
import type { GoalRequest } from './ports.js';
import {
  BLOCKED_NEEDS,
  BLOCKED_VAGUE,
  DIRTY_REASON,
  NO_VERIFIER_REASON,
  REFUSAL,
  TAMPER_REASON,
  TAMPER_WHERE,
} from './templates/completion.js';
import { renderTemplate } from './templates/render.js';
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
  if (!e.hasVerifiers) reasons.push(renderTemplate(NO_VERIFIER_REASON, {}));
  if (!e.clean) reasons.push(renderTemplate(DIRTY_REASON, {}));
  reasons.push(...e.judgement.unmet);
  for (const f of e.findings) {
    // Details start with their path; say it once.
    const detail =
      f.path && f.detail.startsWith(`${f.path}: `) ? f.detail.slice(f.path.length + 2) : f.detail;
    const where = f.path ? renderTemplate(TAMPER_WHERE, { path: f.path }) : '';
    reasons.push(renderTemplate(TAMPER_REASON, { rule: f.rule, where, detail }));
  }
  return reasons;
}

export function refusalMessage(reasons: string[]): string {
  return renderTemplate(REFUSAL, { reasons: reasons.map((r) => `- ${r}`).join('\n') });
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
  if (GENERIC_BLOCKER.test(blocker) || words < 6) return renderTemplate(BLOCKED_VAGUE, { blocker });
  if (needs.split(/\s+/).filter(Boolean).length < 2) return renderTemplate(BLOCKED_NEEDS, {});
  return null;
}
