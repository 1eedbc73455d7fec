import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goalBranchName, goalTitle, pullRequestTitle, slugify } from '../../src/git/branch-name.js';
import {
  buildCheckpointMessage,
  checkpointSubject,
  describeChanges,
  stagedFiles,
} from '../../src/git/checkpoint-message.js';
import { createGit } from '../../src/git/git.js';
import { makeRepo, runGit } from '../support/git-fixtures.js';

describe('slugify', () => {
  it('lowercases, joins words with dashes and drops punctuation', () => {
    expect(slugify('Make the CI green: fix `npm test`!')).toBe('make-the-ci-green-fix-npm-test');
  });

  it('folds accents and ligatures to ASCII', () => {
    expect(slugify('Réduire la latence — Straße, Æsir, ﬁx')).toBe(
      'reduire-la-latence-strasse-aesir-fix',
    );
  });

  it('cuts at a word boundary within the limit and never ends with a dash', () => {
    const slug = slugify('speed up the parser by caching compiled regular expressions everywhere');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('speed-up-the-parser-by-caching-compiled');
    expect(slugify('a b c d', 4)).toBe('a-b');
  });

  it('cuts a single over-long word rather than returning nothing', () => {
    expect(slugify('x'.repeat(60))).toBe('x'.repeat(40));
  });

  it('returns an empty slug when nothing ASCII remains', () => {
    expect(slugify('日本語 🚀')).toBe('');
  });
});

describe('goalBranchName', () => {
  it('puts the issue number first', () => {
    expect(goalBranchName('Fix flaky login test', 42)).toBe('goal/42-fix-flaky-login-test');
  });

  it('uses the slug alone for local goals', () => {
    expect(goalBranchName('Fix flaky login test')).toBe('goal/fix-flaky-login-test');
  });

  it('stays a usable name when the title has no ASCII letters', () => {
    expect(goalBranchName('日本語', 7)).toBe('goal/7');
    expect(goalBranchName('日本語')).toBe('goal/untitled');
  });
});

describe('names made from an issue title leave out issue-form prefixes', () => {
  it.each([
    ['[goal] Make total() honour quantities', 'Make total() honour quantities'],
    ['[Goal] [perf] Faster parser', 'Faster parser'],
    ['goal: Faster parser', 'Faster parser'],
    ['Goal - Faster parser', 'Faster parser'],
    ['feat(parser): handle CRLF', 'handle CRLF'],
    ['Faster parser', 'Faster parser'],
    ['[goal]', '[goal]'],
    ['Goals for Q3: faster CI', 'Goals for Q3: faster CI'],
  ])('%j → %j', (title, objective) => {
    expect(goalTitle(title)).toBe(objective);
  });

  it('gives the PR title and the branch without "[goal]"', () => {
    expect(pullRequestTitle('[goal] Make total() honour quantities')).toBe(
      'goal: Make total() honour quantities',
    );
    expect(pullRequestTitle('goal: already prefixed')).toBe('goal: already prefixed');
    expect(goalBranchName('[goal] Make total() honour quantities', 1)).toBe(
      'goal/1-make-total-honour-quantities',
    );
  });
});

describe('checkpoint subjects say what changed', () => {
  const info = { subject: 'goal: Cart quantities — Iteration 3', iteration: 3 };

  it('describes one or two files by name, more by area', () => {
    expect(
      describeChanges([{ path: 'src/cart.js', status: 'modified', added: 1, removed: 1 }]),
    ).toBe('Edit src/cart.js');
    expect(
      describeChanges([
        { path: 'src/cart.js', status: 'modified' },
        { path: 'test/empty.test.js', status: 'added' },
      ]),
    ).toBe('Edit src/cart.js, add test/empty.test.js');
    expect(
      describeChanges([
        { path: 'src/a.js', status: 'modified' },
        { path: 'src/b.js', status: 'modified' },
        { path: 'test/a.test.js', status: 'modified' },
        { path: 'README.md', status: 'modified' },
        { path: 'test/old.test.js', status: 'deleted' },
      ]),
    ).toBe('Edit 2 files in src/, 1 in test/ and README.md, delete 1 file in test/');
  });

  it('replaces the generic engine subject, keeps a specific one, and the trailers stay', () => {
    const staged = [{ path: 'src/cart.js', status: 'modified' as const }];
    expect(checkpointSubject(info, staged)).toBe('Edit src/cart.js');
    expect(checkpointSubject({ subject: 'review cleanup', iteration: 3 }, staged)).toBe(
      'review cleanup',
    );
    expect(checkpointSubject(info)).toBe(info.subject);
    expect(
      checkpointSubject({ subject: 'goal: Cart — stopped (budget-limited)', iteration: 3 }, staged),
    ).toBe('Edit src/cart.js');
    const message = buildCheckpointMessage(
      { ...info, goalId: 'g1', verifierSummary: '1/1 passed', tokens: 10, usd: 0.01 },
      staged,
    );
    expect(message).toMatch(/^Edit src\/cart\.js\n\nGoal-Id: g1\nGoal-Iteration: 3\n/);
  });

  it('reads what git stages, renames and binary files included', async () => {
    const repo = await makeRepo({
      'src/cart.js': 'a\nb\n',
      'old.txt': 'x\n'.repeat(20),
      'logo.bin': '\u0000\u0001',
    });
    try {
      await writeFile(path.join(repo.dir, 'src/cart.js'), 'a\nB\nc\n');
      await runGit(repo.dir, ['mv', 'old.txt', 'new.txt']);
      await writeFile(path.join(repo.dir, 'logo.bin'), '\u0000\u0002\u0003');
      await runGit(repo.dir, ['add', '--all']);
      const staged = await stagedFiles(createGit(repo.dir));
      expect(staged).toEqual(
        expect.arrayContaining([
          { path: 'src/cart.js', status: 'modified', added: 2, removed: 1 },
          { path: 'new.txt', status: 'renamed', added: 0, removed: 0 },
          { path: 'logo.bin', status: 'modified' },
        ]),
      );
      expect(staged).toHaveLength(3);
    } finally {
      await repo.cleanup();
    }
  });
});
