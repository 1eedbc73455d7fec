// Runs a built JavaScript action (dist/index.js) the way the GitHub Actions runner does, so
// end-to-end tests exercise the real entry point: a clean environment built from scratch, INPUT_*
// variables with action.yml defaults, an event payload file, file commands (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH), workflow commands on stdout, and
// the runner's cancellation: SIGINT, SIGTERM after 7.5 s, then the process tree is killed 2.5 s later.
// The process handling (action-process.ts), makeCheckout (checkout.ts) and the command parsers
// (workflow-commands.ts) live beside it and are re-exported here.

import { existsSync } from 'node:fs';
import { chown, lchown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { spawnAction } from './action-process.js';
import { git } from './checkout.js';
import { parseFileCommand, parseWorkflowCommands, type Annotation } from './workflow-commands.js';

export { ActionTimeoutError } from './action-process.js';
export { makeCheckout, type CheckoutOptions } from './checkout.js';
export {
  parseFileCommand,
  parseWorkflowCommands,
  type Annotation,
  type AnnotationLevel,
} from './workflow-commands.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node used to run the action: the project's Node 24 (node_modules/.bin/node), as `runs.using: node24`. */
export const ACTION_NODE: string = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');

export interface RunActionOptions {
  /** Path of the action entry to run with node (default: <repo>/dist/index.js). */
  entry?: string;
  /** action.yml whose inputs are declared and defaulted (default: <repo>/action.yml). */
  actionYml?: string;
  /** Inputs by their action.yml names; undeclared names are rejected (a typo would pass silently). */
  inputs?: Record<string, string>;
  /** Value of `${{ github.token }}` in input defaults. */
  githubToken?: string;
  eventName: string;
  /** Written to a temp file whose path is GITHUB_EVENT_PATH. */
  event: unknown;
  /** GITHUB_WORKSPACE and the working directory; GITHUB_SHA/GITHUB_REF come from its HEAD. */
  workspace: string;
  /** owner/repo */
  repository: string;
  /** GITHUB_API_URL; GITHUB_SERVER_URL and GITHUB_GRAPHQL_URL are derived from it unless given. */
  apiUrl: string;
  serverUrl?: string;
  sha?: string;
  ref?: string;
  runId?: string;
  runAttempt?: number;
  runNumber?: number;
  actor?: string;
  triggeringActor?: string;
  /** HOME of the action (default: a fresh temp dir, as clean as a new runner's). */
  home?: string;
  /** Extra variables, applied last (they may override anything above, PATH included). */
  env?: Record<string, string>;
  /** Cancel like the runner once this is true of stdout so far: SIGINT, then SIGTERM after graceMs. */
  cancelWhen?: (stdoutSoFar: string) => boolean;
  /** Default 7500, like the runner. */
  graceMs?: number;
  /** After SIGTERM, how long until the process group is SIGKILLed. Default 2500, like the runner. */
  killAfterMs?: number;
  /** elapsedMs reports when this first became true of stdout. */
  firstMatch?: (stdoutSoFar: string) => boolean;
  /** Hard bound for the whole run (default 120_000): SIGKILL and reject with ActionTimeoutError. */
  timeoutMs?: number;
  /** Run the action as this (normal) user, as hosted runners run it as `runner`; the test is root. */
  user?: { uid: number; gid: number };
  /** Each chunk of stdout as it arrives, with ms since the spawn. */
  onOutput?: (chunk: string, ms: number) => void;
}

export interface ActionRunResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Parsed from GITHUB_OUTPUT (both `k=v` and heredoc `k<<DELIM` forms). */
  outputs: Record<string, string>;
  /** Parsed from GITHUB_STATE (what a post step would see) and GITHUB_ENV (later steps' env). */
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  /** GITHUB_STEP_SUMMARY content. */
  summary: string;
  annotations: Annotation[];
  /** Values registered with ::add-mask:: (the runner would redact them from the log). */
  masks: string[];
  /** As the runner judges the step: a non-zero exit, death by signal, or a malformed file command. */
  failed: boolean;
  /** Whether cancelWhen fired and SIGINT was sent. */
  cancelled: boolean;
  /** Ms from spawn to firstMatch's first match when given (-1 if it never matched), else to exit. */
  elapsedMs: number;
  /** Ms from spawn to exit. */
  durationMs: number;
}

