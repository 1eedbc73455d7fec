// How the model reads a verifier of the contract and a verifier's result (engine/prompts.ts).
import { defineTemplate } from './render.js';

export const VERIFIER = defineTemplate(
  'verifier',
  '- `{{name}}`: `{{command}}` ({{kind}}{{required}}{{target}}, timeout {{timeout}}s){{note}}',
);
export const VERIFIER_REQUIRED = defineTemplate('verifier-required', ', required');
export const VERIFIER_OPTIONAL = defineTemplate('verifier-optional', ', optional');
export const TARGET_RELATIVE = defineTemplate(
  'verifier-target-relative',
  ', metric target {{sign}}{{percent}}% vs baseline',
);
export const TARGET_ABSOLUTE = defineTemplate(
  'verifier-target-absolute',
  ', metric target {{op}} {{value}}',
);
export const FROM_ISSUE = defineTemplate(
  'verifier-from-issue',
  ' — NOT executed (from issue text; not a configured verifier)',
);

export const RESULT = defineTemplate(
  'result',
  '- {{verdict}} `{{name}}`{{command}}: {{facts}}{{failing}}{{tail}}',
);
export const RESULT_PASS = defineTemplate('result-pass', 'PASS');
export const RESULT_FAIL = defineTemplate('result-fail', 'FAIL');
export const RESULT_COMMAND = defineTemplate('result-command', ' (`{{command}}`)');
export const RESULT_TIMED_OUT = defineTemplate('result-timed-out', 'timed out');
export const RESULT_EXIT = defineTemplate('result-exit', 'exit {{code}}');
export const RESULT_SECONDS = defineTemplate('result-seconds', '{{seconds}}s');
export const RESULT_VALUE = defineTemplate('result-value', 'value {{value}}');
export const RESULT_TESTS = defineTemplate('result-tests', '{{count}} tests');
export const RESULT_FLAKY = defineTemplate('result-flaky', 'FLAKY ({{attempts}} attempts)');
export const RESULT_FAILING = defineTemplate('result-failing', '\n  failing tests: {{tests}}');
export const RESULT_TAIL = defineTemplate('result-tail', '\n  output tail:\n{{tail}}');
