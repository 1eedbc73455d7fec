// What the model reads, rendered from the templates in engine/templates/. The instructions and the
// contract form the stable prefix of every request (no timestamps, counters or anything that
// changes between turns), so providers can cache it.
import {
  CONTRACT,
  CONTRACT_ALLOWED,
  CONTRACT_NOTES,
  CONTRACT_PROTECTED,
  CONTRACT_STEERING,
  DEFAULT_BOUNDARY,
  DEFAULT_CONSTRAINT,
  FENCE,
  INSTRUCTIONS,
  NO_VERIFIER_LINE,
} from './templates/contract.js';
import { renderTemplate } from './templates/render.js';
import { REVIEW } from './templates/review.js';
import { RULES } from './templates/rules.js';
import {
  COMPACT,
  RESTATE,
  RESTATE_FIRST as RESTATE_FIRST_T,
  WRAP_UP,
} from './templates/side-prompts.js';
import {
  BASELINE_LABEL,
  BEST_LABEL,
  BUDGET,
  LATEST_LABEL,
  RUN,
  RUN_NONE,
  RUN_WHERE,
  SNAPSHOT,
  SNAPSHOT_CONTINUES,
  SNAPSHOT_MORE,
  SNAPSHOT_NO_LOG,
  SNAPSHOT_NO_PLAN,
  SNAPSHOT_STARTS,
  SNAPSHOT_SUMMARY,
} from './templates/snapshot.js';
import { clipToTokens } from './tokens.js';
import type {
  GoalContract,
  GoalRecord,
  VerificationRun,
  VerifierResult,
  VerifierSpec,
} from './types.js';

/** A fence the text cannot close: longer than any backtick run inside it. */
export function fence(label: string, text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return renderTemplate(FENCE, { label, ticks, text });
}

export function describeVerifier(spec: VerifierSpec): string {
  const target =
    spec.kind === 'metric' && spec.target
      ? spec.target.kind === 'relative'
        ? `, metric target ${spec.target.percent > 0 ? '+' : ''}${spec.target.percent}% vs baseline`
        : `, metric target ${spec.target.op} ${spec.target.value}`
      : '';
  const note =
    spec.source === 'issue' ? ' — NOT executed (from issue text; not a configured verifier)' : '';
  return `- \`${spec.name}\`: \`${spec.command}\` (${spec.kind}${spec.required ? ', required' : ', optional'}${target}, timeout ${spec.timeoutSec}s)${note}`;
}

function list(items: string[], empty: string): string {
  return items.length ? items.map((i) => `- ${i}`).join('\n') : empty;
}

/** The contract, verbatim, in every request. */
export function renderContract(contract: GoalContract, revision: number): string {
  const paths = contract.protectedPaths.map((p) => `\`${p}\``).join(', ');
  return renderTemplate(CONTRACT, {
    revision,
    outcome: fence('Outcome', contract.outcome),
    verification: contract.verification.length
      ? contract.verification.map(describeVerifier).join('\n')
      : renderTemplate(NO_VERIFIER_LINE, {}),
    notes: contract.verificationNotes.length
      ? renderTemplate(CONTRACT_NOTES, { notes: list(contract.verificationNotes, '') })
      : '',
    constraints: list(contract.constraints, renderTemplate(DEFAULT_CONSTRAINT, {})),
    boundaries: list(contract.boundaries, renderTemplate(DEFAULT_BOUNDARY, {})),
    protectedPaths: contract.protectedPaths.length
      ? renderTemplate(CONTRACT_PROTECTED, { paths })
      : '',
    iterationPolicy: contract.iterationPolicy,
    blockedCondition: contract.blockedCondition,
    steering: contract.steering.length
      ? renderTemplate(CONTRACT_STEERING, {
          fenced: fence('Steering', contract.steering.join('\n\n')),
        })
      : '',
    allowedChanges: contract.allowedChanges.length
      ? renderTemplate(CONTRACT_ALLOWED, { list: list(contract.allowedChanges, '') })
      : '',
  });
}

export function renderInstructions(record: GoalRecord, repoMap: string): string {
  return renderTemplate(INSTRUCTIONS, {
    rules: renderTemplate(RULES, {}),
    contract: renderContract(record.contract, record.contractRevision),
    repoMap,
  });
}

