// `goal-action config`: the verifiers and budgets a goal in this repository gets, merged from
// every place they can be declared, each with where it came from. The merge is the Action's own
// (buildContract, resolveLimits); this module only gathers the inputs and prints the result.
import {
  DEFAULT_BUDGET,
  DEFAULT_MAX_BUDGET,
  parseBudget,
  resolveLimits,
} from '../config/budget.js';
import { buildContract } from '../config/contract.js';
import { GOAL_YML_PATH, type RepoConfig } from '../config/goal-yml.js';
import { parseVerifierLines } from '../config/verifiers.js';
import { formatBudgetValue, type BudgetKey } from '../config/budget.js';
import type { BudgetLimits, VerifierSpec } from '../engine/index.js';
import { formatDuration } from '../report/format.js';
import { readRepoConfig } from './local-goal.js';
import { openRepository, startDir } from './preflight.js';
import { findGoalSteps, type GoalStep } from './workflow-steps.js';

type Out = { write(s: string): unknown };
const DIMENSIONS: BudgetKey[] = ['tokens', 'usd', 'timeSec', 'iterations'];
const DEFAULT_LABEL = 'goal-ready';

export async function configCommand(
  o: { verify: string[]; repo?: string },
  out: Out,
): Promise<number> {
  const repo = await openRepository(o.repo ?? startDir(), {
    requireCommit: false,
  });
  const config = readRepoConfig(repo.root);
  const { steps, unreadable } = findGoalSteps(repo.root);
  out.write(renderConfig({ config, steps, unreadable, verify: o.verify }));
  return 0;
}

export interface ConfigView {
  config: RepoConfig | null;
  steps: GoalStep[];
  unreadable: string[];
  /** `--verify` commands, as `goal-action run` or a `/goal … --verify` would add them. */
  verify: string[];
}

export function renderConfig(v: ConfigView): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const goalYml = v.config ? GOAL_YML_PATH : `${GOAL_YML_PATH} (none)`;
  push(
    `Read: ${goalYml}; ${v.steps.length ? v.steps.map((s) => s.where).join('; ') : 'no workflow step uses goal-action'}`,
  );
  for (const file of v.unreadable) push(`  note: ${file} is not valid YAML and was skipped`);

  // The pursue step's inputs decide what a goal runs; route steps only answer commands.
  const pursue = v.steps.filter((s) => (s.inputs.mode ?? 'auto') !== 'route');
  const inputSteps = pursue.filter((s) => s.inputs.verify?.trim());
  const inputVerify: VerifierSpec[] = [];
  const inputWhere = new Map<string, string>();
  for (const step of inputSteps) {
    for (const spec of parseVerifierLines(step.inputs.verify!, 'input', `${step.where}: verify`)) {
      inputVerify.push(spec);
      inputWhere.set(spec.command, `${step.where}, input verify`);
    }
  }
  const { contract } = buildContract({
    objective: 'config',
    trustedVerify: true,
    commandVerify: v.verify,
    inputVerify,
    repo: v.config,
  });
  push('', 'Verifiers (run in this order; a goal is achieved when every required one passes):');
  if (contract.verification.length === 0)
    push(
      `  none — add verify: to ${GOAL_YML_PATH} (goal-action init writes one) or the workflow step`,
    );
  const rows = contract.verification.map((s) => [
    s.name,
    s.command,
    `${s.required ? 'required' : 'optional'}, ${s.kind}, timeout ${formatDuration(s.timeoutSec)}`,
    from(s, inputWhere),
  ]);
  push(...table(rows));
  // The same command declared twice runs once, as its first declaration; say where the other was.
  const same = (a: string, b: string) =>
    a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');
  for (const spec of [
    ...inputVerify,
    ...v.verify.map((command) => ({ command, source: 'command' })),
  ]) {
    const kept = contract.verification.find((k) => same(k.command, spec.command));
    if (kept && kept.source !== spec.source)
      push(
        `  note: \`${spec.command}\` is also declared in ${spec.source === 'input' ? (inputWhere.get(spec.command) ?? 'the workflow') : '--verify'}; it runs once, as ${kept.name}`,
      );
  }

  const inputBudget = budgetInput(pursue, 'budget');
  const inputMax = budgetInput(pursue, 'max-budget');
  const limits = resolveLimits(
    {
      budget: { ...DEFAULT_BUDGET, ...inputBudget.value },
      maxBudget: { ...DEFAULT_MAX_BUDGET, ...inputMax.value },
    },
    v.config,
  );
  for (const [title, key, resolved, input, repoPart] of [
    ['Budget of a new goal', 'budget', limits.budget, inputBudget, v.config?.budget],
    ['Ceiling (max-budget)', 'max-budget', limits.maxBudget, inputMax, v.config?.maxBudget],
  ] as const) {
    push('', `${title}:`);
    push(
      ...table(
        DIMENSIONS.map((d) => [
          d === 'timeSec' ? 'time' : d,
          formatBudgetValue(d, (resolved as BudgetLimits)[d]),
          repoPart?.[d] !== undefined
            ? `${GOAL_YML_PATH} ${key}`
            : input.value[d] !== undefined
              ? `${input.where}, input ${key}`
              : 'default (action.yml)',
        ]),
      ),
    );
  }
  const asked = { ...DEFAULT_BUDGET, ...inputBudget.value, ...v.config?.budget };
  const lowered = DIMENSIONS.filter((d) => asked[d] > limits.maxBudget[d]);
  if (lowered.length)
    push(`  note: the budget was lowered to the ceiling for ${lowered.join(', ')}`);

  const labels = new Map<string, string[]>();
  for (const s of v.steps) {
    const label = s.inputs['trigger-label'] ?? DEFAULT_LABEL;
    labels.set(label, [...(labels.get(label) ?? []), `${s.where} input`]);
    for (const l of s.labelsInIf) labels.set(l, [...(labels.get(l) ?? []), `${s.where} if:`]);
  }
  if (labels.size) {
    push('', 'Trigger label:');
    push(...table([...labels].map(([label, where]) => [label, where.join('; ')])));
    if (labels.size > 1)
      push(
        '  warning: the workflow names more than one label; a labelled issue starts a goal only when they agree',
      );
  }
  push(
    '',
    `goal-action run uses ${GOAL_YML_PATH} and its own --verify and --budget; the workflow's inputs apply on GitHub.`,
  );
  return `${lines.join('\n')}\n`;
}

function from(s: VerifierSpec, inputWhere: Map<string, string>): string {
  switch (s.source) {
    case 'config':
      return GOAL_YML_PATH;
    case 'input':
      return inputWhere.get(s.command) ?? 'workflow input verify';
    case 'command':
    case 'cli':
      return '--verify';
    case 'issue':
      return 'issue text (listed, never run)';
  }
}

function budgetInput(steps: GoalStep[], key: 'budget' | 'max-budget') {
  const step = steps.find((s) => s.inputs[key]?.trim());
  if (!step) return { value: {} as Partial<BudgetLimits>, where: '' };
  return { value: parseBudget(step.inputs[key]!, `${step.where}: ${key}`), where: step.where };
}

function table(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd(),
  );
}
