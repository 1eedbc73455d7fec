// Repeated identical events, said once: nine identical refusals read as one line "×9", and a run
// of iterations that changed nothing reads as one row. Pure.
import type { IterationSummary, ProgressEntry } from '../engine/index.js';

/** "3", "2–9", "1, 4 and 7": the iterations an event happened in. */
export function iterationsLabel(iterations: number[]): string {
  const sorted = [...new Set(iterations)].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  const contiguous = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  if (sorted.length === 1) return String(sorted[0]);
  if (contiguous) return `${sorted[0]}–${sorted.at(-1)}`;
  const shown = sorted.slice(0, 4).join(', ');
  return sorted.length > 4 ? `${shown} and ${sorted.length - 4} more` : shown;
}

export interface CollapsedEntry {
  kind: ProgressEntry['kind'];
  text: string;
  iterations: number[];
}

/** Progress entries with identical kind and text merged at their first occurrence. */
export function collapseProgress(entries: ProgressEntry[]): CollapsedEntry[] {
  const byKey = new Map<string, CollapsedEntry>();
  for (const e of entries) {
    const key = `${e.kind}\u0000${e.text.trim()}`;
    const seen = byKey.get(key);
    if (seen) seen.iterations.push(e.iteration);
    else byKey.set(key, { kind: e.kind, text: e.text, iterations: [e.iteration] });
  }
  return [...byKey.values()];
}

export interface CollapsedRow extends IterationSummary {
  /** The last iteration the row stands for (the same as `iteration` for a single one). */
  through: number;
}

const sameOutcome = (a: IterationSummary, b: IterationSummary): boolean =>
  a.passing === b.passing &&
  a.total === b.total &&
  a.note === b.note &&
  JSON.stringify(a.metrics) === JSON.stringify(b.metrics);

/** Consecutive iterations with the same outcome and no new checkpoint, merged (tokens summed). */
export function collapseHistory(history: IterationSummary[]): CollapsedRow[] {
  const rows: CollapsedRow[] = [];
  for (const h of history) {
    const last = rows.at(-1);
    if (last && !h.sha && !last.sha && sameOutcome(last, h) && h.iteration === last.through + 1) {
      last.through = h.iteration;
      last.tokens += h.tokens;
    } else rows.push({ ...h, through: h.iteration });
  }
  return rows;
}
