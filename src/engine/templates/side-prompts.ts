// The side turns' prompts: the restatement (a turn of its own with confirm-contract, else the
// start of the first working turn), the wrap-up of a goal out of budget, and the compaction call.
import { defineTemplate } from './render.js';

export const RESTATE = defineTemplate(
  'restate',
  `Before any edit: restate the goal contract in your own words, one short paragraph per part (outcome, verification, constraints, boundaries, iteration policy, blocked condition), and say how you will know it is achieved. Do not call tools in this turn.`,
);

/**
 * The restatement without a turn of its own: asked for in the first working turn, whose first
 * message the harness keeps as the restatement (RESTATE is for confirm-contract, which waits).
 */
export const RESTATE_FIRST = defineTemplate(
  'restate-first',
  `Before your first edit, begin this reply with a restatement of the goal contract in your own words: one short paragraph per part (outcome, verification, constraints, boundaries, iteration policy, blocked condition) and how you will know it is achieved. Then start the work in the same turn.`,
);

export const WRAP_UP = defineTemplate(
  'wrap-up',
  `The budget for this goal is used up; this is your last turn. Do not call tools. Write a short wrap-up for the maintainers: progress so far, what remains, and the next step you would take.`,
);

export const COMPACT = defineTemplate(
  'compact',
  `Summarise the work so far for your own continuation: what was tried, what happened, why things failed, decisions made by maintainers, and the current state of the code. Be concrete (files, functions, commands, error messages). At most 300 words. Do not call tools.`,
);

/** The compaction call's one message: the prompt, then the transcript in a fence. */
export const COMPACT_REQUEST = defineTemplate('compact-request', '{{prompt}}\n\n{{transcript}}');

/** The summary kept when the compaction call fails: the elided part's tool calls, mechanically. */
export const COMPACT_FALLBACK = defineTemplate(
  'compact-fallback',
  'Compaction call failed ({{error}}); tool calls of the elided part:\n{{calls}}',
);

/** Kept as the restatement when the model's turn gave none. */
export const NO_RESTATEMENT = defineTemplate('no-restatement', '(the model gave no restatement)');
