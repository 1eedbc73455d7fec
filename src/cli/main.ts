// The local CLI's command line. commander parses it: per-command help, "did you mean" suggestions,
// repeatable and validated options, and errors that name the offending flag; every usage error
// exits 2 with the command's usage and no stack trace. What each command does lives beside it.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseBudget } from '../config/budget.js';
import { ConfigError } from '../config/errors.js';
import { BranchDivergedError } from '../git/errors.js';
import { DirtyTreeError, NotAGitRepoError } from '../git/workspace.js';
import { RecordConflictError } from './file-store.js';
import { configCommand } from './config-command.js';
import { runDemo } from './demo.js';
import { CliError, EXIT } from './errors.js';
import { initCommand } from './init/command.js';
import { baseUrlProblem } from './endpoint-check.js';
import { DEFAULT_MODEL, runCommand, stateExit, type RunOptions } from './run-command.js';
import { VERSION } from './version.js';
import { budgetCommand } from './budget-command.js';
import { MAX_GUIDANCE_CHARS } from './goal-rules.js';
import { resumeCommand, type ResumeOptions } from './resume-command.js';
import { statusCommand } from './status-command.js';

type Out = { write(s: string): unknown; isTTY?: boolean; columns?: number };

const RUN_HELP = `
The objective is the rest of the command line (quote it). Verifiers also come from
.github/goal.yml; at least one is needed.

Environment:
  OPENAI_API_KEY      the API key (required)
  OPENAI_BASE_URL     any OpenAI-compatible endpoint (default https://api.openai.com/v1)
  GOAL_ACTION_MODEL   the model, when --model is not given

Work happens on a new branch goal/<slug>; the working tree must be clean (commit or stash
first). When the run ends you are back on the branch you started from. Ctrl-C pauses after
the current step; a second Ctrl-C quits at once.

The goal is kept in the repository (.git/goal-action/): goal-action status shows it,
goal-action budget raises its budget, goal-action resume continues it with its ledger. The
same objective again continues the goal kept on its branch, or says why it cannot (achieved,
budget still used up, commits on the branch the goal does not know); a goal branch no record
knows is never reused.

Exit codes: 0 achieved · 1 failed or a precondition not met · 2 usage error ·
3 stopped (blocked, budget used, stalled, paused) · 4 the provider's quota is exhausted

Example:
  goal-action run "Make the cart test pass" --verify "npm test" --budget "500k tokens, $2"`;

function budgetArg(value: string) {
  try {
    return parseBudget(value, '--budget');
  } catch (err) {
    if (err instanceof ConfigError)
      throw new InvalidArgumentError(err.message.replace(/^`--budget`:\s*/, ''));
    throw err;
  }
}

function tokensArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 4_000)
    throw new InvalidArgumentError('expected a number of tokens (4000 or more), e.g. 200000.');
  return n;
}

