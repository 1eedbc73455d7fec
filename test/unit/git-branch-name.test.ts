import { describe, expect, it } from 'vitest';
import { goalBranchName, slugify } from '../../src/git/branch-name.js';

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
