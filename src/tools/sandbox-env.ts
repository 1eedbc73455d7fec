// The environment agent commands (tools and verifiers) get: an allow-list, so a variable the runner
// adds tomorrow is absent by default, and a deny-list on top that catches credentials whose names
// happen to match an allowed prefix (NODE_AUTH_TOKEN, npm_config__authToken, …).

/** Exact names passed through. */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'USER',
  'LOGNAME',
  'SHELL',
  'CI',
  'GOPATH',
  'GOROOT',
  'GOCACHE',
  'GOMODCACHE',
  'GOFLAGS',
  'GOTOOLCHAIN',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'JAVA_HOME',
  'ANDROID_HOME',
  'ANDROID_SDK_ROOT',
  'PYTHONPATH',
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'PIP_CACHE_DIR',
  'VIRTUAL_ENV',
  'CONDA',
  'DOTNET_ROOT',
  'DOTNET_CLI_TELEMETRY_OPTOUT',
  'DOTNET_NOLOGO',
  'GEM_HOME',
  'GEM_PATH',
  'BUNDLE_PATH',
  'PNPM_HOME',
  'YARN_CACHE_FOLDER',
  'DENO_DIR',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'FORCE_COLOR',
  'NO_COLOR',
  'COLUMNS',
  'LINES',
  'ImageOS',
  'ImageVersion',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_TOOL_CACHE',
]);

/** Prefixes passed through, subject to the deny-list below. */
const ALLOWED_PREFIXES = ['LC_', 'NODE_', 'npm_config_', 'NPM_CONFIG_', 'JAVA_HOME_', 'GOROOT_'];

/** Never passed, whatever the allow-list says. */
const DENIED = [
  /^INPUT_/i,
  /^GITHUB_TOKEN$/i,
  /^ACTIONS_/i,
  /^OPENAI_/i,
  /TOKEN/i,
  /_KEY$/i,
  /^KEY$/i,
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /CREDENTIAL/i,
  /_AUTH/i,
  /^AUTH/i,
  /COOKIE/i,
  /SESSION/i,
];

/** The allow-listed environment for agent commands. Secrets never pass, whatever their prefix. */
export function sandboxEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const allowed =
      ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix));
    if (!allowed || DENIED.some((pattern) => pattern.test(name))) continue;
    // NODE_OPTIONS can preload code (`--require`) or point at files the Action controls; the
    // agent's own commands set what they need.
    if (name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  env.PATH ??= '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  env.CI ??= 'true';
  return env;
}