function urlArg(value: string): string {
  const problem = baseUrlProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

const RESUME_HELP = `
Continues the goal of this repository from its last checkpoint, with its ledger, verifiers and
contract as they are (the same as /goal resume on GitHub). Guidance, if given, is added to the
goal's steering (its first ${MAX_GUIDANCE_CHARS} characters, as on GitHub). Which goal: --goal <branch>, else the goal
branch checked out, else the newest goal started from the branch checked out.

Refused, with the reason, while the goal runs in another terminal, once it is achieved or
cleared, while the limit that stopped it is not raised (goal-action budget), or when its branch
holds commits the goal does not know. OPENAI_API_KEY and the model flags are as for run.

Exit codes: as for run.

Example:
  goal-action budget 2M && goal-action resume "The parser lives in src/parse.ts"`;

const BUDGET_HELP = `
The amount is written as for /goal budget on GitHub: 5M (tokens), $20, 6h, 90min,
100 iterations, or several ("5M tokens, $20, 6h"); options work too (--usd 5 --time 2h).
Dimensions not named keep their value; each is capped by max-budget in .github/goal.yml.
Then it says whether goal-action resume can continue the goal. While the goal runs in another
terminal, the running loop takes the new budget from its next step.

Example:
  goal-action budget "4M tokens, $10"`;

const STATUS_HELP = `
Shows the goal of this repository: its state and why, the objective, spending against the
budget, the last verification, the checkpoints, and the command that continues it. Which goal:
--goal <branch>, else the goal branch checked out, else the newest goal started from the branch
checked out.

Exit codes: 0 shown · 1 no goal here, or its record cannot be read · 2 usage error`;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function buildProgram(
  out: Out,
  err: Out,
  signal: AbortSignal,
  setCode: (c: number) => void,
) {
  const program = new Command('goal-action')
    .description('Pursue a goal until your own verifiers prove it.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => out.write(s),
      writeErr: (s) => err.write(s),
      outputError: (s, write) => write(`goal-action: ${s.replace(/^error: /, '')}`),
    })
    .exitOverride();

  const usageHint = (cmd: Command) =>
    `Usage: goal-action ${cmd.name()} ${cmd.usage()}\nRun "goal-action ${cmd.name()} --help" for details.`;
  program.addHelpText(
    'after',
    '\nRun "goal-action <command> --help" for its options and exit codes.\n' +
      'Docs: https://github.com/goal-action/goal-action#local-cli',
  );
  program.showHelpAfterError(
    'Usage: goal-action <command> [options]   (commands: run, status, resume, budget, demo, init, config, help)\nRun "goal-action --help" for details.',
  );

  const run = program
    .command('run')
    .description('pursue an objective on a new goal branch of this repository')
    .argument('<objective...>', 'what to achieve, in words')
    .option('--verify <command>', 'a verifier command (repeatable)', collect)
    .option('--budget <amount>', 'e.g. "2M tokens, $5, 2h, 40 iterations"', budgetArg)
    .option('--model <name>', `model name (default ${DEFAULT_MODEL}, or $GOAL_ACTION_MODEL)`)
    .addOption(
      new Option('--api <api>', 'which OpenAI API')
        .choices(['responses', 'chat'])
        .default('responses'),
    )
    .option('--base-url <url>', 'any OpenAI-compatible endpoint (or $OPENAI_BASE_URL)', urlArg)
    .option('--context-window <tokens>', "the model's context window in tokens", tokensArg)
    .option('--repo <dir>', 'the repository to work on (default: the current directory)')
    .addHelpText('after', RUN_HELP)
    .action(async (words: string[], opts: Partial<RunOptions>) => {
      const objective = words.join(' ').trim();
      if (!objective) throw new CliError('The objective is empty.', EXIT.usage);
      setCode(
        await runCommand(
          objective,
          { ...opts, verify: opts.verify ?? [], api: opts.api ?? 'responses' },
          out,
          signal,
        ),
      );
    });
  run.showHelpAfterError(usageHint(run));

  const status = program
    .command('status')
    .description(
      "show this repository's goal: state, ledger against budget, checkpoints, next step",
    )
    .option('--goal <branch>', 'which goal (its branch), when there are several')
    .option('--repo <dir>', 'the repository (default: the current directory)')
    .addHelpText('after', STATUS_HELP)
    .action(async (opts: { goal?: string; repo?: string }) => {
      setCode(await statusCommand(opts, out));
    });
  status.showHelpAfterError(usageHint(status));

  const resume = program
    .command('resume')
    .description('continue the stored goal from its last checkpoint, its ledger intact')
    .argument('[guidance...]', 'what to do differently, in words (becomes steering)')
    .option('--goal <branch>', 'which goal (its branch), when there are several')
    .option('--model <name>', `model name (default ${DEFAULT_MODEL}, or $GOAL_ACTION_MODEL)`)
    .addOption(
      new Option('--api <api>', 'which OpenAI API')
        .choices(['responses', 'chat'])
        .default('responses'),
    )
    .option('--base-url <url>', 'any OpenAI-compatible endpoint (or $OPENAI_BASE_URL)', urlArg)
    .option('--context-window <tokens>', "the model's context window in tokens", tokensArg)
    .option('--repo <dir>', 'the repository (default: the current directory)')
    .addHelpText('after', RESUME_HELP)
    .action(async (words: string[], opts: Partial<ResumeOptions>) => {
      const guidance = words.join(' ').trim() || undefined;
      setCode(
        await resumeCommand(guidance, { ...opts, api: opts.api ?? 'responses' }, out, signal),
      );
    });
  resume.showHelpAfterError(usageHint(resume));

  const budget = program
    .command('budget')
    .description("set or raise the stored goal's budget, as /goal budget does")
    .argument('<amount...>', 'e.g. 5M, "$20", 6h, "100 iterations", or "5M tokens, $20"')
    .option('--goal <branch>', 'which goal (its branch), when there are several')
    .option('--repo <dir>', 'the repository (default: the current directory)')
    // `/goal budget --usd 5 --time 2h` is valid on GitHub: the same words are valid here.
    .allowUnknownOption()
    .addHelpText('after', BUDGET_HELP)
    .action(async (words: string[], opts: { goal?: string; repo?: string }) => {
      setCode(await budgetCommand(words.join(' '), opts, out));
    });
  budget.showHelpAfterError(usageHint(budget));

  const demo = program
    .command('demo')
    .description('the whole loop on a sample repository, no API key (a replayed model)')
    .action(async () => {
      const { record } = await runDemo(out, signal);
      setCode(stateExit(record.state));
    });
  demo.showHelpAfterError(usageHint(demo));

  const init = program
    .command('init')
    .description('write .github/workflows/goal.yml and .github/goal.yml for this repository')
    .option('--force', 'overwrite files that already exist')
    .option('--repo <dir>', 'the repository (default: the current directory)')
    .action(async (opts: { force?: boolean; repo?: string }) => {
      setCode(await initCommand(opts, out));
    });
  init.showHelpAfterError(usageHint(init));

  const config = program
    .command('config')
    .description('print the merged verifiers and budgets, and where each came from')
    .option('--verify <command>', 'a verifier as `goal-action run --verify` would add', collect)
    .option('--repo <dir>', 'the repository (default: the current directory)')
    .action(async (opts: { verify?: string[]; repo?: string }) => {
      setCode(await configCommand({ ...opts, verify: opts.verify ?? [] }, out));
    });
  config.showHelpAfterError(usageHint(config));

  return program;
}

