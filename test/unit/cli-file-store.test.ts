// The CLI's goal store on a real file system and real git directories: three outcomes for a
// lookup, nothing overwritten that this store did not read (an unreadable file, another goal's
// record, a change another process made), atomic writes that leave no temporary file, records of
// the old one-file-per-id layout still found, and one store for every worktree of a repository.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore, RecordConflictError } from '../../src/cli/file-store.js';
import { newGoalRecord } from '../../src/engine/record.js';
import type { GoalRecord } from '../../src/engine/types.js';
import { runGit } from '../support/git-fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function repo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-store-'));
  dirs.push(dir);
  await runGit(dir, ['init', '-q', '-b', 'main']);
  await writeFile(join(dir, 'a.txt'), 'a\n');
  await runGit(dir, ['add', '-A']);
  await runGit(dir, ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init']);
  return dir;
}

function record(id: string, branch = 'goal/make-it-pass'): GoalRecord {
  return newGoalRecord({
    id,
    title: 'Make it pass',
    contract: {
      outcome: 'Make it pass',
      verification: [
        {
          name: 'test',
          command: 'npm test',
          timeoutSec: 60,
          kind: 'check',
          required: true,
          source: 'cli',
        },
      ],
      verificationNotes: [],
      constraints: [],
      boundaries: [],
      protectedPaths: [],
      iterationPolicy: '',
      blockedCondition: '',
      steering: [],
      allowedChanges: [],
    },
    budget: { tokens: 1000, usd: 1, timeSec: 60, iterations: 2 },
    branch,
    baseRef: 'main',
    now: new Date(0).toISOString(),
  });
}

