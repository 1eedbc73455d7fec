// `pass-env`: names of job environment variables that agent commands and verifiers receive (a
// `services:` database's DATABASE_URL, DJANGO_SETTINGS_MODULE, …). Nothing passes by default, and
// a named variable is readable by the model, so names that hold the Action's own credentials are
// refused outright rather than handed over by a typo.

/** Enough for any real project; more is a sign of passing everything. */
export const MAX_PASS_ENV = 50;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The Action's credentials and the runner's tokens: never passed to agent commands. */
const REFUSED = [
  /^INPUT_/i,
  /^GITHUB_TOKEN$/i,
  /^GH_TOKEN$/i,
  /^OPENAI_API_KEY$/i,
  /^ACTIONS_RUNTIME_TOKEN$/i,
  /^ACTIONS_ID_TOKEN_REQUEST_(TOKEN|URL)$/i,
  /^ACTIONS_CACHE_URL$/i,
  /^ACTIONS_RESULTS_URL$/i,
];

export type PassEnvResult = { ok: true; names: string[] } | { ok: false; error: string };

/** Parses a newline- or comma-separated list (or a YAML list's items) into unique names. */
export function parsePassEnv(input: string | string[]): PassEnvResult {
  const items = (Array.isArray(input) ? input : [input])
    .flatMap((s) => s.split(/[\n,]/))
    .map((s) => s.trim())
    .filter(Boolean);
  const names: string[] = [];
  for (const name of items) {
    if (!NAME.test(name))
      return {
        ok: false,
        error: `"${name}" is not an environment variable name (letters, digits and _, not starting with a digit).`,
      };
    if (REFUSED.some((r) => r.test(name)))
      return {
        ok: false,
        error: `${name} holds the Action's or the runner's credentials and is never passed to agent commands (the model could read it).`,
      };
    if (!names.includes(name)) names.push(name);
  }
  if (names.length > MAX_PASS_ENV)
    return {
      ok: false,
      error: `names ${names.length} variables; at most ${MAX_PASS_ENV} can be passed.`,
    };
  return { ok: true, names };
}

/** The names from the input and from `.github/goal.yml`, each once, the input's first. */
export function mergePassEnv(input: readonly string[], repo: readonly string[] = []): string[] {
  return [...new Set([...input, ...repo])];
}
