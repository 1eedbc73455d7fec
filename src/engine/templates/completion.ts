// The completion protocol's refusals, as the model reads them (engine/completion.ts).
import { defineTemplate } from './render.js';

export const REFUSAL = defineTemplate(
  'completion-refusal',
  'Completion refused by the harness. These requirements are not met on the committed checkpoint:\n{{reasons}}\nKeep working toward the contract as written; do not narrow it.',
);

export const NO_VERIFIER_REASON = defineTemplate(
  'completion-no-verifier',
  'No verifier is configured, so nothing can prove the outcome. A maintainer must add one (`verify:` input, .github/goal.yml, or `/goal … --verify "cmd"`).',
);

export const DIRTY_REASON = defineTemplate(
  'completion-dirty',
  'The working tree differs from the checkpoint the verifiers ran on (a verifier or command left changes behind).',
);

export const TAMPER_REASON = defineTemplate(
  'completion-tamper',
  'Tamper rule `{{rule}}` fired{{where}}: {{detail}}',
);

export const TAMPER_WHERE = defineTemplate('completion-tamper-where', ' on {{path}}');

export const BLOCKED_VAGUE = defineTemplate(
  'blocked-vague',
  'A blocked request needs a concrete blocker: name what fails (command, error, file) and why you cannot resolve it yourself. "{{blocker}}" is not specific enough.',
);

export const BLOCKED_NEEDS = defineTemplate(
  'blocked-needs',
  'A blocked request must say in `needs` what input a maintainer has to give (access, a decision, information).',
);
