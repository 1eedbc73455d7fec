// The model works on the goal branch and may edit .github/goal.yml there: the rules `budget` and
// `resume` apply to a stored goal (its ceiling, its prices) come from the goal's base, not from it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRepoConfig } from '../../src/cli/local-goal.js';
import { makeRepo, runGit, type TestRepo } from '../support/git-fixtures.js';

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

describe('.github/goal.yml for a stored goal', () => {
  it('is read as committed at the goal base, whatever the goal branch made of it', async () => {
    repo = await makeRepo({ '.github/goal.yml': 'max-budget: 1M tokens\n' });
    const base = (await runGit(repo.dir, ['rev-parse', 'HEAD'])).trim();
    // What a hostile model would do on its branch: raise its own ceiling, commit it.
    await writeFile(join(repo.dir, '.github/goal.yml'), 'max-budget: 900M tokens\n');
    await runGit(repo.dir, ['commit', '-qam', 'raise the ceiling']);
    expect(readRepoConfig(repo.dir)?.maxBudget?.tokens).toBe(900_000_000);
    expect(readRepoConfig(repo.dir, base)?.maxBudget?.tokens).toBe(1_000_000);
  });

  it('is absent when the base has none, even if the goal branch added one', async () => {
    repo = await makeRepo({ 'a.txt': '1\n' });
    const base = (await runGit(repo.dir, ['rev-parse', 'HEAD'])).trim();
    await runGit(repo.dir, ['checkout', '-qb', 'goal/x']);
    await mkdir(join(repo.dir, '.github'));
    await writeFile(join(repo.dir, '.github/goal.yml'), 'max-budget: 900M tokens\n');
    await runGit(repo.dir, ['add', '.']);
    await runGit(repo.dir, ['commit', '-qm', 'x']);
    expect(readRepoConfig(repo.dir)).not.toBeNull();
    expect(readRepoConfig(repo.dir, base)).toBeNull();
  });
});
