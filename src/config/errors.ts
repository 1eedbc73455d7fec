// The one error type of the configuration layer. `key` names what the user must fix (an Action input
// such as `budget`, or a path in `.github/goal.yml` such as `verify[1].timeout`), so main.ts can say
// exactly where to look.

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
