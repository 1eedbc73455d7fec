// `pass-env`: a verifier gets exactly the job variables named, nothing else from the job.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord } from '../../src/state/codec.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';

let world: GoalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// Passes only when DATABASE_URL came through and the unnamed variable did not.
const ENV_CHECK = `env: node -e "process.exit(process.env.DATABASE_URL === 'postgres://localhost:5432/app' && process.env.UNNAMED_SETTING === undefined ? 0 : 1)"`;
const JOB_ENV = {
  DATABASE_URL: 'postgres://localhost:5432/app',
  UNNAMED_SETTING: 'not for agents',
};

describe('pass-env', () => {
  it('a named job variable reaches the verifier; an unnamed one does not', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
      {
        inputs: { verify: `test: npm test\n${ENV_CHECK}`, 'pass-env': 'DATABASE_URL' },
        env: JOB_ENV,
      },
    );
    expect(run.outputs.status, run.stdout).toBe('achieved');
    const record = decodeRecord(world.statusComments(issue.number)[0]!.body)!;
    expect(record.latest?.results.find((r) => r.name === 'env')?.passed).toBe(true);
  }, 120_000);

  it('without pass-env the job variable does not reach the verifier', async () => {
    world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
    const issue = world.issue();
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities --iterations 1',
      { inputs: { verify: `test: npm test\n${ENV_CHECK}` }, env: JOB_ENV },
    );
    expect(run.outputs.status).not.toBe('achieved');
    const record = decodeRecord(world.statusComments(issue.number)[0]!.body)!;
    expect(record.baseline?.results.find((r) => r.name === 'env')?.passed).toBe(false);
  }, 120_000);
});
