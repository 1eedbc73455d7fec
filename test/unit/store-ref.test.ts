// The goal record's store against the GitHub fake backed by a real bare repository, with the real
// Octokit: record.json in refs/goal-action/<n>, compare-and-swap through the Git Data API (a
// concurrent writer makes the other re-apply, neither change is lost), the comment store where a
// custom ref is refused (403 and 422), an unreadable record never overwritten, and the status
// comment as a view (deleting it loses nothing; the next write brings it back).
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { composeStatusBody, GoalChannel } from '../../src/action/goal-channel.js';
import { makeRedactor } from '../../src/action/redact.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { createOctokit } from '../../src/github/client.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { readCommentRecord, recordJson, STATUS_MARKER } from '../../src/state/codec.js';
import { unreadableMessage } from '../../src/store/messages.js';
import { RecordStore } from '../../src/store/record-store.js';
import type { StoreWhere } from '../../src/store/types.js';
import { startGitHubFake, type FakeSettings, type GitHubFake } from '../support/github-fake.js';
import { testRecord } from '../support/engine-fakes.js';
import { makeRepo, runGit, type TestRepo } from '../support/git-fixtures.js';

const TOKEN = 'ghs_store_token_0123456789';
const LINKS = { runUrl: 'https://example.test/run/1', commitUrl: (sha: string) => `c/${sha}` };

let fake: GitHubFake | undefined;
let repo: TestRepo | undefined;

afterEach(async () => {
  await fake?.close();
  await repo?.cleanup();
  fake = undefined;
  repo = undefined;
});

async function world(settings: Partial<FakeSettings> = {}) {
  repo = await makeRepo({ 'README.md': 'demo\n' }, { bare: true });
  fake = await startGitHubFake({
    owner: 'octo',
    repo: 'demo',
    token: TOKEN,
    gitDir: repo.remote!,
    settings,
  });
  const warnings: string[] = [];
  const gh = () =>
    new GitHubRepo(createOctokit({ token: TOKEN, baseUrl: fake!.url, spaceWrites: false }), {
      owner: 'octo',
      repo: 'demo',
    });
  const issue = fake.createIssue({ title: 'Fix add', body: 'b', user: 'octo' });
  const store = (redact = makeRedactor([])) =>
    new RecordStore(gh(), issue.number, {
      clean: (r) => redact.value(r),
      render: (r: GoalRecord, where: StoreWhere, refusal?: string) =>
        redact.text(composeStatusBody(r, LINKS, { where, refusal })),
      warn: (m) => warnings.push(m),
    });
  const ref = `refs/goal-action/${issue.number}`;
  const stored = async (): Promise<GoalRecord | null> => {
    const text = await fake!.showFile(ref, 'record.json');
    return text === null ? null : (JSON.parse(text) as GoalRecord);
  };
  const status = () =>
    fake!.comments.find((c) => c.issueNumber === issue.number && c.body.includes(STATUS_MARKER));
  return { fake, gh, issue, store, ref, stored, status, warnings, remote: repo.remote! };
}

const goal = (extra: Partial<GoalRecord> = {}): GoalRecord =>
  testRecord({ number: 1, state: 'queued', ...extra });

