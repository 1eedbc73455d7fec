// Reads a metric value out of a verifier's output. Pure. The configured pattern's first capture
// group is the number and the LAST match wins (benchmarks often print warm-up rounds first).
// Without a pattern, the last number printed is the value — the convention of scripts that
// print just a number.

export interface MetricExtraction {
  value?: number;
  /** Set when the pattern itself is unusable; says what to fix. */
  error?: string;
}

const NUMBER = /[-+]?(?:\d[\d,_]*)?\.?\d+(?:[eE][-+]?\d+)?/g;

/** "1,234.5 ms" → 1234.5; undefined when there is no number. */
export function parseMetricNumber(text: string): number | undefined {
  const match = [...text.trim().matchAll(NUMBER)][0]?.[0];
  if (match === undefined) return undefined;
  const value = Number(match.replace(/(?<=\d)[,_](?=\d)/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function extractMetric(output: string, pattern?: string): MetricExtraction {
  if (pattern === undefined || pattern.trim() === '') {
    const numbers = output.match(NUMBER);
    const last = numbers?.at(-1);
    const value = last === undefined ? undefined : parseMetricNumber(last);
    return value === undefined ? {} : { value };
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'gm');
  } catch (error) {
    return {
      error: `the metric pattern \`${pattern}\` is not a valid regular expression (${(error as Error).message}); fix \`pattern\` in the verifier's configuration`,
    };
  }
  // The runner hands over bounded output (head + tail), so collecting every match is cheap.
  const texts = [...output.matchAll(re)].map((m) => m[1] ?? m[0]);
  for (let i = texts.length - 1; i >= 0; i--) {
    const value = parseMetricNumber(texts[i]!);
    if (value !== undefined) return { value };
  }
  return {};
}