export async function runCli(
  argv: string[],
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    err.write('\nPausing after the current step (Ctrl-C again to quit at once)…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  let code: number = EXIT.achieved;
  try {
    await buildProgram(out, err, abort.signal, (c) => (code = c)).parseAsync(argv, {
      from: 'user',
    });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT.usage;
    return reportError(e, err);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** One message, no stack trace, for every error the CLI expects; a bug says it is one. */
function reportError(e: unknown, err: Out): number {
  if (e instanceof CliError) {
    err.write(`goal-action: ${e.message}\n`);
    if (e.exitCode === EXIT.usage) err.write('Run "goal-action --help" for usage.\n');
    return e.exitCode;
  }
  if (
    e instanceof ConfigError ||
    e instanceof DirtyTreeError ||
    e instanceof NotAGitRepoError ||
    e instanceof RecordConflictError ||
    e instanceof BranchDivergedError
  ) {
    err.write(`goal-action: ${e.message}\n`);
    return EXIT.error;
  }
  const message = e instanceof Error ? e.message : String(e);
  err.write(`goal-action: unexpected error: ${message}\n`);
  if (process.env.GOAL_ACTION_DEBUG) err.write(`${e instanceof Error ? e.stack : ''}\n`);
  else
    err.write(
      'This is a bug in goal-action. Run again with GOAL_ACTION_DEBUG=1 for the stack trace, and report it at https://github.com/goal-action/goal-action/issues.\n',
    );
  return EXIT.error;
}
