// Finds the goal-action steps in a repository's workflows and the inputs they give, so `config`
// can show verifiers and budgets declared there next to those in .github/goal.yml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface GoalStep {
  /** `.github/workflows/goal.yml`, job `pursue`, step 2. */
  where: string;
  file: string;
  job: string;
  inputs: Record<string, string>;
  /** Label names the job's `if:` compares `github.event.label.name` with. */
  labelsInIf: string[];
}

/** `uses:` values that run this Action: a release, a SHA, or the repository itself (`./`). */
const GOAL_ACTION_USES = /(^|\/)goal-action(@|$)|^\.\/?$/;

export function findGoalSteps(root: string): { steps: GoalStep[]; unreadable: string[] } {
  const dir = join(root, '.github', 'workflows');
  const steps: GoalStep[] = [];
  const unreadable: string[] = [];
  if (!existsSync(dir)) return { steps, unreadable };
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = `.github/workflows/${name}`;
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      unreadable.push(file);
      continue;
    }
    const jobs = (doc as { jobs?: Record<string, unknown> } | null)?.jobs;
    if (!jobs || typeof jobs !== 'object') continue;
    for (const [job, value] of Object.entries(jobs)) {
      const j = value as { steps?: unknown; if?: unknown } | null;
      if (!Array.isArray(j?.steps)) continue;
      const labelsInIf = [
        ...String(j.if ?? '').matchAll(/github\.event\.label\.name\s*==\s*'([^']*)'/g),
      ].map((m) => m[1]!);
      j.steps.forEach((step: { uses?: unknown; with?: Record<string, unknown> }) => {
        if (typeof step?.uses !== 'string' || !GOAL_ACTION_USES.test(step.uses.trim())) return;
        const inputs: Record<string, string> = {};
        for (const [k, v] of Object.entries(step.with ?? {})) inputs[k] = String(v ?? '');
        steps.push({ where: `${file}, job ${job}`, file, job, inputs, labelsInIf });
      });
    }
  }
  return { steps, unreadable };
}
