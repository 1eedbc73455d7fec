// The metric across iterations as a Mermaid xychart, which GitHub renders in comments and PRs.
import type { GoalRecord, VerifierSpec } from '../engine/index.js';
import { formatNumber } from './format.js';
import { metricUnit, targetText, targetThreshold } from './verifiers.js';

const MAX_POINTS = 40;
const MAX_CHARTS = 3;

function label(text: string): string {
  // Mermaid strings cannot carry double quotes; titles are names, not data.
  return `"${text.replace(/["\\\n\r]/g, ' ').slice(0, 60)}"`;
}

function numbers(values: number[]): string {
  return `[${values.map(formatNumber).join(', ')}]`;
}

/** Explicit colours, so the lines read the same in light and dark themes: blue measured, red target. */
export const MEASURED_COLOUR = '#0969da';
export const TARGET_COLOUR = '#cf222e';

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
  const unit = metricUnit(spec);
  const threshold = spec.target ? targetThreshold(spec.target, baseValue) : undefined;
  const lines = [
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${MEASURED_COLOUR}, ${TARGET_COLOUR}"`,
    '---',
    'xychart-beta',
    `    title ${label(`${spec.name} by iteration`)}`,
    `    x-axis ${label('iteration')} [${shown.map((p) => label(p.x)).join(', ')}]`,
    `    y-axis ${label(unit ? `${spec.name} (${unit})` : spec.name)}`,
    `    line ${numbers(shown.map((p) => p.y))}`,
  ];
  if (threshold !== undefined) lines.push(`    line ${numbers(shown.map(() => threshold))}`);
  const u = unit ? ` ${unit}` : '';
  const legend = [`🟦 measured \`${spec.name}\`${unit ? ` (${unit})` : ''}`];
  if (spec.target && threshold !== undefined)
    legend.push(`🟥 target ${targetText(spec.target, baseValue, unit)}`);
  const last = shown.at(-1)!.y;
  legend.push(`latest ${formatNumber(last)}${u}`);
  return `\`\`\`mermaid\n${lines.join('\n')}\n\`\`\`\n\n<sub>${legend.join(' · ')}</sub>`;
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
