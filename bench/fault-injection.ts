// Fault injection, every kill point (test/e2e/fault-injection.test.ts runs a few of them in the
// suite): the same deterministic five-checkpoint goal, once uninterrupted and then once per kill
// point, each SIGKILLed at its point (the Action's whole process group, as a lost runner) and
// re-run as "Re-run failed jobs" does (same run id, run_attempt + 1). For each point it reports
// whether the re-run achieved the goal with the uninterrupted run's tree, one goal branch, one PR,
// one status comment, and the ledger's shortfall against what the model server billed (tokens:
// input − cached + output, and calls). The target: shortfall ≤ one call (the largest call billed).
//
//   node_modules/.bin/node --import tsx bench/fault-injection.ts            (after npm run build)
//   node_modules/.bin/node --import tsx bench/fault-injection.ts push:2 model:6   (some points)
//   GOAL_ACTION_DIST=/path/to/dist …                                        (a private build)

import { pathToFileURL } from 'node:url';
import {
  ALL_POINTS,
  FaultWorld,
  judgePoint,
  type KillPoint,
  type PointResult,
} from '../test/support/fault-world.js';

export interface FaultRow extends PointResult {
  what: string;
  sameTree: boolean;
  /** Every criterion of the issue holds at this point. */
  ok: boolean;
}

export interface FaultInjectionResult {
  bench: 'fault-injection';
  reference: PointResult;
  points: FaultRow[];
  /** The largest token shortfall of any point (positive: the ledger undercounts). */
  worstShortfallTokens: number;
  worstShortfallCalls: number;
  /** The largest ledger − billed of any point: what a kill overcharges the budget, in tokens. */
  worstOverchargeTokens: number;
  failures: number;
}

export async function runFaultInjection(points: KillPoint[]): Promise<FaultInjectionResult> {
  const fw = await FaultWorld.create();
  try {
    const reference = await fw.runPoint(null);
    const rows: FaultRow[] = [];
    for (const point of points) {
      const r = await fw.runPoint(point);
      const problems = judgePoint(r, reference.tree);
      const what = ALL_POINTS.find((p) => p.point === point)?.what ?? point;
      rows.push({ ...r, what, sameTree: r.tree === reference.tree, ok: problems.length === 0 });
      console.error(`${point}: ${problems.length ? problems.join('; ') : 'ok'}`);
    }
    return {
      bench: 'fault-injection',
      reference,
      points: rows,
      worstShortfallTokens: Math.max(...rows.map((r) => r.shortfall?.tokens ?? Infinity)),
      worstShortfallCalls: Math.max(...rows.map((r) => r.shortfall?.calls ?? Infinity)),
      worstOverchargeTokens: Math.max(...rows.map((r) => -(r.shortfall?.tokens ?? 0))),
      failures: rows.filter((r) => !r.ok).length,
    };
  } finally {
    await fw.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const asked = process.argv.slice(2) as KillPoint[];
  const result = await runFaultInjection(asked.length ? asked : ALL_POINTS.map((p) => p.point));
  console.log(JSON.stringify(result));
  for (const r of result.points)
    console.error(
      `${r.point.padEnd(16)} ${(r.ok ? 'ok' : 'FAIL').padEnd(5)} rerun=${r.rerun.status} tree=${r.sameTree ? 'same' : 'DIFF'} branches=${r.branches.length} prs=${r.pulls} comments=${r.statusComments} state=${r.state} billed=${r.billed.tokens}/${r.billed.calls} ledger=${r.ledger?.tokens}/${r.ledger?.calls} shortfall=${r.shortfall?.tokens}/${r.shortfall?.calls} overcharge=${-(r.shortfall?.tokens ?? 0)} (one call ≤ ${r.billed.largestCall})`,
    );
  console.error(
    `worst shortfall ${result.worstShortfallTokens} tokens / ${result.worstShortfallCalls} calls; worst overcharge ${result.worstOverchargeTokens} tokens; ${result.failures} point(s) failing`,
  );
  process.exitCode = result.failures ? 1 : 0;
}
