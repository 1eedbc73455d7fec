// The engine and the model adapter word their advice for the Action ("the base-url input",
// "`/goal resume`", "re-run the workflow"). A person at a terminal has flags and environment
// variables instead, so the CLI rewrites a stopped goal's reason in its own terms before showing it.
// test/unit/cli-advice.test.ts feeds the adapter's real messages through this table, so a reworded
// message that slips past it fails a test instead of reaching a user.
import type { GoalRecord, StopReason } from '../engine/index.js';

const TERMS: [RegExp, string][] = [
  [/the openai-api-key input \/ base-url/g, '$OPENAI_API_KEY and --base-url'],
  [/The openai-api-key input is empty/g, 'OPENAI_API_KEY is empty'],
  [/the `?openai-api-key`? (input|secret)/g, '$OPENAI_API_KEY'],
  [/\(and `?base-url`? for other providers\)/g, '(and --base-url for other providers)'],
  [/\(base-url\)/g, '(--base-url)'],
  [/the `?base-url`? input/g, '--base-url (or $OPENAI_BASE_URL)'],
  [/the `?model`? and `?api`? inputs/g, '--model and --api'],
  [/the `?model`? input/g, '--model'],
  [/\(the `?api`? input\)/g, '(--api responses|chat)'],
  [
    /`context-window` in \.github\/goal\.yml/g,
    '--context-window (or context-window in .github/goal.yml)',
  ],
  [/,? ?then resume the goal\b/g, ', then run goal-action resume'],
  [/\bresume the goal\b/g, 'run goal-action resume'],
  [/\bResume to try again\b/g, 'Run goal-action resume to try again'],
  [/\band resume\b/g, 'and run goal-action resume'],
  [/,? ?then `\/goal resume`(?: \(or re-run the workflow\))?/g, ', then run goal-action resume'],
  [/continue with `\/goal resume`/g, 'continue with goal-action resume'],
  [/`\/goal resume`(?: \(or re-run the workflow\))?/g, 'goal-action resume'],
  [/\(?or re-run the workflow\)?/g, ''],
];

/** Rewrites the Action's vocabulary in one message into the CLI's. */
export function cliTerms(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TERMS) out = out.replace(pattern, replacement);
  return out.replace(/ {2,}/g, ' ').replace(/ \./g, '.');
}

/** Words that mean "you are on GitHub": none may survive cliTerms in a message shown locally. */
export const ACTION_WORDS = /\binput\b|\/goal |re-run the workflow|\bsecret\b/;

function localReason(reason: StopReason): StopReason {
  switch (reason.kind) {
    case 'failed':
      return { ...reason, error: cliTerms(reason.error), action: cliTerms(reason.action) };
    case 'paused':
    case 'stalled':
    case 'cleared':
      return { ...reason, detail: cliTerms(reason.detail) };
    case 'budget-limited':
      return { ...reason, detail: cliTerms(reason.detail) };
    case 'blocked': // the model's own words: shown as written
    case 'achieved':
      return reason;
  }
}

/** The record as the terminal shows it: the same facts, the CLI's advice. */
export function localRecord(record: GoalRecord): GoalRecord {
  return record.stopReason ? { ...record, stopReason: localReason(record.stopReason) } : record;
}

/** True when the provider's quota, not the goal's budget, ended the run. */
export function isQuotaStop(record: GoalRecord): boolean {
  return record.stopReason?.kind === 'budget-limited' && record.stopReason.dimension === 'quota';
}
