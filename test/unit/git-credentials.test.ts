// What actions/checkout leaves behind with persist-credentials, written the way it writes it, and
// neutralizeCheckoutCredentials taking all of it out while leaving the user's own config alone.

import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { neutralizeCheckoutCredentials } from '../../src/git/credentials.js';
import { makeRepo, runGit, tempDir, type TestRepo } from '../support/git-fixtures.js';

const SECRET = Buffer.from('x-access-token:ghs_secret').toString('base64');
const HEADER = `AUTHORIZATION: basic ${SECRET}`;

let repo: TestRepo | undefined;
let runnerTemp: string | undefined;
afterEach(async () => {
  await repo?.cleanup();
  if (runnerTemp) await fs.rm(runnerTemp, { recursive: true, force: true });
  repo = undefined;
  runnerTemp = undefined;
});

/** Every extraheader git would apply in this repository, following includes. */
async function effectiveHeaders(dir: string): Promise<string> {
  return runGit(dir, ['config', '--includes', '--get-regexp', 'extraheader']).catch(() => '');
}

describe('neutralizeCheckoutCredentials', () => {
  it('removes the header older checkout versions write into .git/config', async () => {
    repo = await makeRepo({});
    await repo.git(['config', 'http.https://github.com/.extraheader', HEADER]);
    await repo.git(['config', 'core.autocrlf', 'input']);
    expect(await effectiveHeaders(repo.dir)).toContain(SECRET);

    const removed = await neutralizeCheckoutCredentials(repo.dir);
    expect(removed).toEqual(['http.https://github.com/.extraheader (.git/config)']);
    expect(await effectiveHeaders(repo.dir)).toBe('');
    expect(await repo.git(['config', 'core.autocrlf'])).toBe('input');
  });

  it('removes the includeIf entries and the credentials file newer checkout versions use', async () => {
    repo = await makeRepo({});
    runnerTemp = await tempDir('goal-runner-temp-');
    const credFile = path.join(runnerTemp, `git-credentials-${randomUUID()}.config`);
    await runGit(runnerTemp, [
      'config',
      '--file',
      credFile,
      'http.https://github.com/.extraheader',
      HEADER,
    ]);
    const gitDir = path.join(repo.dir, '.git');
    const containerFile = `/github/runner_temp/${path.basename(credFile)}`;
    await repo.git(['config', `includeIf.gitdir:${gitDir}.path`, credFile]);
    await repo.git(['config', `includeIf.gitdir:${gitDir}/worktrees/*.path`, credFile]);
    await repo.git(['config', `includeIf.gitdir:/github/workspace/.git.path`, containerFile]);
    // A user's own include, unrelated to credentials, stays.
    const userFile = path.join(runnerTemp, 'team.gitconfig');
    await fs.writeFile(userFile, '[alias]\n\tco = checkout\n');
    await repo.git(['config', 'include.path', userFile]);
    expect(await effectiveHeaders(repo.dir)).toContain(SECRET);

    const removed = await neutralizeCheckoutCredentials(repo.dir);
    expect(removed).toEqual([
      `includeif.gitdir:${gitDir}.path → ${credFile} (.git/config)`,
      `deleted ${credFile}`,
      `includeif.gitdir:${gitDir}/worktrees/*.path → ${credFile} (.git/config)`,
      `includeif.gitdir:/github/workspace/.git.path → ${containerFile} (.git/config)`,
    ]);
    expect(await effectiveHeaders(repo.dir)).toBe('');
    await expect(fs.access(credFile)).rejects.toThrow();
    expect(await repo.git(['config', '--includes', 'alias.co'])).toBe('checkout');
    expect(await neutralizeCheckoutCredentials(repo.dir)).toEqual([]);
  });

  it('takes the header out of any other included file that carries one', async () => {
    repo = await makeRepo({});
    runnerTemp = await tempDir('goal-runner-temp-');
    const other = path.join(runnerTemp, 'auth.gitconfig');
    await runGit(runnerTemp, [
      'config',
      '--file',
      other,
      'http.https://github.com/.extraheader',
      HEADER,
    ]);
    await runGit(runnerTemp, ['config', '--file', other, 'alias.st', 'status']);
    await repo.git(['config', 'include.path', other]);

    await neutralizeCheckoutCredentials(repo.dir);
    expect(await effectiveHeaders(repo.dir)).toBe('');
    expect(await fs.readFile(other, 'utf8')).not.toContain(SECRET);
    expect(await fs.readFile(other, 'utf8')).toContain('status');
  });

  it('cleans submodule configs too', async () => {
    repo = await makeRepo({});
    const moduleDir = path.join(repo.dir, '.git', 'modules', 'vendor', 'lib');
    await fs.mkdir(moduleDir, { recursive: true });
    await fs.writeFile(path.join(moduleDir, 'HEAD'), 'ref: refs/heads/main\n');
    const moduleConfig = path.join(moduleDir, 'config');
    await runGit(repo.dir, [
      'config',
      '--file',
      moduleConfig,
      'http.https://github.com/.extraheader',
      HEADER,
    ]);

    const removed = await neutralizeCheckoutCredentials(repo.dir);
    expect(removed).toEqual([
      'http.https://github.com/.extraheader (.git/modules/vendor/lib/config)',
    ]);
    expect(await fs.readFile(moduleConfig, 'utf8')).not.toContain(SECRET);
  });

  it('returns nothing and changes nothing in a repository without credentials', async () => {
    repo = await makeRepo({});
    const before = await fs.readFile(path.join(repo.dir, '.git', 'config'), 'utf8');
    expect(await neutralizeCheckoutCredentials(repo.dir)).toEqual([]);
    expect(await fs.readFile(path.join(repo.dir, '.git', 'config'), 'utf8')).toBe(before);
  });
});