describe('FileStore', () => {
  it('looks a goal up by its branch: absent, then found exactly as saved', async () => {
    const root = await repo();
    const store = new FileStore(root);
    const path = join(root, '.git', 'goal-action', 'goals', 'goal%2Fmake-it-pass.json');
    expect(store.lookup('goal/make-it-pass')).toEqual({ kind: 'absent', path });
    const r = record('local-1');
    r.ledger.tokens = 1234;
    await store.save(r);
    const found = new FileStore(root).lookup('goal/make-it-pass');
    expect(found).toMatchObject({ kind: 'found', path });
    expect(found.kind === 'found' && found.record).toEqual(r);
    // Written whole, readable only by its owner, with no temporary file left beside it.
    expect(readdirSync(join(root, '.git', 'goal-action', 'goals'))).toEqual([
      'goal%2Fmake-it-pass.json',
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Durable once save() returns (a synchronous write): no saved() for the engine to wait on.
    expect('saved' in store).toBe(false);
  });

  it.each([
    ['not JSON', '{"version": 1, "id": "lo', /^it is not valid JSON/],
    ['not a record', '{"version": 1, "id": "local-1"}', /^the goal record is invalid: /],
  ])('a file that is %s is unreadable, and no save replaces it', async (_what, text, reason) => {
    const root = await repo();
    const store = new FileStore(root);
    const path = store.path('goal/make-it-pass');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    const found = store.lookup('goal/make-it-pass');
    expect(found.kind).toBe('unreadable');
    expect(found.kind === 'unreadable' && found.reason).toMatch(reason);
    await expect(store.save(record('local-1'))).rejects.toBeInstanceOf(RecordConflictError);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(store.list()).toEqual([{ kind: 'unreadable', reason: expect.any(String), path }]);
  });

  it('never overwrites a change another process made after this store read the record', async () => {
    const root = await repo();
    await new FileStore(root).save(record('local-1'));
    const mine = new FileStore(root);
    const read = mine.lookup('goal/make-it-pass');
    if (read.kind !== 'found') throw new Error('expected the record');
    const theirs = new FileStore(root);
    const other = theirs.lookup('goal/make-it-pass');
    if (other.kind !== 'found') throw new Error('expected the record');
    other.record.budget.iterations = 9;
    await theirs.save(other.record);
    read.record.ledger.tokens = 50;
    await expect(mine.save(read.record)).rejects.toThrow(/changed by another goal-action process/);
    const now = new FileStore(root).lookup('goal/make-it-pass');
    expect(now.kind === 'found' && now.record.budget.iterations).toBe(9);
    // The writer that did read the latest version may go on writing.
    other.record.ledger.tokens = 70;
    await theirs.save(other.record);
  });

  it("a store that never read the branch's record does not replace another goal's", async () => {
    const root = await repo();
    await new FileStore(root).save(record('local-1'));
    await expect(new FileStore(root).save(record('local-2'))).rejects.toBeInstanceOf(
      RecordConflictError,
    );
    // The same goal, loaded elsewhere (a scenario harness, the engine's caller), may be saved.
    await new FileStore(root).save(record('local-1'));
  });

  it('finds a record of the old one-file-per-id layout and moves it on its next save', async () => {
    const root = await repo();
    const old = join(root, '.git', 'goal-action', 'local-old.json');
    mkdirSync(join(old, '..'), { recursive: true });
    const r = record('local-old');
    writeFileSync(old, JSON.stringify(r));
    const store = new FileStore(root);
    const found = store.lookup('goal/make-it-pass');
    expect(found).toMatchObject({ kind: 'found', path: old });
    if (found.kind !== 'found') return;
    await store.save(found.record);
    expect(existsSync(old)).toBe(false);
    expect(new FileStore(root).lookup('goal/make-it-pass')).toMatchObject({
      kind: 'found',
      path: store.path('goal/make-it-pass'),
    });
  });

  it('archives a record aside: the branch is free and nothing is deleted', async () => {
    const root = await repo();
    const store = new FileStore(root);
    const r = record('local-1');
    await store.save(r);
    const kept = store.archive('goal/make-it-pass');
    expect(kept).toMatch(/goal-action\/archive\/goal%2Fmake-it-pass\..+\.json$/);
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toEqual(r);
    expect(store.lookup('goal/make-it-pass').kind).toBe('absent');
    await store.save(record('local-2'));
  });

  it('a linked worktree uses the repository’s store, not one of its own', async () => {
    const root = await repo();
    const linked = `${root}-wt`;
    dirs.push(linked);
    await runGit(root, ['worktree', 'add', '-q', linked]);
    await new FileStore(linked).save(record('local-1'));
    expect(new FileStore(root).lookup('goal/make-it-pass').kind).toBe('found');
    expect(statSync(join(linked, '.git')).isFile()).toBe(true);
  });

  it('an inbox hands over posted budget commands only, and a save that logs one removes it', async () => {
    const root = await repo();
    const store = new FileStore(root);
    const inbox = store.inbox('goal/make-it-pass');
    const event = {
      id: 'cli:2026-01-01T00:00:00.000Z#1.1',
      actor: 'me',
      command: { kind: 'budget' as const, requested: { iterations: 5 } },
    };
    inbox.post(event);
    // What no CLI posts is not a way in: another kind, another id, a bad amount.
    writeFileSync(join(inbox.dir, '1-a.json'), JSON.stringify({ ...event, id: 'comment:1' }));
    writeFileSync(
      join(inbox.dir, '2-b.json'),
      JSON.stringify({ ...event, id: 'cli:x', command: { kind: 'clear' } }),
    );
    writeFileSync(
      join(inbox.dir, '3-c.json'),
      JSON.stringify({
        ...event,
        id: 'cli:y',
        command: { kind: 'budget', requested: { usd: -1 } },
      }),
    );
    expect(inbox.pending()).toEqual([event]);
    const r = record('local-1');
    await store.save(r);
    expect(inbox.pending()).toEqual([event]);
    r.commands = [{ id: event.id, kind: 'budget', actor: 'me', at: r.updatedAt, text: 'x' }];
    await store.save(r);
    expect(inbox.pending()).toEqual([]);
  });
});
