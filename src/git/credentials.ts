// actions/checkout with `persist-credentials: true` (its default) leaves the job's token where any
// command in the workspace can read it: an `http.<server>/.extraheader` entry in .git/config
// (older versions) or an `includeIf.gitdir:<repo>/.git.path` entry pointing at
// $RUNNER_TEMP/git-credentials-<uuid>.config that holds the header (newer versions), the same in
// every submodule's config. The agent runs commands in this workspace, so before it starts we
// remove all of it; our own pushes carry credentials per command instead (git.ts).

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGit, type Git } from './git.js';

const CHECKOUT_CREDENTIALS_FILE = /git-credentials-[0-9a-f-]+\.config$/i;
const EXTRAHEADER_KEYS = '^http\\..*extraheader$';
const INCLUDE_KEYS = '^include(if\\..*)?\\.path$';
const MAX_SUBMODULE_DEPTH = 4;
const MAX_INCLUDED_FILE_BYTES = 1024 * 1024;

/**
 * Removes every `http.*.extraheader` and every include that brings one in, from the repository's
 * config and its submodules' configs; deletes checkout's credentials files. Returns one line per
 * thing removed, for the log (never the secret itself).
 */
export async function neutralizeCheckoutCredentials(root: string): Promise<string[]> {
  const git = createGit(root);
  const commonDir = path.resolve(root, await git.text(['rev-parse', '--git-common-dir']));
  const configFiles = [
    path.join(commonDir, 'config'),
    ...(await submoduleConfigs(path.join(commonDir, 'modules'), 0)),
  ];
  const removed: string[] = [];
  for (const file of configFiles) {
    removed.push(...(await scrubConfigFile(git, file, root)));
  }
  return removed;
}

async function scrubConfigFile(git: Git, file: string, root: string): Promise<string[]> {
  const removed: string[] = [];
  const where = displayPath(file, root);
  for (const key of await extraheaderKeys(git, file)) {
    await git.run(['config', '--file', file, '--unset-all', key], { okExitCodes: [0, 5] });
    removed.push(`${key} (${where})`);
  }
  for (const { key, value } of await includeEntries(git, file)) {
    const target = resolveIncludePath(value, file);
    const isCheckoutFile = CHECKOUT_CREDENTIALS_FILE.test(value);
    const carriesHeader = !isCheckoutFile && (await fileHasExtraheader(target));
    if (!isCheckoutFile && !carriesHeader) continue;
    await git.run(['config', '--file', file, '--unset-all', key, `^${escapeRegex(value)}$`], {
      okExitCodes: [0, 5],
    });
    removed.push(`${key} → ${value} (${where})`);
    if (isCheckoutFile) {
      // checkout's post-job cleanup tolerates the file being gone.
      if (await exists(target)) {
        await fs.rm(target, { force: true });
        removed.push(`deleted ${target}`);
      }
    } else {
      // Someone else's file: keep it, but take the header out so nothing can read the token.
      for (const k of await extraheaderKeys(git, target)) {
        await git.run(['config', '--file', target, '--unset-all', k], { okExitCodes: [0, 5] });
        removed.push(`${k} (${target})`);
      }
    }
  }
  return removed;
}

async function extraheaderKeys(git: Git, file: string): Promise<string[]> {
  if (!(await exists(file))) return [];
  const res = await git.run(
    ['config', '--file', file, '--name-only', '--get-regexp', EXTRAHEADER_KEYS],
    { okExitCodes: [0, 1] },
  );
  return [...new Set(res.stdout.split('\n').filter(Boolean))];
}

async function includeEntries(git: Git, file: string): Promise<{ key: string; value: string }[]> {
  if (!(await exists(file))) return [];
  const res = await git.run(['config', '--file', file, '-z', '--get-regexp', INCLUDE_KEYS], {
    okExitCodes: [0, 1],
  });
  // -z: each entry is "key\nvalue\0", so keys and values with spaces parse unambiguously.
  return res.stdout
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const nl = entry.indexOf('\n');
      return nl < 0
        ? { key: entry, value: '' }
        : { key: entry.slice(0, nl), value: entry.slice(nl + 1) };
    });
}

function resolveIncludePath(value: string, configFile: string): string {
  if (value.startsWith('~/')) return path.join(os.homedir(), value.slice(2));
  return path.resolve(path.dirname(configFile), value);
}

async function fileHasExtraheader(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_INCLUDED_FILE_BYTES) return false;
    return /extraheader/i.test(await fs.readFile(file, 'utf8'));
  } catch {
    return false;
  }
}

async function submoduleConfigs(modulesDir: string, depth: number): Promise<string[]> {
  if (depth >= MAX_SUBMODULE_DEPTH) return [];
  let entries;
  try {
    entries = await fs.readdir(modulesDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(modulesDir, entry.name);
    if (await exists(path.join(dir, 'config'))) found.push(path.join(dir, 'config'));
    // Nested submodules live in <module>/modules; module names may contain slashes (nested dirs).
    found.push(...(await submoduleConfigs(path.join(dir, 'modules'), depth + 1)));
    if (!(await exists(path.join(dir, 'HEAD')))) {
      found.push(...(await submoduleConfigs(dir, depth + 1)));
    }
  }
  return found;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function displayPath(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
