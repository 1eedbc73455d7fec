// The record at its limits, end to end: two `/goal resume` texts of 30,000 characters each,
// token-shaped strings (a `ghp_` token, an `sk-` key) in what the model says and runs (so in the
// progress log), and a goal that runs to its 80th iteration. After every run the same goal is
// found (never "no goal", never a second goal), and the status comment stays under GitHub's
// 65,536 characters (the fake refuses a longer body, as GitHub does).
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { makeRedactor } from '../../src/action/redact.js';
import {
  RECORD_MARKER,
  STATUS_MARKER,
  decodeRecord,
  readCommentRecord,
} from '../../src/state/codec.js';
import type { GoalRecord } from '../../src/engine/types.js';
import type { ActionRunResult } from '../support/actions-runner.js';
import { runGit } from '../support/git-fixtures.js';
import { COMMENT_BODY_LIMIT } from '../support/github-fake.js';
import { FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';
import type { RecordedRequest, ScriptedTurn } from '../support/openai-server.js';

const ISSUE = 1;
/** A secret the run knows (as the Action knows its tokens): the redactor masks it and lookalikes. */
const TOKEN_FOR_REDACTOR = 'ghs_test_token_0123456789';
const ITERATIONS = 80;
const GHP = `ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`; // ghp_ + 36 characters
const SK = `sk-proj-${'Zy9Xw8Vu7T'.repeat(4)}`;
/**
 * 30,000 characters of pseudo-random words (SHA-256 of a counter, letters and digits): text gzip
 * cannot shrink much, as guidance pasted from a log would not shrink, so two of them alone would
 * overflow a comment that carried them whole.
 */
function longText(seed: string): string {
  let out = `${seed} `;
  for (let i = 0; out.length < 30_000; i++) {
    const word = createHash('sha256').update(`${seed}:${i}`).digest('base64').replace(/[+/=]/g, '');
    out += `${word.slice(0, 4 + (i % 9))} `;
  }
  return out.slice(0, 30_000);
}

/** The iteration the request belongs to, from the newest "# Iteration N" message. */
function iterationOf(req: RecordedRequest): number {
  const all = [...req.prefixText.matchAll(/# Iteration (\d+)/g)];
  return Number(all.at(-1)?.[1] ?? 0);
}

const endsTurn = (req: RecordedRequest): boolean => {
  const last = req.api === 'chat' ? req.body.messages.at(-1) : req.body.input.at(-1);
  return last?.role === 'tool' || last?.type === 'function_call_output';
};

let world: GoalWorld;
/** While true, the model asks to pause at its first turn of the run (the goal stops at once). */
let pauseEachRun = true;
let pausedThisRun = false;

const script = goalScript((_n, req): ScriptedTurn => {
  if (pauseEachRun && !pausedThisRun) {
    pausedThisRun = true;
    world.github.addComment(ISSUE, MAINTAINER, '/goal pause');
  }
  const iteration = iterationOf(req);
  if (iteration < ITERATIONS) {
    // Most iterations are one call (the model only talks); every tenth runs a command naming both.
    if (endsTurn(req) || iteration % 10 !== 1)
      return { text: `Looked again; the deploy key ${GHP} is not ours.` };
    return {
      text: `Checking the config (found ${SK} in an old log).`,
      toolCalls: [
        {
          name: 'update_plan',
          arguments: {
            plan: [
              { step: `Rotate ${GHP} and ${SK} (iteration ${iteration})`, status: 'in_progress' },
              { step: 'Fix total()', status: 'pending' },
            ],
          },
        },
        {
          name: 'shell',
          arguments: { command: ['bash', '-lc', `echo ${GHP} ${SK} >/dev/null; ls src`] },
        },
      ],
    };
  }
  if (!JSON.stringify(req.body).includes('item.quantity ?? 1')) return FIX;
  return {
    toolCalls: [
      {
        name: 'update_goal',
        arguments: { status: 'complete', evidence: `npm test passes; ${GHP} and ${SK} were fakes` },
      },
    ],
  };
});

async function storedRecord(): Promise<GoalRecord | null> {
  const json = await runGit(world.remote, ['show', `refs/goal-action/${ISSUE}:record.json`]).catch(
    () => null,
  );
  if (json) return JSON.parse(json) as GoalRecord;
  return decodeRecord(world.statusComments(ISSUE)[0]?.body ?? '');
}

/** After every run: one status comment under the limit, the same goal found in the store. */
async function expectSameGoal(run: ActionRunResult, goalId: string): Promise<GoalRecord> {
  expect(run.outputs['goal-id'], run.stdout.slice(-3000)).toBe(goalId);
  const comments = world.statusComments(ISSUE);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body.length).toBeLessThan(COMMENT_BODY_LIMIT);
  // The fake refuses bodies over the limit (422): none of the Action's writes was refused.
  expect(
    world.github.requests.filter((r) => r.status === 422 && r.path.includes('/comments')),
  ).toEqual([]);
  const record = await storedRecord();
  expect(record?.id).toBe(goalId);
  // What people see never shows the token-shaped strings.
  const visible = comments[0]!.body.replace(/<!-- goal-action:record[^>]*-->/, '');
  expect(visible).not.toContain(GHP);
  expect(visible).not.toContain(SK);
  return record!;
}

afterAll(async () => {
  await world?.close();
});

describe('record limits', () => {
  it('finds the same goal after two 30,000-character resumes, token-shaped progress and 80 iterations, and the comment stays under the limit', async () => {
    world = await GoalWorld.create(script, {
      // 80 iterations without verifier progress must not stop the goal as stalled.
      files: { '.github/goal.yml': 'stall-iterations: 100\n' },
    });
    world.issue();
    // Isolation is not what this test is about: commands run as the Action, which is faster.
    const inputs = {
      sandbox: 'off',
      'agent-user': 'none',
      budget: '20M tokens, 150 iterations',
      'max-budget': '50M tokens, 500 iterations',
    };

    const first = await world.comment(ISSUE, MAINTAINER, '/goal Make total() honour quantities', {
      inputs,
    });
    expect(first.outputs.status, first.stdout.slice(-3000)).toBe('paused');
    const goalId = first.outputs['goal-id']!;
    expect(goalId).toBeTruthy();
    await expectSameGoal(first, goalId);

    pausedThisRun = false;
    const second = await world.comment(
      ISSUE,
      MAINTAINER,
      `/goal resume ${longText(`First ${GHP}`)}`,
      {
        inputs,
      },
    );
    expect(second.outputs.status, second.stdout.slice(-3000)).toBe('paused');
    await expectSameGoal(second, goalId);

    pauseEachRun = false;
    const third = await world.comment(
      ISSUE,
      MAINTAINER,
      `/goal resume ${longText(`Second ${SK}`)}`,
      {
        inputs,
      },
    );
    expect(third.outputs.status, third.stdout.slice(-3000)).toBe('achieved');
    const record = await expectSameGoal(third, goalId);
    expect(record.iteration).toBeGreaterThanOrEqual(ITERATIONS);
    // The store keeps the whole record: nothing was trimmed to make the comment fit.
    expect(record.runs).toHaveLength(3);
    // (The two paused runs stopped inside their iteration, which may leave no history line.)
    expect(record.history.length).toBeGreaterThanOrEqual(ITERATIONS - 2);
    expect(record.history.at(-1)?.iteration).toBeGreaterThanOrEqual(ITERATIONS);
    expect(record.progress.length).toBeGreaterThan(0);
    // Both resume texts entered the goal (capped where they entered, if need be): neither was lost.
    expect(record.contract.steering).toHaveLength(2);
    expect(record.contract.steering[0]).toContain('First');
    expect(record.contract.steering[1]).toContain('Second');
    // The token-shaped strings reached the record (plan and progress), and it was found anyway.
    expect(record.plan.some((p) => p.step.startsWith('Rotate'))).toBe(true);
    expect(record.progress.some((p) => p.text.startsWith('Achieved'))).toBe(true);
    // A text shortened where it entered is said so in the reply, never cut silently.
    const shortened = world.replies(ISSUE).filter((c) => /shortened/i.test(c.body));
    const cut = record.contract.steering.filter((t) => t.length < 30_000).length;
    expect(shortened.length).toBeGreaterThanOrEqual(cut);
  }, 240_000);

  it('reads back a comment record whose encoded payload holds a token-shaped run', () => {
    // By chance about one write in several thousand: the base64url payload holds `-sk-` and 20
    // more key characters. Rather than search for such a record, build one: a gzip stream whose
    // header comment (FCOMMENT, which gunzip skips) encodes to that run, then the record itself.
    const record = JSON.parse(
      readFileSync(new URL('../fixtures/records/v1.json', import.meta.url), 'utf8'),
    ) as GoalRecord;
    const json = Buffer.from(JSON.stringify(record), 'utf8');
    const run = Buffer.from(`-sk-${'BBBB'.repeat(5)}`, 'base64url'); // no zero byte in it
    // 10 header bytes + 2 padding bytes: the run starts on a base64 boundary.
    const header = Buffer.from([0x1f, 0x8b, 8, 0x10, 0, 0, 0, 0, 0, 0xff]);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(json), 0);
    trailer.writeUInt32LE(json.length, 4);
    const gz = Buffer.concat([
      header,
      Buffer.from('xx'),
      run,
      Buffer.from([0]),
      deflateRawSync(json),
      trailer,
    ]);
    const payload = gz.toString('base64url');
    expect(payload).toMatch(/-sk-[A-Za-z0-9_-]{20,}/);
    const body = `Status\n\n${STATUS_MARKER}\n<!-- ${RECORD_MARKER} v1 ${payload} -->`;
    expect(readCommentRecord(body).kind).toBe('found');
    const redact = makeRedactor([TOKEN_FOR_REDACTOR]);
    // Redacting the whole body would break it: the run really looks like a key to the redactor.
    expect(readCommentRecord(redact(body)).kind).not.toBe('found');
    // Posts redact the rendered text only: the record reads back whole.
    const read = readCommentRecord(redact.text(body));
    expect(read.kind === 'found' && read.record).toEqual(record);
  });
});
