// Checkpoint evidence through the real Octokit against the fake: a check run, a commit status
// where checks are refused, and one warning where both are.
import { afterEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/github/client.js';
import type { Evidence } from '../../src/github/checks.js';
import { GitHubRepo } from '../../src/github/repo.js';
import { startGitHubFake, type FakeSettings, type GitHubFake } from '../support/github-fake.js';

const TOKEN = 'ghs_checks';
let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const evidence = (sha: string): Evidence => ({
  sha,
  name: 'goal-action',
  conclusion: 'failure',
  title: '0/1 verifiers pass',
  summary: '| test | ❌ fail |',
  text: 'output',
  annotations: [{ path: 'test/a.test.js', line: 3, message: 'expected 3', title: 'test failed' }],
  detailsUrl: 'https://github.com/o/r/actions/runs/1',
  externalId: 'g1',
  statusLine: '0/1 verifiers pass · iteration 1',
});

async function setup(settings: Partial<FakeSettings> = {}) {
  fake = await startGitHubFake({ owner: 'o', repo: 'r', token: TOKEN, settings });
  const warnings: string[] = [];
  const octokit = createOctokit({ token: TOKEN, baseUrl: fake.url, spaceWrites: false });
  const gh = new GitHubRepo(
    octokit,
    { owner: 'o', repo: 'r' },
    { log: { warn: (m) => warnings.push(m) } },
  );
  return { fake, gh, warnings };
}

describe('publishEvidence', () => {
  it('posts a completed check run with the summary and annotations', async () => {
    const { fake, gh } = await setup();
    expect(await gh.publishEvidence(evidence('a'.repeat(40)))).toBe('check');
    expect(fake.checkRuns[0]).toMatchObject({
      name: 'goal-action',
      headSha: 'a'.repeat(40),
      status: 'completed',
      conclusion: 'failure',
      annotations: [expect.objectContaining({ path: 'test/a.test.js', start_line: 3 })],
    });
  });

  it('falls back to a commit status, and asks for checks only once per run', async () => {
    const { fake, gh } = await setup({ checks: false });
    expect(await gh.publishEvidence(evidence('b'.repeat(40)))).toBe('status');
    expect(await gh.publishEvidence(evidence('c'.repeat(40)))).toBe('status');
    expect(fake.requests.filter((r) => r.path.endsWith('/check-runs'))).toHaveLength(1);
    expect(fake.statuses.map((s) => [s.context, s.state])).toEqual([
      ['goal-action', 'failure'],
      ['goal-action', 'failure'],
    ]);
  });

  it('says once which permission to grant when neither is allowed', async () => {
    const { gh, warnings } = await setup({ checks: false, statuses: false });
    expect(await gh.publishEvidence(evidence('d'.repeat(40)))).toBe('none');
    expect(await gh.publishEvidence(evidence('e'.repeat(40)))).toBe('none');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('checks: write');
  });
});
