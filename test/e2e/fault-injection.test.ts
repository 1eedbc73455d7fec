// A lost runner at the worst moments: the deterministic five-checkpoint goal of
// test/support/fault-world.ts is SIGKILLed (the Action's whole process group) at a kill point,
// then re-run as GitHub re-runs a failed job (same run id, run_attempt + 1). The re-run must end
// with the same tree as an uninterrupted run, one goal branch, one PR, one status comment, and a
// ledger no more than one call short of what the model server billed.
//
// The suite runs a representative subset (a push in flight, a verifier run, a push that landed
// before its record write, a model call); bench/fault-injection.ts runs
// every point of ALL_POINTS and reports the worst shortfall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_POINTS,
  FaultWorld,
  judgePoint,
  type KillPoint,
  type PointResult,
} from '../support/fault-world.js';

const SUBSET: KillPoint[] = ['push:2', 'verify:6', 'pushed:3', 'model:6'];

let fw: FaultWorld;
let reference: PointResult;

beforeAll(async () => {
  fw = await FaultWorld.create();
  reference = await fw.runPoint(null);
}, 120_000);
afterAll(async () => {
  await fw?.close();
});

describe('fault injection: SIGKILL, then a re-run', () => {
  it('the uninterrupted goal makes five checkpoints and its ledger is what the server billed', async () => {
    expect(reference.rerun.status).toBe('achieved');
    expect(reference.branches).toHaveLength(1);
    const log = await fw.world.branchLog(reference.branches[0]!);
    expect(log.filter((c) => /^Goal-Iteration: /m.test(c))).toHaveLength(5);
    expect(reference.ledger).toEqual({
      tokens: reference.billed.tokens,
      calls: reference.billed.calls,
    });
  });

  for (const point of SUBSET) {
    const what = ALL_POINTS.find((p) => p.point === point)!.what;
    it(`killed ${what} (${point}): the re-run ends as an uninterrupted run, nothing lost`, async () => {
      const r = await fw.runPoint(point);
      expect(r.killed, `the runner was never killed at ${point}`).toBe(true);
      expect(r.firstRun.signal).toBe('SIGKILL');
      expect(judgePoint(r, reference.tree), JSON.stringify(r)).toEqual([]);
    }, 120_000);
  }
});
