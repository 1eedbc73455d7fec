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
  SNAPSHOT_LOG_LINE,
  SNAPSHOT_NO_PLAN,
  SNAPSHOT_PLAN_STEP,
  SNAPSHOT_STARTS,
  SNAPSHOT_SUMMARY,
} from './templates/snapshot.js';
import {
  FROM_ISSUE,
  RESULT,
  RESULT_COMMAND,
  RESULT_EXIT,
  RESULT_FAIL,
  RESULT_FAILING,
  RESULT_FLAKY,
  RESULT_PASS,
  RESULT_SECONDS,
  RESULT_TAIL,
  RESULT_TESTS,
  RESULT_TIMED_OUT,
  RESULT_VALUE,
  TARGET_ABSOLUTE,
  TARGET_RELATIVE,
  VERIFIER,
  VERIFIER_OPTIONAL,
  VERIFIER_REQUIRED,
} from './templates/verifiers.js';
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
  const t = spec.target;
  const target =
    spec.kind === 'metric' && t
      ? t.kind === 'relative'
        ? renderTemplate(TARGET_RELATIVE, { sign: t.percent > 0 ? '+' : '', percent: t.percent })
        : renderTemplate(TARGET_ABSOLUTE, { op: t.op, value: t.value })
      : '';
  return renderTemplate(VERIFIER, {
    name: spec.name,
    command: spec.command,
    kind: spec.kind,
    required: renderTemplate(spec.required ? VERIFIER_REQUIRED : VERIFIER_OPTIONAL, {}),
    target,
    timeout: spec.timeoutSec,
    note: spec.source === 'issue' ? renderTemplate(FROM_ISSUE, {}) : '',
  });
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
  const facts = [
    result.timedOut
      ? renderTemplate(RESULT_TIMED_OUT, {})
      : renderTemplate(RESULT_EXIT, { code: result.exitCode ?? 'none' }),
    renderTemplate(RESULT_SECONDS, { seconds: (result.durationMs / 1000).toFixed(1) }),
    result.metricValue !== undefined
      ? renderTemplate(RESULT_VALUE, { value: result.metricValue })
      : '',
    result.testCount !== undefined ? renderTemplate(RESULT_TESTS, { count: result.testCount }) : '',
    result.flaky ? renderTemplate(RESULT_FLAKY, { attempts: result.attempts }) : '',
  ].filter(Boolean);
  return renderTemplate(RESULT, {
    verdict: renderTemplate(result.passed ? RESULT_PASS : RESULT_FAIL, {}),
    name: result.name,
    command: spec ? renderTemplate(RESULT_COMMAND, { command: spec.command }) : '',
    facts: facts.join(', '),
    failing: result.failingTests?.length
      ? renderTemplate(RESULT_FAILING, { tests: result.failingTests.slice(0, 20).join(', ') })
      : '',
    tail:
      !result.passed && result.outputTail
        ? renderTemplate(RESULT_TAIL, {
            tail: indent(clipToTokens(result.outputTail, maxTailTokens)),
          })
        : '',
  });
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
  const mark = { completed: 'x', in_progress: '~', pending: ' ' } as const;
  const plan = record.plan.length
    ? record.plan
        .map((s) =>
          renderTemplate(SNAPSHOT_PLAN_STEP, { mark: mark[s.status] ?? ' ', step: s.step }),
        )
        .join('\n')
    : renderTemplate(SNAPSHOT_NO_PLAN, {});
  const log = record.progress
    .map((e) =>
      renderTemplate(SNAPSHOT_LOG_LINE, { iteration: e.iteration, kind: e.kind, text: e.text }),
    )
    .join('\n');
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
