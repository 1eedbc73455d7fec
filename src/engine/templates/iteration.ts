// What the harness tells the model at an iteration's start (engine/turn.ts) and the feedback the
// loop's decisions add to it (engine/loop.ts, engine/decide.ts).
import { defineTemplate } from './render.js';

/** The iteration's opening message; `feedback` is each feedback paragraph with its blank line. */
export const ITERATION = defineTemplate(
  'iteration',
  '# Iteration {{iteration}}\n\n{{evidence}}\n\n{{budget}}{{feedback}}',
);

export const ITERATION_PARAGRAPH = defineTemplate('iteration-paragraph', '\n\n{{text}}');

/** What an old iteration message becomes once elided: its evidence and budget are stale. */
export const ITERATION_ELIDED = defineTemplate(
  'iteration-elided',
  '# Iteration {{iteration}}\n\n(Evidence and budget of this iteration elided: a later iteration message has the current ones.)',
);

export const ALL_PASS = defineTemplate(
  'all-pass',
  'Every verifier passes on the latest checkpoint. If the outcome in the contract fully holds, call update_goal with status "complete" and your evidence; otherwise keep going.',
);

export const ROUNDS_USED = defineTemplate(
  'rounds-used',
  'Your last turn used all {{rounds}} tool rounds of an iteration; end your turn sooner so the harness can checkpoint and verify.',
);

export const ROLLED_BACK = defineTemplate(
  'rolled-back',
  'Your last change made the verifiers worse; the branch was reset to the best checkpoint {{sha}}.',
);

export const CONTRACT_CHANGED = defineTemplate(
  'contract-changed',
  'The goal contract changed (revision {{revision}}): {{note}}. Follow the new contract from now on.',
);

/** A tool call that threw: what the model reads as the tool's output. */
export const TOOL_FAILED = defineTemplate('tool-failed', 'Tool {{tool}} failed: {{error}}');

export const NUDGE = defineTemplate(
  'nudge',
  'You are not making progress ({{detail}}). Change approach: re-read the failing verifier output, question your assumption about the cause, and try a different strategy. Do not repeat an edit or command that already failed. If you cannot progress without a maintainer, call update_goal with status "blocked" and a concrete blocker.',
);
