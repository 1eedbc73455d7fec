// A workspace as actions/checkout leaves it by default: fetch-depth 1, the token persisted as an
// http extraheader in .git/config (persist-credentials: true), on the branch or detached at a
// pull request ref or commit. Git runs isolated from the developer's own configuration.

import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Isolated from the developer's git config, never prompting. */
const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, { cwd, env: GIT_ENV });
    return stdout.trim();
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${e.stderr?.trim() || e.message}`, {
      cause: err,
    });
  }
}

export interface CheckoutOptions {
  /** Branch (`main`, `refs/heads/main`), `refs/pull/N/merge|head`, or a commit SHA; default: the remote's HEAD branch. */
  ref?: string;
  /** fetch-depth: 1 by default, 0 for all history. */
  depth?: number;
  /** The server whose extraheader is persisted (default https://github.com, or the remote's origin if http). */
  serverUrl?: string;
  /** The token checkout persists (default a fake installation token). */
  token?: string;
}

/** Clones `remote` into a temp dir as actions/checkout does by default and returns the workspace path. */
export async function makeCheckout(remote: string, opts: CheckoutOptions = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'checkout-'));
  const token = opts.token ?? 'ghs_checkout-persisted-token';
  const server =
    opts.serverUrl ?? (/^https?:/.test(remote) ? new URL(remote).origin : 'https://github.com');
  await git(dir, ['init', '-q']);
  await git(dir, ['remote', 'add', 'origin', remote]);
  await git(dir, ['config', '--local', 'gc.auto', '0']);
  // persist-credentials: true (the default) leaves the token in .git/config for later git commands.
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  await git(dir, [
    'config',
    '--local',
    `http.${server}/.extraheader`,
    `AUTHORIZATION: basic ${basic}`,
  ]);

  let ref = opts.ref;
  if (!ref) {
    const symref = await git(dir, ['ls-remote', '--symref', 'origin', 'HEAD']);
    const m = /^ref: (refs\/heads\/\S+)\s+HEAD/m.exec(symref);
    if (!m) throw new Error(`makeCheckout: ${remote} has no HEAD branch; pass opts.ref.`);
    ref = m[1]!;
  }
  const depth = opts.depth ?? 1;
  const fetch = (refspecs: string[]) =>
    git(dir, [
      '-c',
      'protocol.version=2',
      'fetch',
      '--no-tags',
      '--prune',
      '--no-recurse-submodules',
      ...(depth > 0 ? [`--depth=${depth}`] : []),
      'origin',
      ...refspecs,
    ]);
  const allHeads =
    depth > 0 ? [] : ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'];

  if (/^[0-9a-f]{40}$/i.test(ref)) {
    await fetch([...allHeads, ref]);
    await git(dir, ['checkout', '-q', '--force', ref]);
  } else if (ref.startsWith('refs/pull/')) {
    const local = ref.replace(/^refs\//, 'refs/remotes/');
    await fetch([...allHeads, `+${ref}:${local}`]);
    await git(dir, ['checkout', '-q', '--force', local]);
  } else {
    const branch = ref.replace(/^refs\/heads\//, '');
    await fetch(depth > 0 ? [`+refs/heads/${branch}:refs/remotes/origin/${branch}`] : allHeads);
    await git(dir, ['checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`]);
  }
  return dir;
}
