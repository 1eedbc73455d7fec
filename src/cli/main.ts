// The local CLI: `goal-action run "<objective>" --verify CMD …` and `goal-action demo`.
import { parseArgs } from 'node:util';
import { parseBudget, DEFAULT_BUDGET } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import type { BudgetLimits, GoalState } from '../engine/types.js';
import { DirtyTreeError, NotAGitRepoError } from '../git/workspace.js';
import { createModel } from '../model/index.js';
import { runDemo } from './demo.js';
import { runLocalGoal } from './local-goal.js';

export const USAGE = `goal-action — pursue a goal until your own verifiers prove it

Usage:
  goal-action run "<objective>" --verify "npm test" [--verify CMD]… [options]
  goal-action demo          the whole loop on a sample repo, no API key (replayed model)

Options for run:
  --verify CMD        a verifier command (repeatable); also read from .github/goal.yml
  --budget AMOUNT     e.g. "2M tokens, $5, 2h, 40 iterations" (default ${'2M tokens, $10, 5h, 60 iterations'})
  --model NAME        model name (default gpt-5.1-codex, or $GOAL_ACTION_MODEL)
  --api responses|chat   which OpenAI API (default responses)
  --base-url URL      any OpenAI-compatible endpoint (or $OPENAI_BASE_URL)
  --context-window N  the model's context window in tokens
  --repo DIR          the repository to work on (default: the current directory)
The API key comes from $OPENAI_API_KEY. Work happens on a new branch goal/<slug>; the working tree
must be clean (commit or stash first). Ctrl-C pauses after the current step.
Exit codes: 0 achieved, 1 error or failed, 3 stopped for another reason (blocked, budget, stalled, paused).`;

type Out = { write(s: string): unknown; isTTY?: boolean; columns?: number };

export async function runCli(
  argv: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const [command, ...rest] = argv;
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    err.write('\nPausing after the current step (Ctrl-C again to quit at once)…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    switch (command) {
      case 'demo': {
        const { record } = await runDemo(out, abort.signal);
        return exitCode(record.state);
      }
      case 'run':
        return await run(rest, out, abort.signal);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.write(`${USAGE}\n`);
        return command === undefined ? 1 : 0;
      default:
        err.write(`Unknown command "${command}".\n\n${USAGE}\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DirtyTreeError || e instanceof NotAGitRepoError) {
      err.write(`goal-action: ${e.message}\n`);
      return 1;
    }
    err.write(`goal-action: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function run(argv: string[], out: Out, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      verify: { type: 'string', multiple: true, default: [] },
      budget: { type: 'string' },
      model: { type: 'string' },
      api: { type: 'string', default: 'responses' },
      'base-url': { type: 'string' },
      'context-window': { type: 'string' },
      repo: { type: 'string' },
    },
  });
  const objective = positionals.join(' ').trim();
  if (!objective)
    throw new ConfigError(
      'objective',
      `Give an objective: goal-action run "<objective>" --verify "npm test"\n\n${USAGE}`,
    );
  if (values.api !== 'responses' && values.api !== 'chat')
    throw new ConfigError('api', `--api must be "responses" or "chat", not "${values.api}".`);
  const apiKey = process.env.OPENAI_API_KEY ?? '';
  if (!apiKey)
    throw new ConfigError(
      'OPENAI_API_KEY',
      'Set OPENAI_API_KEY (or try `goal-action demo`, which needs no key).',
    );
  const budget: BudgetLimits = {
    ...DEFAULT_BUDGET,
    ...(values.budget ? parseBudget(values.budget, '--budget') : {}),
  };
  const modelName = values.model ?? process.env.GOAL_ACTION_MODEL ?? 'gpt-5.1-codex';
  const baseURL = values['base-url'] ?? process.env.OPENAI_BASE_URL;
  const contextWindow = values['context-window'] ? Number(values['context-window']) : undefined;
  if (contextWindow !== undefined && !(contextWindow > 1000))
    throw new ConfigError(
      'context-window',
      '--context-window must be a number of tokens, e.g. 200000.',
    );
  // The key is read once; the agent's commands get an allow-listed environment without it.
  delete process.env.OPENAI_API_KEY;
  const record = await runLocalGoal({
    // `npm --prefix <goal-action> run goal-action -- run …` keeps the caller's directory in INIT_CWD.
    root: values.repo ?? process.env.INIT_CWD ?? process.cwd(),
    objective,
    verify: values.verify ?? [],
    budget,
    model: createModel({
      api: values.api,
      apiKey,
      model: modelName,
      ...(baseURL ? { baseURL } : {}),
    }),
    modelName,
    out,
    signal,
    ...(contextWindow ? { contextWindow } : {}),
  });
  return exitCode(record.state);
}

function exitCode(state: GoalState): number {
  if (state === 'achieved') return 0;
  if (state === 'failed') return 1;
  return 3;
}
