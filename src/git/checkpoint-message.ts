// The checkpoint commit message: one subject line, a blank line, then trailers git itself
// recognises (`git log --format=%(trailers)`, `git interpret-trailers --parse`), so any tool can
// read the goal, iteration, verifier state and spending from the branch alone.

import type { CheckpointInfo } from '../engine/ports.js';

const MAX_SUBJECT_CHARS = 100;

export const TRAILER_KEYS = {
  goalId: 'Goal-Id',
  iteration: 'Goal-Iteration',
  verifiers: 'Goal-Verifiers',
  tokens: 'Goal-Tokens',
  costUsd: 'Goal-Cost-USD',
} as const;

/** One line, no control characters: a newline in a value would end the trailer block. */
function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what must go
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function checkpointSubject(info: Pick<CheckpointInfo, 'subject' | 'iteration'>): string {
  const subject = oneLine(info.subject.split(/\r?\n/)[0] ?? '');
  if (!subject) return `goal: checkpoint after iteration ${info.iteration}`;
  return subject.length <= MAX_SUBJECT_CHARS
    ? subject
    : `${subject.slice(0, MAX_SUBJECT_CHARS - 1).trimEnd()}…`;
}

export function buildCheckpointMessage(info: CheckpointInfo): string {
  const trailers = [
    `${TRAILER_KEYS.goalId}: ${oneLine(info.goalId)}`,
    `${TRAILER_KEYS.iteration}: ${Math.trunc(info.iteration)}`,
    `${TRAILER_KEYS.verifiers}: ${oneLine(info.verifierSummary) || 'not run'}`,
    `${TRAILER_KEYS.tokens}: ${Math.round(info.tokens)}`,
    `${TRAILER_KEYS.costUsd}: ${info.usd.toFixed(4)}`,
  ];
  return `${checkpointSubject(info)}\n\n${trailers.join('\n')}\n`;
}
