// Stall and loop detection. Progress is measured by the verifiers (the judge's score), never by
// what the model says. An iteration that does not raise the best score is idle; so is one that
// repeats an edit or a failing command it already tried. After K idle iterations the model is told
// once to change approach; K more and the goal stops as stalled.
import { NUDGE } from './templates/iteration.js';
import { renderTemplate } from './templates/render.js';
import type { GoalRecord } from './types.js';

export interface StallVerdict {
  action: 'continue' | 'nudge' | 'stall';
  detail: string;
}

/** Fingerprints of what an iteration did, to notice an agent going round in circles. */
export class RepetitionTracker {
  private readonly seen = new Map<string, number>();

  /** Returns how many times this action was seen before (0 the first time). */
  note(kind: 'edit' | 'failed-command', text: string): number {
    const key = `${kind}:${hash(text)}`;
    const count = this.seen.get(key) ?? 0;
    this.seen.set(key, count + 1);
    return count;
  }
}

export function assessProgress(
  record: GoalRecord,
  score: number,
  repeated: string[],
  stallIterations: number,
): StallVerdict {
  const stall = record.stall;
  const improved = stall.bestScore === undefined || score > stall.bestScore + 1e-9;
  if (improved && repeated.length === 0) {
    stall.bestScore = score;
    stall.idle = 0;
    stall.nudged = false;
    return { action: 'continue', detail: 'verifier evidence improved' };
  }
  if (improved) stall.bestScore = score;
  stall.idle += 1;
  const why = repeated.length
    ? `repeated ${repeated.join('; ')}`
    : `no verifier progress for ${stall.idle} iteration${stall.idle === 1 ? '' : 's'}`;
  if (stall.idle < stallIterations) return { action: 'continue', detail: why };
  if (!stall.nudged) {
    stall.nudged = true;
    stall.idle = 0;
    return { action: 'nudge', detail: why };
  }
  return {
    action: 'stall',
    // Said once: `why` repeats the count unless the same edit or command kept coming back.
    detail: `No verifier progress in ${stallIterations} iterations after being asked to change approach${repeated.length ? ` (${why})` : ''}.`,
  };
}

export const NUDGE_MESSAGE = (detail: string) => renderTemplate(NUDGE, { detail });

/** FNV-1a: a cheap, stable fingerprint (no crypto needed, nothing security-relevant). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
