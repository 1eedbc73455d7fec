// The review turn's prompt (engine/review.ts): the whole diff, cleanup only, then the PR report.
import { defineTemplate } from './render.js';

export const REVIEW = defineTemplate(
  'review',
  `The goal has stopped. Review the whole change against the base before it is handed to reviewers:\n\n{{diff}}\n\nIf there is debug output, commented-out code or leftovers from abandoned approaches, remove them with apply_patch (change nothing else). Then reply, without tool calls, with the report for the pull request: the approach, what was tried and abandoned, the evidence, and honestly what is not done.`,
);

export const REVIEW_TOOL_REFUSED = defineTemplate(
  'review-tool-refused',
  '{{tool}} is not available during the review; use apply_patch for cleanup only.',
);
