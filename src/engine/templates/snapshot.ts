// The first message of every conversation: everything a fresh context needs to continue the goal
// (engine/prompts.ts renderSnapshot), and the verifier evidence and budget lines it and the
// iteration messages share.
import { defineTemplate } from './render.js';

export const SNAPSHOT = defineTemplate(
  'snapshot',
  `{{heading}}

## Plan

{{plan}}

## Progress so far{{summary}}

{{log}}

## Verifier evidence

{{baseline}}{{best}}{{latest}}

## Budget

{{budget}}`,
);

export const SNAPSHOT_STARTS = defineTemplate('snapshot-starts', '# The goal starts now.');

export const SNAPSHOT_CONTINUES = defineTemplate(
  'snapshot-continues',
  '# The goal continues (after iteration {{iteration}}).',
);

/** One plan step: `[x]` done, `[~]` in progress, `[ ]` pending. */
export const SNAPSHOT_PLAN_STEP = defineTemplate('snapshot-plan-step', '- [{{mark}}] {{step}}');

export const SNAPSHOT_LOG_LINE = defineTemplate(
  'snapshot-log-line',
  '- it.{{iteration}} [{{kind}}] {{text}}',
);

export const SNAPSHOT_NO_PLAN = defineTemplate(
  'snapshot-no-plan',
  '(no plan yet: make one with update_plan)',
);

export const SNAPSHOT_SUMMARY = defineTemplate(
  'snapshot-summary',
  '\n\nSummary of earlier work:\n{{summary}}',
);

export const SNAPSHOT_NO_LOG = defineTemplate('snapshot-no-log', '(nothing yet)');

/** A run of evidence after the baseline in the snapshot: its own paragraph. */
export const SNAPSHOT_MORE = defineTemplate('snapshot-more', '\n\n{{run}}');

export const BASELINE_LABEL = 'Baseline, before any edit';
export const BEST_LABEL = 'Best so far';
export const LATEST_LABEL = 'Latest';
export const LATEST_EVIDENCE_LABEL = 'Latest verifier evidence';

export const RUN = defineTemplate(
  'run',
  '{{label}} (iteration {{iteration}}{{where}}):\n{{results}}',
);

export const RUN_WHERE = defineTemplate('run-where', ' on {{sha}}');

export const RUN_NONE = defineTemplate('run-none', '{{label}}: not run yet.');

export const BUDGET = defineTemplate(
  'budget',
  'Budget used: {{tokens}} of {{budgetTokens}} tokens, ${{usd}} of ${{budgetUsd}}, {{minutes}} of {{budgetMinutes}} minutes, iteration {{iteration}} of {{iterations}}.',
);
