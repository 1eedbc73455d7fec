// Per-command credentials proven over real smart HTTP: a git server on 127.0.0.1 that answers 401
// without the token. The checkout is shallow and carries the credentials actions/checkout
// persists; the Action removes them, pushes with the token given to that push only, and afterwards
// nothing in the repository can authenticate.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { neutralizeCheckoutCredentials } from '../../src/git/credentials.js';
import { createGitWorkspace } from '../../src/git/workspace.js';
import {
  goalRecordFor,
  makeRepo,
  runGit,
  serveGitOverHttp,
  tempDir,
  writeFiles,
  type GitHttpServer,
} from '../support/git-fixtures.js';

const TOKEN = 'ghs_TestInstallationToken123';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const BRANCH = 'goal/3-http';
const info = {
  goalId: 'g',
  iteration: 1,
  subject: 'Iteration 1',
  verifierSummary: '0/1 passed',
  tokens: 1,
  usd: 0,
};

let root: string;
let checkout: string;
let server: GitHttpServer;
let remoteUrl: string;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  const seed = await makeRepo({ 'app.py': 'print("hi")\n' });
  cleanups.push(seed.cleanup);
  root = await tempDir('goal-http-root-');
  await runGit(root, ['clone', '--quiet', '--bare', `file://${seed.dir}`, 'project.git']);
  server = await serveGitOverHttp(root, { token: TOKEN });
  remoteUrl = `${server.url}/project.git`;
  checkout = await tempDir('goal-http-checkout-');
  // What actions/checkout does: a depth-1 fetch with the token, then the header persisted in config.
  await runGit(checkout, [
    '-c',
    `http.extraheader=AUTHORIZATION: basic ${BASIC}`,
    'clone',
    '--quiet',
    '--depth=1',
    remoteUrl,
    '.',
  ]);
  await runGit(checkout, [
    'config',
    `http.${server.url}/.extraheader`,
    `AUTHORIZATION: basic ${BASIC}`,
  ]);
});

afterEach(async () => {
  await server.close();
  for (const dir of [root, checkout]) await fs.rm(dir, { recursive: true, force: true });
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const readConfig = () => fs.readFile(path.join(checkout, '.git', 'config'), 'utf8');

describe('pushing over HTTP with per-command credentials', () => {
  it('pushes with the token while no credential is left in the repository', async () => {
    expect(await readConfig()).toContain(BASIC);
    const removed = await neutralizeCheckoutCredentials(checkout);
    expect(removed).toEqual([`http.${server.url}/.extraheader (.git/config)`]);
    expect(await readConfig()).not.toContain(BASIC);

    const ws = createGitWorkspace({
      root: checkout,
      identity: { name: 'bot', email: 'bot@example.com' },
      remote: { name: 'origin', token: TOKEN },
    });
    await ws.prepare(goalRecordFor(BRANCH));
    await writeFiles(checkout, { 'app.py': 'print("hello")\n' });
    const cp = await ws.checkpoint(info);

    expect(
      await runGit(path.join(root, 'project.git'), ['rev-parse', `refs/heads/${BRANCH}`]),
    ).toBe(cp!.sha);
    const pushes = server.requests.filter((r) => r.path.endsWith('/git-receive-pack'));
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((r) => r.authorization === `basic ${BASIC}`)).toBe(true);

    // After the push: still nothing in the config, and git alone can no longer authenticate.
    const config = await readConfig();
    expect(config).not.toContain(BASIC);
    expect(config).not.toContain(TOKEN);
    await expect(runGit(checkout, ['ls-remote', 'origin'])).rejects.toThrow(
      /401|Authentication failed|could not read/i,
    );
  });

  it('resumes from a second shallow checkout over HTTP and pushes on top', async () => {
    await neutralizeCheckoutCredentials(checkout);
    const bot = { name: 'bot', email: 'bot@example.com' };
    const first = createGitWorkspace({
      root: checkout,
      identity: bot,
      remote: { name: 'origin', token: TOKEN },
    });
    const { baseSha } = await first.prepare(goalRecordFor(BRANCH));
    await writeFiles(checkout, { 'app.py': 'print("one")\n' });
    const cp1 = (await first.checkpoint(info))!;

    const second = await tempDir('goal-http-second-');
    cleanups.push(() => fs.rm(second, { recursive: true, force: true }));
    await runGit(second, [
      '-c',
      `http.extraheader=AUTHORIZATION: basic ${BASIC}`,
      'clone',
      '-q',
      '--depth=1',
      remoteUrl,
      '.',
    ]);
    const ws = createGitWorkspace({
      root: second,
      identity: bot,
      remote: { name: 'origin', url: remoteUrl, token: TOKEN },
    });
    await ws.prepare(goalRecordFor(BRANCH, { baseSha, checkpoints: [cp1] }));
    expect(await ws.headSha()).toBe(cp1.sha);
    await writeFiles(second, { 'app.py': 'print("two")\n' });
    const cp2 = (await ws.checkpoint({ ...info, iteration: 2 }))!;
    expect(await runGit(path.join(root, 'project.git'), ['rev-parse', `${cp2.sha}^`])).toBe(
      cp1.sha,
    );
  });

  it('still authenticates when a stale header was left in the config (ours replaces it)', async () => {
    const stale = Buffer.from('x-access-token:expired').toString('base64');
    await runGit(checkout, [
      'config',
      '--replace-all',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: basic ${stale}`,
    ]);
    const ws = createGitWorkspace({
      root: checkout,
      identity: { name: 'bot', email: 'bot@example.com' },
      remote: { name: 'origin', token: TOKEN },
    });
    await ws.prepare(goalRecordFor(BRANCH));
    await writeFiles(checkout, { 'app.py': 'print("stale")\n' });
    const cp = await ws.checkpoint(info);
    expect(
      await runGit(path.join(root, 'project.git'), ['rev-parse', `refs/heads/${BRANCH}`]),
    ).toBe(cp!.sha);
  });
});
