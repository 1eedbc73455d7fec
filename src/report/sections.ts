// The Markdown sections the status comment, the PR body and the job summary share.
import type { GoalContract, GoalRecord, PlanStep, TamperFinding } from '../engine/index.js';
import { decideReport } from './decision.js';
import {
  approxUsd,
  findingDetail,
  plural,
  formatDuration,
  formatPercent,
  formatTokens,
  formatUsd,
  oneLine,
  shortSha,
  STATE_EMOJI,
  reasonSentence,
  nextStepHint,
} from './format.js';
import { cell, code, link, quote, safe, table, type ReportLinks } from './markdown.js';

/** `💸 **budget-limited**: The token budget is used up (2.0M of 2.0M); …. Continue with …` */
export function stateHeadline(record: GoalRecord): string {
  const hint = nextStepHint(record);
  const reason = safe(reasonSentence(record));
  return `${STATE_EMOJI[record.state]} **${record.state}**: ${reason}.${hint ? ` ${hint}` : ''}`;
}

/** The tamper rules the contract switched off, said at the top so nobody mistakes silence for proof. */
export function allowedChangesNote(record: GoalRecord): string {
  const allowed = record.contract.allowedChanges;
  if (allowed.length === 0) return '';
  return [
    '> [!NOTE]',
    `> The contract allows ${allowed.map(code).join(', ')}: changes of ${allowed.length === 1 ? 'that kind are' : 'those kinds are'} not held against the goal, so check them in the diff yourself.`,
  ].join('\n');
}

export function findingsBlock(findings: TamperFinding[]): string {
  if (findings.length === 0) return '';
  const lines = findings.map(
    (f) => `> - **${cell(f.rule)}**${f.path ? ` ${code(f.path)}` : ''}: ${cell(findingDetail(f))}`,
  );
  return [
    '> [!WARNING]',
    `> **Needs reviewer attention**: ${plural(findings.length, 'tamper finding')}. The goal cannot be granted \`achieved\` while ${findings.length === 1 ? 'it stands' : 'they stand'}.`,
    ...lines,
  ].join('\n');
}

export function verifierTable(record: GoalRecord): string {
  const rows = decideReport(record).rows;
  if (rows.length === 0) return '_No verifiers configured: nothing can prove the outcome._';
  const body = rows.map((r) => {
    const name = `${cell(r.name)}${r.required ? '' : ' _(optional)_'}`;
    const value = r.value ? cell(r.value) : '';
    return [name, r.mark, value, cell(r.versus)];
  });
  const parts = [table(['Verifier', 'Result', 'Value', 'vs baseline'], body)];
  const failing = rows.flatMap((r) =>
    r.failingTests.map((t) => `${code(t.name)}${t.preExisting ? ' (pre-existing)' : ' (new)'}`),
  );
  if (failing.length > 0) {
    const shown = failing.slice(0, 15);
    const more = failing.length > shown.length ? `, … ${failing.length - shown.length} more` : '';
    parts.push(`Failing tests: ${shown.join(', ')}${more}`);
  }
  if (record.flaky.length > 0)
    parts.push(`Flaky (passed and failed on the same tree): ${record.flaky.map(code).join(', ')}`);
  if (record.latest)
    parts.push(
      `<sub>${record.latest.iteration === 0 ? 'Baseline run' : `Verified after iteration ${record.latest.iteration}`}${record.latest.sha ? ` on ${shortSha(record.latest.sha)}` : ''}${record.latest.iteration === 0 ? ', before any edit' : ''}.</sub>`,
    );
  return parts.join('\n\n');
}

const PLAN_MARK: Record<PlanStep['status'], string> = {
  completed: '- [x] ',
  in_progress: '- [ ] 🔄 ',
  pending: '- [ ] ',
};

export function planProgress(plan: PlanStep[]): string {
  const done = plan.filter((s) => s.status === 'completed').length;
  return `${done} of ${plan.length} done`;
}

export function planItems(plan: PlanStep[]): string {
  return plan
    .map(
      (s) =>
        `${PLAN_MARK[s.status]}${safe(oneLine(s.step, 300))}${s.status === 'in_progress' ? ' _(in progress)_' : ''}`,
    )
    .join('\n');
}

export function planChecklist(plan: PlanStep[]): string {
  if (plan.length === 0) return '';
  return `**Plan** (${planProgress(plan)})\n\n${planItems(plan)}`;
}

/** Billed tokens of the average recent iteration, and its cost at this goal's average price. */
export function projectNextIteration(
  record: GoalRecord,
): { tokens: number; usd?: number } | undefined {
  const recent = record.history.slice(-3).filter((h) => h.tokens > 0);
  if (recent.length === 0) return undefined;
  const tokens = recent.reduce((sum, h) => sum + h.tokens, 0) / recent.length;
  const perToken = record.ledger.tokens > 0 ? record.ledger.usd / record.ledger.tokens : undefined;
  return perToken === undefined ? { tokens } : { tokens, usd: tokens * perToken };
}

