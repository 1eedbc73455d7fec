// The record rides in the checkpoint's push: a real git workspace pushing to a real bare remote,
// which is also the GitHub fake's repository (so the API and git see the same refs), with the real
// Octokit. The checkpoint and the record commit that lists it move together; when the record's ref
// moved under the loop (the route job applied /goal budget), the loop reloads, takes the command
// on, and pushes again; a push rejected for one ref moves neither; checkpoints on the branch that
// the record lacks are adopted from their trailers; saved() waits for the writes it covers.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GoalChannel, LockLostError } from '../../src/action/goal-channel.js';
import { makeRedactor } from '../../src/action/redact.js';
import type { EngineEvent } from '../../src/engine/ports.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { createGit } from '../../src/git/git.js';
import { RemoteSync } from '../../src/git/remote-sync.js';
import { createGitWorkspace } from '../../src/git/workspace.js';
import { createOctokit } from '../../src/github/client.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import {
  goalRecordFor,
  makeRepoWithRemote,
  runGit,
  TEST_IDENTITY,
  type TestRepo,
} from '../support/git-fixtures.js';

const TOKEN = 'ghs_atomic_token_0123456789';
const BRANCH = 'goal/1-fix-add';

let fake: GitHubFake | undefined;
let repo: (TestRepo & { remote: string }) | undefined;

afterEach(async () => {
  await fake?.close();
  await repo?.cleanup();
  fake = undefined;
  repo = undefined;
});

async function world() {
  repo = await makeRepoWithRemote({ 'a.txt': '1\n' });
  fake = await startGitHubFake({ owner: 'octo', repo: 'demo', token: TOKEN, gitDir: repo.remote });
  const issue = fake.createIssue({ title: 'Fix add', body: 'b', user: 'octo' });
  const gh = () =>
    new GitHubRepo(createOctokit({ token: TOKEN, baseUrl: fake!.url, spaceWrites: false }), {
      owner: 'octo',
      repo: 'demo',
    });
  const warnings: string[] = [];
  const channel = new GoalChannel(gh(), issue.number, undefined, {
    runId: 'run-1',
    links: { runUrl: 'https://example.test/run/1', commitUrl: (sha) => `c/${sha}` },
    debounceMs: 0,
    now: () => Date.now(),
    warn: (m) => warnings.push(m),
    redact: makeRedactor([]),
  });
  const ref = `refs/goal-action/${issue.number}`;
  const stored = async (): Promise<GoalRecord> =>
    JSON.parse((await fake!.showFile(ref, 'record.json'))!) as GoalRecord;
  const workspace = (rider = true) =>
    createGitWorkspace({
      root: repo!.dir,
      identity: TEST_IDENTITY,
      remote: { name: 'origin' },
      ...(rider ? { rider: channel.checkpointRider() } : {}),
    });
  const record = goalRecordFor(BRANCH, { number: issue.number });
  record.state = 'pursuing';
  record.lock = { runId: 'run-1', heartbeatAt: new Date().toISOString() };
  return { fake, gh, channel, ref, stored, workspace, record, warnings, remote: repo.remote };
}

async function change(name: string, text: string) {
  await writeFile(path.join(repo!.dir, name), text);
}

const info = (record: GoalRecord, iteration: number, tokens: number) => ({
  goalId: record.id,
  iteration,
  subject: `Iteration ${iteration}`,
  verifierSummary: '1/1 passing',
  tokens,
  usd: tokens / 1e6,
});

