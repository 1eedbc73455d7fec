// The CLI's exit codes and its one error type. Every failure the CLI expects is a CliError with a
// message that says what was found and what to type next; only a bug reaches the user as a stack
// trace (and only with GOAL_ACTION_DEBUG=1).

export const EXIT = {
  /** Every verifier passes. */
  achieved: 0,
  /** The goal failed, or a precondition was not met (not a repository, dirty tree, no key, …). */
  error: 1,
  /** The command line was wrong: unknown command or flag, missing or bad value. */
  usage: 2,
  /** Stopped for another reason: blocked, budget used, stalled, paused. */
  stopped: 3,
  /** The model provider refused for lack of quota or credit: nothing this tool can change. */
  quota: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage mistake found after parsing (e.g. no verifier anywhere): exit 2 with a hint. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