export function renderResult(
  result: VerifierResult,
  spec: VerifierSpec | undefined,
  maxTailTokens: number,
): string {
  const verdict = result.passed ? 'PASS' : 'FAIL';
  const facts = [
    result.timedOut ? 'timed out' : `exit ${result.exitCode ?? 'none'}`,
    `${(result.durationMs / 1000).toFixed(1)}s`,
    result.metricValue !== undefined ? `value ${result.metricValue}` : '',
    result.testCount !== undefined ? `${result.testCount} tests` : '',
    result.flaky ? `FLAKY (${result.attempts} attempts)` : '',
  ].filter(Boolean);
  const head = `- ${verdict} \`${result.name}\`${spec ? ` (\`${spec.command}\`)` : ''}: ${facts.join(', ')}`;
  const failing = result.failingTests?.length
    ? `\n  failing tests: ${result.failingTests.slice(0, 20).join(', ')}`
    : '';
  const tail =
    !result.passed && result.outputTail
      ? `\n  output tail:\n${indent(clipToTokens(result.outputTail, maxTailTokens))}`
      : '';
  return head + failing + tail;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

export function renderRun(
  label: string,
  run: VerificationRun | undefined,
  specs: VerifierSpec[],
  maxTailTokens: number,
): string {
  if (!run) return renderTemplate(RUN_NONE, { label });
  const bySpec = new Map(specs.map((s) => [s.name, s]));
  return renderTemplate(RUN, {
    label,
    iteration: run.iteration,
    where: run.sha ? renderTemplate(RUN_WHERE, { sha: run.sha.slice(0, 10) }) : '',
    results: run.results.map((r) => renderResult(r, bySpec.get(r.name), maxTailTokens)).join('\n'),
  });
}

/** The budget as the model should see it: what is left, so it can plan. */
export function renderBudget(record: GoalRecord): string {
  const { budget, ledger } = record;
  return renderTemplate(BUDGET, {
    tokens: ledger.tokens,
    budgetTokens: budget.tokens,
    usd: ledger.usd.toFixed(2),
    budgetUsd: budget.usd.toFixed(2),
    minutes: Math.round(ledger.elapsedSec / 60),
    budgetMinutes: Math.round(budget.timeSec / 60),
    iteration: record.iteration,
    iterations: budget.iterations,
  });
}

/** The first user message of a conversation: everything a fresh context needs to continue. */
export function renderSnapshot(record: GoalRecord): string {
  const specs = record.contract.verification;
  const plan = record.plan.length
    ? record.plan
        .map(
          (s) =>
            `- [${s.status === 'completed' ? 'x' : s.status === 'in_progress' ? '~' : ' '}] ${s.step}`,
        )
        .join('\n')
    : renderTemplate(SNAPSHOT_NO_PLAN, {});
  const log = record.progress.map((e) => `- it.${e.iteration} [${e.kind}] ${e.text}`).join('\n');
  const more = (run: string) => renderTemplate(SNAPSHOT_MORE, { run });
  return renderTemplate(SNAPSHOT, {
    heading:
      record.iteration === 0
        ? renderTemplate(SNAPSHOT_STARTS, {})
        : renderTemplate(SNAPSHOT_CONTINUES, { iteration: record.iteration }),
    plan,
    summary: record.summary ? renderTemplate(SNAPSHOT_SUMMARY, { summary: record.summary }) : '',
    log: log || renderTemplate(SNAPSHOT_NO_LOG, {}),
    baseline: renderRun(BASELINE_LABEL, record.baseline, specs, 400),
    best:
      record.best && record.best !== record.latest
        ? more(renderRun(BEST_LABEL, record.best, specs, 200))
        : '',
    latest:
      record.latest && record.latest.iteration > 0
        ? more(renderRun(LATEST_LABEL, record.latest, specs, 1200))
        : '',
    budget: renderBudget(record),
  });
}

export const RESTATE_PROMPT = renderTemplate(RESTATE, {});

/** The restatement asked for at the start of the first working turn (templates/side-prompts.ts). */
export const RESTATE_FIRST = renderTemplate(RESTATE_FIRST_T, {});

export const WRAP_UP_PROMPT = renderTemplate(WRAP_UP, {});

export const COMPACT_PROMPT = renderTemplate(COMPACT, {});

export function reviewPrompt(diff: string): string {
  return renderTemplate(REVIEW, { diff });
}
