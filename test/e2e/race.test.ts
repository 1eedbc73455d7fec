// The route job and the loop writing the same goal at once: while a loop runs, a maintainer's
// `/goal edit` (a `mode: route` run) and `/goal budget` (a run in the default mode) are handled by
// other runs of the Action. They come as workflow_dispatch commands, which the loop's comment
// poller never sees: the stored record is the only way the loop can learn of them. Both changes
// must hold in the final record (the loop's later writes must not overwrite them), and the model
// requests after them must carry the new objective.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../src/state/codec.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { runGit } from '../support/git-fixtures.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';
import type { ActionRunResult } from '../support/actions-runner.js';
import type { ScriptedTurn } from '../support/openai-server.js';

let world: GoalWorld | undefined;

const OLD_OBJECTIVE = 'Make total() honour quantities';
const NEW_OBJECTIVE = 'Make total() honour quantities and keep a changelog line per step';
/** How many iterations after the edit the model keeps working while waiting to see it. */
const MAX_ITERATIONS_AFTER_EDIT = 6;

const look: ScriptedTurn = {
  toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls src'] } }],
};
const note = (i: number): ScriptedTurn => ({
  toolCalls: [
    {
      name: 'shell',
      arguments: { command: ['bash', '-lc', `echo "step ${i}" >> CHANGELOG.txt && echo noted`] },
    },
  ],
});

async function storedRecord(w: GoalWorld, issue: number): Promise<GoalRecord | null> {
  const json = await runGit(w.remote, ['show', `refs/goal-action/${issue}:record.json`]).catch(
    () => null,
  );
  if (json) return JSON.parse(json) as GoalRecord;
  return decodeRecord(w.statusComments(issue)[0]?.body ?? '');
}

interface RaceOutcome {
  heldAt: number;
  sawNewAt: number;
  editRun: ActionRunResult;
  budgetRun: ActionRunResult;
  loopRun: ActionRunResult;
  record: GoalRecord | null;
}

/** One loop, with the two commands handled by other runs while its model call is held. */
async function race(): Promise<RaceOutcome> {
  let releaseModel!: () => void;
  const edited = new Promise<void>((resolve) => (releaseModel = resolve));
  let heldAt = -1;
  /** Main-turn index of the first request that carried the new objective. */
  let sawNewAt = -1;
  let afterEdit = 0;
  const script = goalScript(async (n, req) => {
    if (sawNewAt < 0 && req.prefixText.includes(NEW_OBJECTIVE)) sawNewAt = n;
    if (n === 0) return look;
    if (n === 1) {
      // The loop is mid-iteration, waiting for the model: now the other runs handle the commands.
      heldAt = n;
      await edited;
      return { text: 'Looked around.' };
    }
    // Ending each iteration with a change: a checkpoint and a record write each time.
    if (sawNewAt < 0 && afterEdit < MAX_ITERATIONS_AFTER_EDIT) {
      const last = req.api === 'chat' ? req.body.messages.at(-1) : req.body.input.at(-1);
      if (last?.role === 'tool' || last?.type === 'function_call_output') return { text: 'Noted.' };
      afterEdit += 1;
      return note(afterEdit);
    }
    // Then the fix (its patch stays in the conversation) and the completion claim.
    return JSON.stringify(req.body).includes('item.quantity ?? 1') ? COMPLETE : FIX;
  });
  const w = await GoalWorld.create(script, {
    // Iterations that only add a changelog line make no verifier progress: not a stall here.
    files: { '.github/goal.yml': 'stall-iterations: 100\n' },
  });
  world = w;
  const issue = w.issue().number;
  const loop = w.comment(issue, MAINTAINER, `/goal ${OLD_OBJECTIVE} --budget 300k`);

  // Wait (bounded by the loop's own run) until the model holds the loop's second request.
  const held = await Promise.race([
    loop.then(() => false),
    (async () => {
      for (let i = 0; i < 600 && heldAt < 0; i++) await new Promise((r) => setTimeout(r, 50));
      return heldAt >= 0;
    })(),
  ]);
  if (!held) {
    releaseModel();
    throw new Error(`the loop never reached its second model request:\n${(await loop).stdout}`);
  }
  let editRun: ActionRunResult;
  let budgetRun: ActionRunResult;
  try {
    editRun = await w.dispatch(
      { issue: String(issue), command: `/goal edit ${NEW_OBJECTIVE}` },
      MAINTAINER,
      { inputs: { mode: 'route' } },
    );
    budgetRun = await w.dispatch(
      { issue: String(issue), command: '/goal budget 600k' },
      MAINTAINER,
    );
  } finally {
    releaseModel();
  }
  const loopRun = await loop;
  return { heldAt, sawNewAt, editRun, budgetRun, loopRun, record: await storedRecord(w, issue) };
}

describe('route job and loop at once', () => {
  let out: RaceOutcome;
  beforeAll(async () => {
    out = await race();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    world = undefined;
  });

  it('keeps /goal edit and /goal budget handled by other runs while the loop runs', () => {
    expect(out.editRun.failed, out.editRun.stdout).toBe(false);
    expect(out.budgetRun.failed, out.budgetRun.stdout).toBe(false);
    // Each command was answered (the wording is the state machine's; what holds is checked below).
    expect(world!.replies(1).length).toBeGreaterThanOrEqual(2);
    expect(out.loopRun.outputs.status, out.loopRun.stdout).toBe('achieved');
    // Both changes hold in the final record: the loop's later writes did not overwrite them.
    expect(out.record?.contract.outcome).toBe(NEW_OBJECTIVE);
    expect(out.record?.budget.tokens).toBe(600_000);
    expect(world!.statusComments(1)).toHaveLength(1);
  });

  it('later model requests carry the new objective, and never go back', () => {
    expect(
      out.sawNewAt,
      'no model request after the edit carried the new objective',
    ).toBeGreaterThan(out.heldAt);
    const requests = world!.openai.requests;
    const firstNew = requests.findIndex((r) => r.prefixText.includes(NEW_OBJECTIVE));
    expect(requests.slice(firstNew).every((r) => r.prefixText.includes(NEW_OBJECTIVE))).toBe(true);
  });
});