/** The runner's INPUT_ name: upper-cased, spaces to underscores, hyphens kept (INPUT_OPENAI-API-KEY). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

type DeclaredInputs = Record<string, { default?: unknown } | null>;

/** The inputs an action.yml declares; an invalid file fails as it would on the runner. */
export async function readActionInputs(ymlPath: string): Promise<DeclaredInputs> {
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(ymlPath, 'utf8'));
  } catch (err) {
    throw new Error(
      `${ymlPath} is not valid YAML, so the runner could not load the action: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return (doc as { inputs?: DeclaredInputs } | null)?.inputs ?? {};
}

async function resolveInputs(opts: RunActionOptions): Promise<Record<string, string>> {
  const ymlPath = opts.actionYml ?? path.join(REPO_ROOT, 'action.yml');
  const declared = await readActionInputs(ymlPath);
  const names = Object.keys(declared);
  const given = opts.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase()))
      throw new Error(
        `runAction: input "${name}" is not declared in ${ymlPath} (declared: ${names.join(', ')}).`,
      );
  }
  const env: Record<string, string> = {};
  for (const name of names) {
    const explicit = Object.entries(given).find(([k]) => k.toLowerCase() === name.toLowerCase());
    env[inputEnvName(name)] = explicit
      ? explicit[1]
      : evaluateDefault(name, declared[name]?.default, opts);
  }
  return env;
}

function evaluateDefault(name: string, value: unknown, opts: RunActionOptions): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    if (expr === 'github.token' || expr === 'secrets.GITHUB_TOKEN')
      return opts.githubToken ?? 'ghs_runner-test-token';
    throw new Error(
      `runAction: the default of input "${name}" uses \${{ ${expr} }}, which this harness cannot evaluate.`,
    );
  });
}

/** GITHUB_SHA and GITHUB_REF as the runner would have them for the checked-out workspace. */
async function workspaceRef(workspace: string): Promise<{ sha?: string; ref?: string }> {
  if (!existsSync(path.join(workspace, '.git'))) return {};
  const sha = await git(workspace, ['rev-parse', 'HEAD']);
  const branch = await git(workspace, ['symbolic-ref', '-q', 'HEAD']).catch(() => '');
  if (branch) return { sha, ref: branch };
  const remoteRefs = (
    await git(workspace, [
      'for-each-ref',
      '--points-at',
      'HEAD',
      '--format=%(refname)',
      'refs/remotes',
    ])
  ).split('\n');
  const pull = remoteRefs.find((r) => r.startsWith('refs/remotes/pull/'));
  return { sha, ref: pull ? pull.replace('refs/remotes/', 'refs/') : undefined };
}

function serverUrls(opts: RunActionOptions): { server: string; graphql: string } {
  const api = opts.apiUrl.replace(/\/+$/, '');
  // GitHub Enterprise Server: <server>/api/v3 and <server>/api/graphql; github.com style otherwise.
  if (api.endsWith('/api/v3')) {
    const server = opts.serverUrl ?? api.slice(0, -'/api/v3'.length);
    return { server, graphql: `${api.slice(0, -'/v3'.length)}/graphql` };
  }
  return { server: opts.serverUrl ?? new URL(api).origin, graphql: `${api}/graphql` };
}

async function chownTree(dir: string, user: { uid: number; gid: number }): Promise<void> {
  await chown(dir, user.uid, user.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, user);
    else await lchown(child, user.uid, user.gid);
  }
}

/** Runs the action once and reports what the runner would have seen. */
export async function runAction(opts: RunActionOptions): Promise<ActionRunResult> {
  const entry = opts.entry ?? path.join(REPO_ROOT, 'dist', 'index.js');
  if (!existsSync(entry))
    throw new Error(`runAction: ${entry} does not exist; build the action first (npm run build).`);
  if (!existsSync(ACTION_NODE))
    throw new Error(`runAction: ${ACTION_NODE} is missing; run npm ci to install Node 24.`);
  const inputs = await resolveInputs(opts);
  const head = await workspaceRef(opts.workspace);
  // The runner's user owns the checkout it made (after the refs are read: root's git would refuse).
  if (opts.user) await chownTree(opts.workspace, opts.user);
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'action-run-'));
  try {
    const dirs = {
      temp: path.join(runDir, '_temp'),
      tools: path.join(runDir, '_tool'),
      home: path.join(runDir, 'home'),
    };
    const commands = path.join(dirs.temp, '_runner_file_commands');
    for (const d of [dirs.tools, dirs.home, commands, path.join(dirs.temp, '_github_workflow')])
      await mkdir(d, { recursive: true });
    const files = {
      OUTPUT: 'set_output',
      STEP_SUMMARY: 'step_summary',
      STATE: 'save_state',
      ENV: 'set_env',
      PATH: 'add_path',
    };
    const filePaths = Object.fromEntries(
      Object.entries(files).map(([k, f]) => [k, path.join(commands, `${f}_${runDir.slice(-6)}`)]),
    );
    for (const f of Object.values(filePaths)) await writeFile(f, '');
    const eventPath = path.join(dirs.temp, '_github_workflow', 'event.json');
    await writeFile(eventPath, JSON.stringify(opts.event, null, 2));
    // As on a hosted runner, the runner's user owns its temp, tool and home directories.
    if (opts.user) await chownTree(runDir, opts.user);

    const { server, graphql } = serverUrls(opts);
    const sha = opts.sha ?? head.sha;
    const ref = opts.ref ?? head.ref;
    const actor = opts.actor ?? 'octocat';
    const env: Record<string, string | undefined> = {
      // The runner's PATH has no node_modules/.bin: the action must not rely on the test's tools.
      PATH: (process.env.PATH ?? '/usr/bin:/bin')
        .split(':')
        .filter((p) => !p.includes('node_modules'))
        .join(':'),
      HOME: opts.home ?? dirs.home,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: opts.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_REPOSITORY: opts.repository,
      GITHUB_REPOSITORY_OWNER: opts.repository.split('/')[0],
      GITHUB_SHA: sha,
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref?.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: ref?.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_RUN_ID: opts.runId ?? '4242',
      GITHUB_RUN_ATTEMPT: String(opts.runAttempt ?? 1),
      GITHUB_RUN_NUMBER: String(opts.runNumber ?? 1),
      GITHUB_ACTOR: actor,
      GITHUB_TRIGGERING_ACTOR: opts.triggeringActor ?? actor,
      GITHUB_JOB: 'goal',
      GITHUB_WORKFLOW: 'goal',
      GITHUB_WORKFLOW_REF: `${opts.repository}/.github/workflows/goal.yml@${ref ?? 'refs/heads/main'}`,
      GITHUB_ACTION: '__self',
      GITHUB_ACTION_PATH: path.dirname(opts.actionYml ?? path.join(REPO_ROOT, 'action.yml')),
      GITHUB_API_URL: opts.apiUrl,
      GITHUB_SERVER_URL: server,
      GITHUB_GRAPHQL_URL: graphql,
      GITHUB_RETENTION_DAYS: '90',
      ...Object.fromEntries(Object.entries(filePaths).map(([k, f]) => [`GITHUB_${k}`, f])),
      RUNNER_TEMP: dirs.temp,
      RUNNER_TOOL_CACHE: dirs.tools,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'test-runner',
      RUNNER_ENVIRONMENT: 'github-hosted',
      ...inputs,
      ...opts.env,
    };
    const cleanEnv = Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const run = await spawnAction(ACTION_NODE, entry, opts, cleanEnv);

    const fileErrors: string[] = [];
    const readCommands = async (key: string, name: string) => {
      try {
        return parseFileCommand(await readFile(filePaths[key]!, 'utf8'));
      } catch (err) {
        fileErrors.push(
          `Unable to process file command '${name}' successfully: ${(err as Error).message}`,
        );
        return {};
      }
    };
    const outputs = await readCommands('OUTPUT', 'output');
    const state = await readCommands('STATE', 'save-state');
    const exportedEnv = await readCommands('ENV', 'env');
    const workflow = parseWorkflowCommands(run.stdout);
    return {
      ...run,
      outputs,
      state,
      exportedEnv,
      summary: await readFile(filePaths.STEP_SUMMARY!, 'utf8'),
      annotations: [
        ...workflow.annotations,
        ...fileErrors.map((message) => ({ level: 'error' as const, message })),
      ],
      masks: workflow.masks,
      failed: run.exitCode !== 0 || fileErrors.length > 0,
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}
