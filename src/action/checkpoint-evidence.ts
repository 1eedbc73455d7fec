// What a checkpoint's check run says, from the goal record and the verifier results of that
// checkpoint: a conclusion (success only when every required verifier passed), a summary table,
// the iteration, the tokens so far, the output of what failed, and annotations on the test files
// the failing output names. Pure: the GitHub adapter posts it (src/github/checks.ts).
import type { Checkpoint, GoalRecord, VerifierResult } from '../engine/index.js';
import type { CheckAnnotation, Evidence } from '../github/checks.js';

export const CHECK_NAME = 'goal-action';

const SOURCE_FILE =
  /(?:^|[\s('"`])(?:file:\/\/)?(\/?(?:[\w@.-]+\/)*[\w@.-]+\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|php|cs|swift|c|cc|cpp|h|hpp|ex|exs|scala))(?::|\(|", line |#L)(\d+)/g;

/**
 * Source locations the output names (`test/cart.test.js:12:5`, `File "tests/x.py", line 3`), as
 * repository paths, at most `max`, first ones first. Verifiers may run on a copy of the tree
 * elsewhere (the sandbox), so an absolute path becomes its longest tail that is a file of the
 * repository (`isFile`); locations in no repository file (node_modules, the runtime) are left out.
 */
export function annotationsFrom(
  output: string,
  isFile: (path: string) => boolean,
  verifier: string,
  max = 10,
): CheckAnnotation[] {
  const seen = new Set<string>();
  const found: CheckAnnotation[] = [];
  for (const line of output.split('\n')) {
    for (const m of line.matchAll(SOURCE_FILE)) {
      const parts = m[1]!.split('/').filter((p) => p !== '' && p !== '.');
      let path: string | undefined;
      for (let i = 0; i < parts.length && !path; i++) {
        const tail = parts.slice(i).join('/');
        if (!parts.slice(i).includes('..') && !/(^|\/)node_modules\//.test(tail) && isFile(tail))
          path = tail;
      }
      const lineNo = Number(m[2]);
      const key = `${path}:${lineNo}`;
      if (!path || !Number.isSafeInteger(lineNo) || lineNo < 1 || seen.has(key)) continue;
      seen.add(key);
      found.push({
        path,
        line: lineNo,
        title: `${verifier} failed`,
        message: line.trim().slice(0, 500) || `${verifier} failed here`,
      });
      if (found.length >= max) return found;
    }
  }
  return found;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function checkpointEvidence(p: {
  record: GoalRecord;
  checkpoint: Checkpoint;
  /** The verifier results on this checkpoint's tree; undefined when it was not verified. */
  results: VerifierResult[] | undefined;
  /** Is this repository path a file (for annotations)? */
  isFile: (path: string) => boolean;
  runUrl?: string;
}): Evidence {
  const { record, checkpoint, results } = p;
  const specs = record.contract.verification.filter((s) => s.source !== 'issue');
  const required = new Set(specs.filter((s) => s.required).map((s) => s.name));
  const facts = `Goal \`${record.id}\` · iteration ${checkpoint.iteration} · ${record.ledger.tokens.toLocaleString('en-US')} tokens so far · $${record.ledger.usd.toFixed(2)}`;
  const base = {
    sha: checkpoint.sha,
    name: CHECK_NAME,
    ...(p.runUrl ? { detailsUrl: p.runUrl } : {}),
    externalId: record.id,
  };
  if (!results || results.length === 0) {
    return {
      ...base,
      conclusion: 'neutral',
      title: 'Checkpoint not verified',
      summary: `${facts}\n\nThis checkpoint was committed without a verifier run (the goal stopped before verification).`,
      annotations: [],
      statusLine: `not verified · iteration ${checkpoint.iteration}`,
    };
  }
  const failedRequired = results.filter((r) => !r.passed && required.has(r.name));
  const passing = results.filter((r) => r.passed).length;
  const conclusion = failedRequired.length === 0 ? 'success' : 'failure';
  const rows = results.map((r) => {
    const verdict = r.passed ? '✅ pass' : r.timedOut ? '⏱️ timed out' : '❌ fail';
    const detail = [
      r.testCount !== undefined ? `${r.testCount} tests` : '',
      r.metricValue !== undefined ? `value ${r.metricValue}` : '',
      r.flaky ? 'flaky' : '',
      required.has(r.name) ? '' : 'optional',
    ]
      .filter(Boolean)
      .join(', ');
    return `| ${cell(r.name)} | ${verdict} | ${(r.durationMs / 1000).toFixed(1)} s | ${cell(detail)} |`;
  });
  const summary = [
    facts,
    '',
    '| verifier | result | time | notes |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
  const failed = results.filter((r) => !r.passed);
  const text = failed
    .map((r) => `### ${r.name}\n\n\`\`\`\n${r.outputTail.slice(-6_000)}\n\`\`\``)
    .join('\n\n');
  const annotations = failed.flatMap((r) =>
    annotationsFrom([...(r.failingTests ?? []), r.outputTail].join('\n'), p.isFile, r.name),
  );
  return {
    ...base,
    conclusion,
    title: `${passing}/${results.length} verifiers pass`,
    summary,
    ...(text ? { text } : {}),
    annotations: annotations.slice(0, 50),
    statusLine: `${passing}/${results.length} verifiers pass · iteration ${checkpoint.iteration}`,
  };
}
