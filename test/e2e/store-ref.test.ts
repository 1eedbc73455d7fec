// The goal record's ref through the built Action, as a runner runs it: after a real run the ref
// refs/goal-action/<n> holds the whole record (every checkpoint on the branch is listed), the
// record commits ride in the checkpoint pushes, a push the remote refuses moves neither the branch
// nor the record (git's atomic push, seen by a pre-receive hook on the remote), and deleting the
// status comment loses nothing: the next command renders it again from the ref.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalRecord } from '../../src/engine/types.js';
import { readCommentRecord } from '../../src/state/codec.js';
import { runGit } from '../support/git-fixtures.js';
import { COMPLETE, FIX, GoalWorld, MAINTAINER, goalScript } from '../support/goal-world.js';

let world: GoalWorld;
/** The issue the first test's goal runs on; the second test continues it. */
let goalIssue = 0;
beforeAll(async () => {
  world = await GoalWorld.create(goalScript([FIX, COMPLETE]));
});
afterAll(async () => {
  await world?.close();
});

/**
 * Logs every push the remote receives (`<old> <new> <ref>` per line, then `--`), and refuses the
 * first one that moves a goal record ref: one refused ref refuses the whole atomic push.
 */
async function installHook(remote: string): Promise<{ log: string; refusedOnce: string }> {
  const log = path.join(remote, 'push-log.txt');
  const refusedOnce = path.join(remote, 'refused-once');
  const hook = path.join(remote, 'hooks', 'pre-receive');
  await writeFile(
    hook,
    `#!/bin/sh
input=$(cat)
printf '%s\\n--\\n' "$input" >> '${log}'
if printf '%s' "$input" | grep -q ' refs/goal-action/' && [ ! -e '${refusedOnce}' ]; then
  : > '${refusedOnce}'
  echo "refused by the test's pre-receive hook" >&2
  exit 1
fi
exit 0
`,
  );
  await chmod(hook, 0o755);
  return { log, refusedOnce };
}

function pushes(text: string): { old: string; next: string; ref: string }[][] {
  return text
    .split('\n--\n')
    .map((block) =>
      block
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [old = '', next = '', ref = ''] = line.split(' ');
          return { old, next, ref };
        }),
    )
    .filter((p) => p.length > 0);
}

describe('the goal record in refs/goal-action/<n>', () => {
  it('holds the whole record after a real run; checkpoint and record move atomically', async () => {
    const hook = await installHook(world.remote);
    const issue = world.issue();
    goalIssue = issue.number;
    const run = await world.comment(
      issue.number,
      MAINTAINER,
      '/goal Make total() honour quantities',
    );
    expect(run.outputs.status, run.stdout + run.stderr).toBe('achieved');

    const ref = `refs/goal-action/${issue.number}`;
    const record = JSON.parse(
      await runGit(world.remote, ['show', `${ref}:record.json`]),
    ) as GoalRecord;
    expect(record.state).toBe('achieved');
    expect(record.checkpoints.length).toBeGreaterThan(0);
    // Every checkpoint the record lists is on the goal branch, and the branch has no other.
    const onBranch = (
      await runGit(world.remote, ['log', '--format=%H', record.branch, '--not', 'main'])
    ).split('\n');
    expect(new Set(record.checkpoints.map((c) => c.sha))).toEqual(new Set(onBranch));
    expect(record.ledger.tokens).toBeGreaterThan(0);

    // The status comment is a view of it and says so.
    const status = world.statusComments(issue.number);
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain(`Record: \`${ref}\``);
    const view = readCommentRecord(status[0]!.body);
    expect(view.kind === 'found' && view.record.state).toBe('achieved');

    // The pushes the remote saw: the first with the record ref was refused whole, so the branch
    // had not moved when the next push came (same old value), and a checkpoint did land later.
    const seen = pushes(await readFile(hook.log, 'utf8'));
    const withRecord = seen.findIndex((p) => p.some((u) => u.ref === ref));
    expect(withRecord, JSON.stringify(seen)).toBeGreaterThanOrEqual(0);
    const refused = seen[withRecord]!;
    const branchRef = `refs/heads/${record.branch}`;
    const refusedBranch = refused.find((u) => u.ref === branchRef);
    expect(refusedBranch, JSON.stringify(refused)).toBeDefined();
    const after = seen.slice(withRecord + 1).find((p) => p.some((u) => u.ref === branchRef));
    expect(after?.find((u) => u.ref === branchRef)?.old).toBe(refusedBranch!.old);
    expect(onBranch).toContain(refusedBranch!.next);
  }, 180_000);

  it('renders the deleted status comment again from the ref at the next command', async () => {
    const issue = world.github.issues.get(goalIssue)!;
    const first = world.statusComments(issue.number)[0]!;
    const before = JSON.parse(
      await runGit(world.remote, ['show', `refs/goal-action/${issue.number}:record.json`]),
    ) as GoalRecord;
    world.github.comments.splice(world.github.comments.indexOf(first), 1);
    const run = await world.comment(issue.number, MAINTAINER, '/goal status');
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const again = world.statusComments(issue.number);
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(first.id);
    const view = readCommentRecord(again[0]!.body);
    expect(view.kind === 'found' && view.record.checkpoints).toEqual(before.checkpoints);
    expect(view.kind === 'found' && view.record.state).toBe('achieved');
  }, 120_000);
});
