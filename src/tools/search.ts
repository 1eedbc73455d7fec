// The search tool: `git grep` for a pattern, `git ls-files` for a glob. It runs like the model's
// own commands (sandboxed, as the agent user), because the repository's git config is writable by
// the agent and must never run code with the Action's rights.

import { runCommand, type ExecOptions } from './exec.js';

export const SEARCH_DEFAULT_RESULTS = 100;
export const SEARCH_MAX_RESULTS = 500;
const MAX_LINE_CHARS = 300;
const SEARCH_TIMEOUT_MS = 60_000;

export interface SearchArgs {
  pattern?: string;
  glob?: string;
  max_results?: number;
}

export interface SearchContext {
  root: string;
  runAs?: ExecOptions['runAs'];
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/** Git settings that keep a tampered .git/config from running programs. */
const SAFE_GIT = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'safe.directory=*',
  '-c',
  'core.quotePath=false',
];

export async function searchWorkspace(
  args: SearchArgs,
  context: SearchContext,
): Promise<{ ok: boolean; output: string }> {
  const limit = Math.min(
    SEARCH_MAX_RESULTS,
    Math.max(1, Math.floor(args.max_results ?? SEARCH_DEFAULT_RESULTS)),
  );
  const pathspec = args.glob ? ['--', args.glob] : [];
  const run = (argv: string[]) =>
    runCommand(['git', ...SAFE_GIT, ...argv], {
      cwd: context.root,
      timeoutMs: SEARCH_TIMEOUT_MS,
      maxCaptureBytes: 512 * 1024,
      ...(context.env ? { env: context.env } : {}),
      ...(context.runAs ? { runAs: context.runAs } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });

  const repo = await run(['rev-parse', '--is-inside-work-tree']);
  if (repo.exitCode !== 0) {
    return {
      ok: false,
      output: `search works in a git repository and ${context.root} is not one (${repo.output.trim()}). Use shell with grep or find instead.`,
    };
  }

  if (args.pattern === undefined || args.pattern === '') {
    if (!args.glob)
      return {
        ok: false,
        output:
          'Give a pattern (a regular expression to grep for), a glob (files to list), or both.',
      };
    const listed = await run([
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      ...pathspec,
    ]);
    if (listed.exitCode !== 0)
      return { ok: false, output: `git ls-files failed: ${listed.output.trim()}` };
    const files = [...new Set(splitLines(listed.output))];
    if (files.length === 0) return { ok: true, output: `No files match the glob ${args.glob}.` };
    return { ok: true, output: bounded(files, limit, 'files', listed.totalLines) };
  }

  const grep = await run([
    'grep',
    '-n',
    '-I',
    '-E',
    '--untracked',
    '-e',
    args.pattern,
    ...pathspec,
  ]);
  if (grep.exitCode === 1 && grep.output.trim() === '') {
    return {
      ok: true,
      output: `No matches for /${args.pattern}/${args.glob ? ` in ${args.glob}` : ''}.`,
    };
  }
  if (grep.exitCode !== 0) {
    return {
      ok: false,
      output: `git grep failed (exit ${grep.exitCode ?? grep.signal}): ${grep.output.trim()}\nThe pattern is a POSIX extended regular expression (no \\d or lookarounds; use [0-9]).`,
    };
  }
  const matches = splitLines(grep.output).map((line) =>
    line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (cut)` : line,
  );
  return { ok: true, output: bounded(matches, limit, 'matches', grep.totalLines) };
}

function splitLines(output: string): string[] {
  // The capture may hold an omission marker between head and tail; results come from the head.
  const lines = output.split('\n').filter((line) => line !== '');
  const marker = lines.findIndex((line) => line.startsWith('… omitted '));
  return marker >= 0 ? lines.slice(0, marker) : lines;
}

function bounded(lines: string[], limit: number, what: string, total: number): string {
  const count = Math.max(total, lines.length);
  if (count <= limit) return lines.join('\n');
  return `${lines.slice(0, limit).join('\n')}\n(showing ${limit} of ${count} ${what}; narrow the pattern or glob, or raise max_results up to ${SEARCH_MAX_RESULTS})`;
}
