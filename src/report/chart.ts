// The metric across iterations as a Mermaid xychart, which GitHub renders in comments and PRs.
import type { GoalRecord, VerifierSpec } from '../engine/types.js';
import { formatNumber } from './format.js';
import { targetThreshold } from './verifiers.js';

const MAX_POINTS = 40;
const MAX_CHARTS = 3;

function label(text: string): string {
  // Mermaid strings cannot carry double quotes; titles are names, not data.
  return `"${text.replace(/["\\\n\r]/g, ' ').slice(0, 60)}"`;
}

function numbers(values: number[]): string {
  return `[${values.map(formatNumber).join(', ')}]`;
}

export function metricChart(record: GoalRecord, spec: VerifierSpec): string {
  const baseValue = record.baseline?.results.find((r) => r.name === spec.name)?.metricValue;
  const points: { x: string; y: number }[] = [];
  if (baseValue !== undefined) points.push({ x: 'base', y: baseValue });
  for (const h of record.history) {
    const y = h.metrics[spec.name];
    if (y !== undefined && Number.isFinite(y)) points.push({ x: String(h.iteration), y });
  }
  if (points.length < 2) return '';
  const shown = points.slice(-MAX_POINTS);
  const lines = [
    'xychart-beta',
    `    title ${label(`${spec.name} by iteration`)}`,
    `    x-axis [${shown.map((p) => label(p.x)).join(', ')}]`,
    `    y-axis ${label(spec.name)}`,
    `    line ${numbers(shown.map((p) => p.y))}`,
  ];
  const threshold = spec.target ? targetThreshold(spec.target, baseValue) : undefined;
  if (threshold !== undefined) lines.push(`    line ${numbers(shown.map(() => threshold))}`);
  const note =
    threshold !== undefined
      ? `\n<sub>Flat line: the target (${formatNumber(threshold)}).</sub>`
      : '';
  return `\`\`\`mermaid\n${lines.join('\n')}\n\`\`\`${note}`;
}

/** One chart per metric verifier that has at least two points. */
export function metricCharts(record: GoalRecord): string {
  return record.contract.verification
    .filter((s) => s.kind === 'metric')
    .slice(0, MAX_CHARTS)
    .map((spec) => metricChart(record, spec))
    .filter(Boolean)
    .join('\n\n');
}