export function budgetBlock(record: GoalRecord): string {
  const { budget, ledger } = record;
  const rows = [
    [
      'Tokens',
      formatTokens(ledger.tokens),
      formatTokens(budget.tokens),
      ledger.tokens,
      budget.tokens,
    ],
    ['Cost', formatUsd(ledger.usd), formatUsd(budget.usd), ledger.usd, budget.usd],
    [
      'Time',
      formatDuration(ledger.elapsedSec),
      formatDuration(budget.timeSec),
      ledger.elapsedSec,
      budget.timeSec,
    ],
    [
      'Iterations',
      String(record.iteration),
      String(budget.iterations),
      record.iteration,
      budget.iterations,
    ],
  ] as const;
  const parts = [
    table(
      ['Budget', 'Used', 'Limit', '%'],
      rows.map(([name, used, limit, u, l]) => [name, used, limit, formatPercent(u, l)]),
    ),
  ];
  const notes: string[] = [];
  const cached = ledger.usage.cachedInputTokens;
  if (cached > 0)
    notes.push(
      `Prompt cache: ${formatTokens(cached)} of ${formatTokens(ledger.usage.inputTokens)} input tokens cached (${formatPercent(cached, ledger.usage.inputTokens)}), not billed as tokens.`,
    );
  const next = projectNextIteration(record);
  if (next && record.state !== 'achieved' && record.state !== 'cleared')
    notes.push(
      `Next iteration ≈ ${formatTokens(next.tokens)} tokens${next.usd !== undefined ? ` (${approxUsd(next.usd)})` : ''}, from the average of the last ${plural(Math.min(3, record.history.length), 'iteration')}.`,
    );
  if (notes.length > 0) parts.push(notes.join(' '));
  return parts.join('\n\n');
}

export function lastCheckpoint(record: GoalRecord) {
  return record.checkpoints.at(-1);
}

export function checkpointLine(record: GoalRecord, links: ReportLinks): string {
  const last = lastCheckpoint(record);
  if (!last)
    return record.iteration === 0
      ? 'No checkpoint yet.'
      : `No checkpoint yet after ${plural(record.iteration, 'iteration')}.`;
  const sha = link(code(shortSha(last.sha)), links.commitUrl?.(last.sha));
  const since =
    record.iteration > last.iteration
      ? ` · ${record.iteration - last.iteration === 1 ? `iteration ${record.iteration} changed` : `iterations ${last.iteration + 1}–${record.iteration} changed`} nothing`
      : '';
  return `**Checkpoint ${record.checkpoints.length}** (iteration ${last.iteration}) · ${sha}: ${safe(oneLine(last.summary, 120))}${since}`;
}

export function linksLine(record: GoalRecord, links: ReportLinks): string {
  const parts: string[] = [];
  if (links.runUrl) parts.push(link('Workflow run', links.runUrl));
  const prUrl = links.prUrl ?? record.pr?.url;
  if (prUrl) parts.push(link(`Draft PR${record.pr ? ` #${record.pr.number}` : ''}`, prUrl));
  const last = lastCheckpoint(record);
  if (last && links.commitUrl)
    parts.push(link(`Last commit ${shortSha(last.sha)}`, links.commitUrl(last.sha)));
  return parts.join(' · ');
}

function list(items: string[], empty: string): string {
  return items.length === 0
    ? `_${empty}_`
    : items.map((i) => `- ${safe(oneLine(i, 500))}`).join('\n');
}

/** The six parts of the contract, plus steering and allowed changes when present. */
export function contractBlock(contract: GoalContract, revision?: number): string {
  const verification = contract.verification.map((v) => {
    const target = v.target
      ? ` — target ${v.target.kind === 'absolute' ? `${v.target.op} ${v.target.value}` : `${v.target.percent > 0 ? '+' : ''}${v.target.percent}% vs baseline`}`
      : '';
    return `- **${cell(v.name)}**: ${code(v.command)}${v.required ? '' : ' _(optional)_'}${target}`;
  });
  const notes = contract.verificationNotes.map(
    (n) => `- _(not executed)_ ${safe(oneLine(n, 300))}`,
  );
  const parts = [
    `**Outcome**${revision && revision > 1 ? ` _(revision ${revision})_` : ''}\n\n${quote(contract.outcome)}`,
    `**Verification**\n\n${[...verification, ...notes].join('\n') || '_none_'}`,
    `**Constraints**\n\n${list(contract.constraints, 'none stated')}`,
    `**Boundaries**\n\n${list(contract.boundaries, 'none stated')}${
      contract.protectedPaths.length > 0
        ? `\n- never written: ${contract.protectedPaths.map(code).join(', ')}`
        : ''
    }`,
    `**Iteration policy**\n\n${safe(contract.iterationPolicy.trim()) || '_default_'}`,
    `**Blocked condition**\n\n${safe(contract.blockedCondition.trim()) || '_default_'}`,
  ];
  if (contract.steering.length > 0)
    parts.push(`**Steering** (from \`/goal resume\`)\n\n${list(contract.steering, '')}`);
  if (contract.allowedChanges.length > 0)
    parts.push(`**Allowed changes**: ${contract.allowedChanges.map(code).join(', ')}`);
  return parts.join('\n\n');
}

export function costLine(record: GoalRecord): string {
  const { ledger } = record;
  const runs = record.runs.length > 0 ? ` over ${plural(record.runs.length, 'run')}` : '';
  return `${formatTokens(ledger.tokens)} tokens, ${formatUsd(ledger.usd)}, ${formatDuration(ledger.elapsedSec)}, ${plural(record.iteration, 'iteration')}, ${plural(ledger.modelCalls, 'model call')}${runs}`;
}
