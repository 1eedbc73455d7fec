// What an elided tool output leaves in the conversation (engine/context.ts). Short: every note
// stays in the prefix until the next compaction.
import { defineTemplate } from './render.js';

/** Every note starts with this, so an output already elided is recognised. */
export const ELIDED_PREFIX = '[output elided';

export const ELIDED_SAVED = defineTemplate(
  'elided-saved',
  '[output elided: {{chars}} chars, saved in {{path}} (read_file)]',
);

export const ELIDED = defineTemplate(
  'elided',
  '[output elided to save context: {{chars}} characters]',
);