describe('the record in the checkpoint push', () => {
  it('moves the branch and the record that lists the checkpoint together', async () => {
    const w = await world();
    await w.channel.save(w.record); // the first write creates the ref through the API
    expect(w.channel.where).toBe('ref');
    const ws = w.workspace();
    await ws.prepare(w.record);
    const refBefore = await w.fake.refSha(w.ref);
    await change('a.txt', '2\n');
    const cp = (await ws.checkpoint(info(w.record, 1, 500)))!;
    expect(await w.fake.refSha(`refs/heads/${BRANCH}`)).toBe(cp.sha);
    const refAfter = await w.fake.refSha(w.ref);
    expect(refAfter).not.toBe(refBefore);
    // Pushed by git, not written through the API: the record commit came with the checkpoint.
    expect(w.fake.requests.some((r) => r.method === 'PATCH' && r.path.includes('/git/refs/'))).toBe(
      false,
    );
    expect((await w.stored()).checkpoints.map((c) => c.sha)).toEqual([cp.sha]);
  });

  it('takes on a command the route job stored meanwhile, and pushes again', async () => {
    const w = await world();
    await w.channel.save(w.record);
    const ws = w.workspace();
    await ws.prepare(w.record);
    // The route job handles `/goal budget` while the loop runs: a CAS update of the stored record.
    const route = await GoalChannel.lookup(w.gh(), 1);
    const other = new GoalChannel(w.gh(), 1, route, {
      runId: 'run-route',
      links: { runUrl: 'x' },
      debounceMs: 0,
      now: () => Date.now(),
      warn: () => undefined,
      redact: makeRedactor([]),
    });
    const routed = await other.update(
      (r) =>
        r && {
          ...r,
          budget: { ...r.budget, tokens: 777_000 },
          commands: [
            {
              id: 'comment:42',
              kind: 'budget',
              actor: 'alice',
              at: 'now',
              text: 'Budget set by @alice',
            },
          ],
        },
    );
    expect(routed.kind).toBe('written');
    await change('a.txt', '3\n');
    const cp = (await ws.checkpoint(info(w.record, 1, 900)))!;
    const stored = await w.stored();
    expect(stored.checkpoints.map((c) => c.sha)).toEqual([cp.sha]);
    expect(stored.budget.tokens).toBe(777_000);
    // The loop's own record took the command on (the engine holds this very object).
    expect(w.record.budget.tokens).toBe(777_000);
    expect(w.record.commands?.map((c) => c.id)).toEqual(['comment:42']);
    expect(await w.fake.refSha(`refs/heads/${BRANCH}`)).toBe(cp.sha);
  });

  it('moves neither ref when the push is rejected for one of them', async () => {
    const w = await world();
    await w.channel.save(w.record);
    const ws = w.workspace(false);
    await ws.prepare(w.record);
    await change('a.txt', '4\n');
    const cp = (await ws.checkpoint(info(w.record, 1, 100)))!;
    const branchBefore = await w.fake.refSha(`refs/heads/${BRANCH}`);
    expect(branchBefore).toBe(cp.sha);
    const refBefore = (await w.fake.refSha(w.ref))!;
    await change('a.txt', '5\n');
    await runGit(repo!.dir, ['commit', '-qam', 'next']);
    const next = await runGit(repo!.dir, ['rev-parse', 'HEAD']);
    const recordCommit = await runGit(repo!.dir, [
      'commit-tree',
      `${next}^{tree}`,
      '-m',
      'a record commit',
    ]);
    const sync = new RemoteSync(createGit(repo!.dir), { name: 'origin' });
    // The record's lease names a value the ref no longer has: the whole push is refused.
    const stale = '0'.repeat(40);
    await expect(
      sync.push(BRANCH, next, cp.sha, [{ ref: w.ref, sha: recordCommit, expected: stale }]),
    ).rejects.toThrow();
    expect(await w.fake.refSha(`refs/heads/${BRANCH}`)).toBe(branchBefore);
    expect(await w.fake.refSha(w.ref)).toBe(refBefore);
    // With the right lease both move.
    await sync.push(BRANCH, next, cp.sha, [{ ref: w.ref, sha: recordCommit, expected: refBefore }]);
    expect(await w.fake.refSha(`refs/heads/${BRANCH}`)).toBe(next);
    expect(await w.fake.refSha(w.ref)).toBe(recordCommit);
  });

  it('adopts checkpoints on the branch that the record lacks, from their trailers', async () => {
    const w = await world();
    const ws = w.workspace(false);
    const before = structuredClone(w.record);
    await ws.prepare(w.record);
    await change('a.txt', '6\n');
    const one = (await ws.checkpoint(info(w.record, 1, 1_200)))!;
    await change('a.txt', '7\n');
    const two = (await ws.checkpoint(info(w.record, 2, 2_500)))!;
    // A run died after pushing these two and before any record write: the record knows neither.
    const again = structuredClone(before);
    await w.workspace(false).prepare(again);
    expect(again.checkpoints.map((c) => c.sha)).toEqual([one.sha, two.sha]);
    expect(again.iteration).toBe(2);
    expect(again.ledger.tokens).toBe(2_500);
    expect(again.progress.filter((p) => p.text.startsWith('Adopted checkpoint'))).toHaveLength(2);
    // Adopted once: a record that has them adopts nothing more.
    const third = structuredClone(again);
    await w.workspace(false).prepare(third);
    expect(third.checkpoints).toHaveLength(2);
  });
});