describe('the ref store', () => {
  it('keeps the whole record as record.json in refs/goal-action/<n>, and finds it there', async () => {
    const w = await world();
    const s = w.store();
    expect(await s.lookup()).toEqual({ kind: 'absent' });
    // More progress than the comment's trimmed copy keeps: the ref holds every entry.
    const progress = Array.from({ length: 300 }, (_, i) => ({
      iteration: i,
      kind: 'action' as const,
      text: `step ${i} ${randomBytes(60).toString('hex')}`,
    }));
    const result = await s.update(() => goal({ progress }));
    expect(result.kind).toBe('written');
    const sha = await w.fake.refSha(w.ref);
    expect(result.kind === 'written' && result.version).toBe(sha);
    expect((await w.stored())?.progress).toHaveLength(300);
    expect(await w.fake.showFile(w.ref, 'record.json')).toBe(recordJson(goal({ progress })));
    // The comment is the view: a trimmed copy, and it says where the record is.
    const view = readCommentRecord(w.status()!.body);
    expect(view.kind === 'found' && view.record.progress.length).toBeLessThan(300);
    expect(w.status()!.body).toContain('Record: `refs/goal-action/1`');

    const found = await w.store().lookup();
    expect(found).toMatchObject({ kind: 'found', where: 'ref', version: sha });
    expect(found.kind === 'found' && found.record.progress).toHaveLength(300);
  });

  it('writes the record as it is once the write has the store, not as it was when asked', async () => {
    const w = await world();
    const store = w.store();
    await store.update(() => goal());
    const live = goal({ iteration: 1 });
    // Someone holds the store (a look at the ref merging a command into the live record) …
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = store.exclusive(() => gate);
    const written = store.put(live);
    live.budget = { ...live.budget, tokens: 4_242 }; // … what that look merged
    live.state = 'paused';
    release();
    await held;
    expect(await written).toMatchObject({ kind: 'written', state: 'paused' });
    expect((await w.stored())?.budget.tokens).toBe(4_242);
  });

  it('re-applies a change when another writer moved the ref first, losing neither', async () => {
    const w = await world();
    await w.store().update(() => goal());
    const a = w.store();
    const b = w.store();
    await a.lookup();
    // B writes between A's read and A's write: A's write is not a fast-forward (GitHub's 422).
    await b.update((r) => r && { ...r, budget: { ...r.budget, tokens: 123 } });
    const stale = { ...goal(), iteration: 9 };
    expect(await a.put(stale)).toEqual({ kind: 'conflict' });
    expect((await w.stored())?.budget.tokens).toBe(123);
    // update() reads again and re-applies: both changes hold.
    let calls = 0;
    const result = await a.update((r) => {
      calls += 1;
      return r && { ...r, iteration: 9 };
    });
    expect(result.kind).toBe('written');
    expect(calls).toBe(1);
    expect(await w.stored()).toMatchObject({ iteration: 9, budget: { tokens: 123 } });
    // The ref's history is the writes, each on the one before.
    const log = await runGit(w.remote, ['log', '--format=%s', w.ref]);
    expect(log.split('\n')).toHaveLength(3);
  });

  it('applies every one of many concurrent updates exactly once', async () => {
    const w = await world();
    await w.store().update(() => goal({ iteration: 0 }));
    const writers = Array.from({ length: 4 }, () => w.store());
    const attempts: number[] = [];
    const results = await Promise.all(
      writers.map((s, i) =>
        s.update((r) => {
          attempts[i] = (attempts[i] ?? 0) + 1;
          return r && { ...r, iteration: r.iteration + 1 };
        }, 8),
      ),
    );
    expect(results.map((r) => r.kind)).toEqual(['written', 'written', 'written', 'written']);
    const log = await runGit(w.remote, ['log', '--format=%H %P %s', w.ref]);
    expect((await w.stored())?.iteration, log).toBe(4);
    // Someone had to re-apply: the compare-and-swap really refused a stale write.
    expect(attempts.reduce((a, b) => a + b, 0)).toBeGreaterThan(4);
  });

  it('never overwrites a record it cannot read, and says what to do', async () => {
    const w = await world();
    await w.store().update(() => goal());
    const plant = async (text: string) => {
      const blob = await runGit(w.remote, ['hash-object', '-w', '--stdin'], text);
      const tree = await runGit(w.remote, ['mktree'], `100644 blob ${blob}\trecord.json\n`);
      const commit = await runGit(w.remote, ['commit-tree', tree, '-m', 'hand edit']);
      await runGit(w.remote, ['update-ref', w.ref, commit]);
      return commit;
    };
    const cases: [string, RegExp][] = [
      ['{"version": 1, "id": ', /not valid JSON/],
      [JSON.stringify({ ...goal(), state: 'done' }), /invalid: state/],
      [JSON.stringify({ ...goal(), version: 99 }), /newer than this goal-action/],
    ];
    for (const [text, reason] of cases) {
      const planted = await plant(text);
      const s = w.store();
      const found = await s.lookup();
      expect(found).toMatchObject({ kind: 'unreadable', where: 'ref' });
      expect(found.kind === 'unreadable' && found.reason).toMatch(reason);
      let mutated = false;
      const result = await s.update(() => {
        mutated = true;
        return goal({ title: 'A new goal' });
      });
      expect(result.kind).toBe('unreadable');
      expect(mutated).toBe(false);
      expect(await w.fake.refSha(w.ref)).toBe(planted);
      if (found.kind === 'unreadable') {
        const message = unreadableMessage(found, 1);
        expect(message).toContain('nothing was changed');
        expect(message).toMatch(
          reason.source.includes('newer') ? /upgrade/ : /git log refs\/goal-action\/1/,
        );
      }
    }
  });

  it('never overwrites an unreadable record in the status comment either', async () => {
    const w = await world({ customRefs: 403 });
    await w.store().update(() => goal());
    const status = w.status()!;
    status.body = status.body.replace(/(goal-action:record v1 )[A-Za-z0-9_-]{8}/, '$1AAAAAAAA');
    const planted = status.body;
    const found = await GoalChannel.lookup(w.gh(), w.issue.number);
    expect(found).toMatchObject({ kind: 'unreadable', where: 'comment' });
    const channel = new GoalChannel(w.gh(), w.issue.number, found, {
      runId: 'run-1',
      links: LINKS,
      debounceMs: 0,
      now: () => Date.now(),
      warn: () => undefined,
      redact: makeRedactor([]),
    });
    await expect(channel.save(goal({ title: 'A new goal' }))).rejects.toThrow(/cannot be read/);
    // And again: a refusal is not forgotten by the next write.
    await expect(channel.save(goal({ title: 'Another' }))).rejects.toThrow(/cannot be read/);
    expect(w.status()!.body).toBe(planted);
  });

  it('keeps the record in the status comment where GitHub refuses the ref (403 and 422)', async () => {
    for (const refusal of [403, 422] as const) {
      const w = await world({ customRefs: refusal });
      const s = w.store();
      const result = await s.update(() => goal());
      expect(result).toMatchObject({ kind: 'written', where: 'comment' });
      expect(await w.fake.refSha(w.ref)).toBeNull();
      expect(w.status()!.body).toContain('Record: in this comment because GitHub refused');
      expect(w.warnings.join('\n')).toMatch(/kept in the status comment/);
      const found = await w.store().lookup();
      expect(found).toMatchObject({ kind: 'found', where: 'comment' });
      // Still compare-and-swap-like: a write on a record that changed since it was read is refused.
      const a = w.store();
      await a.lookup();
      await w.store().update((r) => r && { ...r, iteration: 3 });
      expect(await a.put(goal({ title: 'stale' }))).toEqual({ kind: 'conflict' });
      await a.update((r) => r && { ...r, title: 'renamed' });
      const after = await w.store().lookup();
      expect(after.kind === 'found' && after.record).toMatchObject({
        iteration: 3,
        title: 'renamed',
      });
      await fake!.close();
      await repo!.cleanup();
      fake = undefined;
      repo = undefined;
    }
  });

  it('writes no secret into record.json, and leaves the encoded comment record intact', async () => {
    const secret = 'sk-proj-SECRETSECRETSECRET0123456789';
    const w = await world();
    const redact = makeRedactor([secret]);
    await w.store(redact).update(() =>
      goal({
        progress: [{ iteration: 1, kind: 'action', text: `printed ${secret} by mistake` }],
      }),
    );
    const text = (await w.fake.showFile(w.ref, 'record.json'))!;
    expect(text).not.toContain(secret);
    expect(text).toContain('printed *** by mistake');
    expect(readCommentRecord(w.status()!.body).kind).toBe('found');
  });
});

describe('the status comment as a view of the ref', () => {
  it('loses nothing when the comment is deleted: the next write brings it back', async () => {
    const w = await world();
    const channel = new GoalChannel(w.gh(), w.issue.number, undefined, {
      runId: 'run-1',
      links: LINKS,
      debounceMs: 0,
      now: () => Date.now(),
      warn: (m) => w.warnings.push(m),
      redact: makeRedactor([]),
    });
    const r = goal({ state: 'pursuing', iteration: 2 });
    await channel.save(r);
    const first = w.status()!;
    // Someone deletes the status comment, through GitHub.
    w.fake.comments.splice(w.fake.comments.indexOf(first), 1);
    const found = await GoalChannel.lookup(w.gh(), w.issue.number);
    expect(found).toMatchObject({ kind: 'found', where: 'ref' });
    expect(found.kind === 'found' && found.record.iteration).toBe(2);
    r.iteration = 3;
    await channel.save(r);
    const again = w.status()!;
    expect(again.id).not.toBe(first.id);
    const view = readCommentRecord(again.body);
    expect(view.kind === 'found' && view.record.iteration).toBe(3);
    expect((await w.stored())?.iteration).toBe(3);
  });
});