describe('the loop’s record writes', () => {
  const event = (type: EngineEvent['type'], r: GoalRecord) => ({ type, record: r }) as EngineEvent;

  it('saved() resolves once every record saved before it has landed in the ref', async () => {
    const w = await world();
    await w.channel.onEvent(event('started', w.record));
    for (let i = 1; i <= 5; i++) {
      w.record.iteration = i;
      await w.channel.save(w.record);
    }
    await w.channel.saved();
    expect((await w.stored()).iteration).toBe(5);
    await w.channel.saved(); // nothing new: at once
  });

  it('saved() answers at once, writing nothing, when the record a checkpoint pushed covers every call made', async () => {
    const w = await world();
    await w.channel.onEvent(event('started', w.record));
    w.record.ledger.tokens = 1_000;
    w.record.ledger.modelCalls = 2;
    w.record.ledger.reserved = { tokens: 4_000, usd: 0, calls: 4 };
    await w.channel.save(w.record);
    await w.channel.saved();
    const ws = w.workspace();
    await ws.prepare(w.record);
    await change('a.txt', '2\n');
    await ws.checkpoint(info(w.record, 1, 1_000));
    const apiWrites = () =>
      w.fake.requests.filter((r) => r.method !== 'GET' && r.path.includes('/git/')).length;
    const before = apiWrites();
    // Two more calls charged and a save of the view: the pushed record's reservation covers them.
    w.record.ledger.tokens = 3_000;
    w.record.ledger.modelCalls = 4;
    await w.channel.save(w.record);
    expect(await w.channel.saved()).toEqual({ tokens: 5_000, usd: 0, calls: 6 });
    expect(apiWrites()).toBe(before);
    // Past that cover the record itself must land first: saved() writes the ref.
    w.record.ledger.tokens = 6_000;
    w.record.ledger.modelCalls = 7;
    await w.channel.save(w.record);
    await w.channel.saved();
    expect(apiWrites()).toBeGreaterThan(before);
    expect((await w.stored()).ledger.tokens).toBe(6_000);
  });

  it('sends a save that carries the reservation the gate counts on to the ref at once, not as a view', async () => {
    const w = await world();
    await w.channel.onEvent(event('started', w.record));
    await w.channel.save(w.record);
    await w.channel.saved();
    const refAtStart = await w.fake.refSha(w.ref);
    // Moments later an ordinary save is a view only: the ref was written just now.
    w.record.iteration = 1;
    await w.channel.save(w.record);
    await w.channel.flush();
    expect(await w.fake.refSha(w.ref)).toBe(refAtStart);
    // A save that raised the reservation goes to the ref, without anyone waiting in saved().
    w.record.ledger.reserved = { tokens: 40_000, usd: 0, calls: 4 };
    await w.channel.save(w.record, { durable: true });
    await w.channel.flush();
    expect(await w.fake.refSha(w.ref)).not.toBe(refAtStart);
    expect((await w.stored()).ledger.reserved?.tokens).toBe(40_000);
  });

  it('stores a state change made while the previous write was on its way, not taking it for stored', async () => {
    const w = await world();
    await w.channel.onEvent(event('started', w.record));
    await w.channel.save(w.record);
    await w.channel.saved();
    // A write goes out; while GitHub answers it slowly, the loop stops the goal and saves again.
    w.fake.writeLatencyMs = 300;
    w.record.ledger.reserved = { tokens: 10_000, usd: 0, calls: 2 };
    await w.channel.save(w.record, { durable: true });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the write is on its way
    w.record.state = 'achieved';
    await w.channel.save(w.record);
    w.fake.writeLatencyMs = 0;
    await w.channel.flush();
    expect((await w.stored()).state).toBe('achieved');
  });

  it('looks at the ref at each control poll, and takes an edit on before its own next write', async () => {
    const w = await world();
    await w.channel.onEvent(event('started', w.record));
    await w.channel.save(w.record);
    await w.channel.saved();
    const route = new GoalChannel(w.gh(), 1, await GoalChannel.lookup(w.gh(), 1), {
      runId: 'run-route',
      links: { runUrl: 'x' },
      debounceMs: 0,
      now: () => Date.now(),
      warn: () => undefined,
      redact: makeRedactor([]),
    });
    await route.update(
      (r) =>
        r && {
          ...r,
          contract: { ...r.contract, outcome: 'Totals honour quantities and discounts' },
          contractRevision: r.contractRevision + 1,
          commands: [
            {
              id: 'comment:7',
              kind: 'edit',
              actor: 'alice',
              at: 'now',
              text: 'Objective edited by @alice',
            },
          ],
        },
    );
    const writesBefore = w.fake.writeCount();
    expect(w.channel.takeEffects()).toEqual([]); // this poll starts the look
    await w.channel.flush();
    expect(w.record.contract.outcome).toBe('Totals honour quantities and discounts');
    expect(w.channel.takeEffects().map((e) => e.kind)).toContain('contract-changed');
    // Learnt by reading: the loop wrote nothing to learn it.
    expect(w.fake.writeCount()).toBe(writesBefore);
  });

  it('stops writing when another run took the goal over', async () => {
    const w = await world();
    await w.channel.save(w.record);
    const other = new GoalChannel(w.gh(), 1, await GoalChannel.lookup(w.gh(), 1), {
      runId: 'run-2',
      links: { runUrl: 'x' },
      debounceMs: 0,
      now: () => Date.now(),
      warn: () => undefined,
      redact: makeRedactor([]),
    });
    await other.update((r) => r && { ...r, lock: { runId: 'run-2', heartbeatAt: 'now' } });
    const theirs = await w.fake.refSha(w.ref);
    w.record.iteration = 4;
    await expect(w.channel.save(w.record)).rejects.toBeInstanceOf(LockLostError);
    expect(await w.fake.refSha(w.ref)).toBe(theirs);
  });
});
