// The Action's inputs, read once into a frozen, validated object. Nothing else reads inputs. A bad
// value fails here with the input's name and the form it expects, before anything has happened.
import { z } from 'zod';
import type { BudgetLimits, VerifierSpec } from '../engine/index.js';
import { DEFAULT_BUDGET, DEFAULT_MAX_BUDGET, capBudget, parseBudget } from './budget.js';
import { ConfigError } from './errors.js';
import { parsePassEnv } from './pass-env.js';
import { parseVerifierLines } from './verifiers.js';

export { ConfigError } from './errors.js';

export type RunMode = 'auto' | 'route' | 'pursue';

export interface ActionConfig {
  openaiApiKey: string;
  baseUrl?: string;
  model: string;
  api: 'responses' | 'chat';
  githubToken: string;
  verify: VerifierSpec[];
  budget: BudgetLimits;
  maxBudget: BudgetLimits;
  triggerLabel: string;
  allowedBots: string[];
  confirmContract: boolean;
  maxRunMinutes: number;
  /** `auto`, `none`, or a user name. */
  agentUser: string;
  /** `route` handles commands and says whether to run the loop; `pursue` runs it; `auto` does both. */
  mode: RunMode;
  /** The isolation boundary for agent commands (src/sandbox): `strict`, `auto` or `off` (unsafe). */
  sandbox: 'strict' | 'auto' | 'off';
  /** Network for agent commands and verifiers where a network namespace is available. */
  network: 'on' | 'off';
  /**
   * Names of job environment variables that agent commands and verifiers receive (`pass-env`),
   * merged with `.github/goal.yml`'s `pass-env` by the caller. Readable by the model.
   */
  passEnv: string[];
}

/** action.yml's defaults, used when an input is empty (the CLI and tests call without a runner). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  'openai-api-key': '',
  'base-url': '',
  model: 'gpt-5.1-codex',
  api: 'responses',
  verify: '',
  budget: '2M tokens, $10, 5h, 60 iterations',
  'max-budget': '20M tokens, $100, 48h, 500 iterations',
  'trigger-label': 'goal-ready',
  'allowed-bots': '',
  'confirm-contract': 'false',
  'max-run-minutes': '330',
  'agent-user': 'auto',
  mode: 'auto',
  sandbox: 'auto',
  network: 'on',
  'pass-env': '',
});

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

/** A text input whose parser throws ConfigError. */
function parsed<T>(parse: (text: string) => T) {
  return z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof ConfigError) return fail(ctx, error.message);
      throw error;
    }
  });
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return z.string().transform((v, ctx) => {
    const value = v.trim().toLowerCase();
    if ((values as readonly string[]).includes(value)) return value as T;
    return fail(
      ctx,
      `\`${name}\` must be one of ${values.map((x) => `\`${x}\``).join(', ')} (got "${v}").`,
    );
  });
}

function budgetInput(name: string, defaults: BudgetLimits) {
  // Dimensions left out keep their default: every budget stays finite.
  return parsed((text) => ({ ...defaults, ...parseBudget(text, name) }));
}

const schema = z.object({
  'openai-api-key': z.string().transform((v) => v.trim()),
  'base-url': z.string().transform((v, ctx) => {
    const url = v.trim();
    if (!url) return undefined;
    if (!/^https?:\/\/[^\s/]+/i.test(url) || !URL.canParse(url)) {
      return fail(
        ctx,
        `\`base-url\` must be an http(s) URL like \`https://openrouter.ai/api/v1\` (got "${url}").`,
      );
    }
    return url.replace(/\/+$/, '');
  }),
  model: z
    .string()
    .transform(
      (v, ctx) => v.trim() || fail(ctx, '`model` is empty: name a model, e.g. `gpt-5.1-codex`.'),
    ),
  api: oneOf('api', ['responses', 'chat'] as const),
  'github-token': z
    .string()
    .transform(
      (v, ctx) =>
        v.trim() ||
        fail(
          ctx,
          '`github-token` is empty: leave the input out (it defaults to `${{ github.token }}`) or pass a token.',
        ),
    ),
  verify: parsed((text) => parseVerifierLines(text, 'input', 'verify')),
  budget: budgetInput('budget', DEFAULT_BUDGET),
  'max-budget': budgetInput('max-budget', DEFAULT_MAX_BUDGET),
  'trigger-label': z
    .string()
    .transform(
      (v, ctx) =>
        v.trim() ||
        fail(
          ctx,
          '`trigger-label` is empty: name the label that starts a goal, e.g. `goal-ready`.',
        ),
    ),
  'allowed-bots': z.string().transform((v) =>
    v
      .split(/[\s,]+/)
      .map((s) => s.trim().replace(/^@/, ''))
      .filter(Boolean),
  ),
  'confirm-contract': z.string().transform((v, ctx) => {
    const value = v.trim().toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    return fail(ctx, `\`confirm-contract\` must be \`true\` or \`false\` (got "${v}").`);
  }),
  'max-run-minutes': z.string().transform((v, ctx) => {
    const n = Number(v.trim());
    if (/^\d+$/.test(v.trim()) && n > 0 && Number.isSafeInteger(n)) return n;
    return fail(
      ctx,
      `\`max-run-minutes\` must be a whole number of minutes above zero, e.g. \`330\` (got "${v}").`,
    );
  }),
  'agent-user': z.string().transform((v, ctx) => {
    const value = v.trim();
    if (/^[a-z_][a-z0-9_-]{0,31}$/.test(value)) return value;
    return fail(
      ctx,
      `\`agent-user\` must be \`auto\`, \`none\` or a Unix user name like \`goal-agent\` (got "${v}").`,
    );
  }),
  mode: oneOf('mode', ['auto', 'route', 'pursue'] as const),
  sandbox: oneOf('sandbox', ['strict', 'auto', 'off'] as const),
  network: oneOf('network', ['on', 'off'] as const),
  'pass-env': z.string().transform((v, ctx) => {
    const parsed = parsePassEnv(v);
    if (parsed.ok) return parsed.names;
    return fail(
      ctx,
      `\`pass-env\` ${parsed.error} Write one variable name per line (or comma-separated), e.g. \`DATABASE_URL\`.`,
    );
  }),
});

type InputName = keyof z.input<typeof schema>;

/**
 * Reads and validates every input once. `getInput` returns '' for an input that is not set (as
 * @actions/core does); an empty input takes action.yml's default.
 */
export function readInputs(getInput: (name: string) => string): Readonly<ActionConfig> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape) as InputName[]) {
    const value = getInput(name) ?? '';
    raw[name] = value.trim() === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? 'inputs');
    throw new ConfigError(
      key,
      `Input ${issue.message.startsWith('`') ? '' : `\`${key}\`: `}${issue.message}`,
    );
  }
  const i = result.data;
  const config: ActionConfig = {
    openaiApiKey: i['openai-api-key'],
    ...(i['base-url'] ? { baseUrl: i['base-url'] } : {}),
    model: i.model,
    api: i.api,
    githubToken: i['github-token'],
    verify: i.verify,
    // The default budget never exceeds the ceiling.
    budget: capBudget(i.budget, i['max-budget']).budget,
    maxBudget: i['max-budget'],
    triggerLabel: i['trigger-label'],
    allowedBots: i['allowed-bots'],
    confirmContract: i['confirm-contract'],
    maxRunMinutes: i['max-run-minutes'],
    agentUser: i['agent-user'],
    mode: i.mode,
    sandbox: i.sandbox,
    network: i.network,
    passEnv: i['pass-env'],
  };
  return deepFreeze(config);
}

/** The API key, or a ConfigError that says how to provide it. Call only where the model is needed. */
export function requireApiKey(cfg: Pick<ActionConfig, 'openaiApiKey'>): string {
  if (cfg.openaiApiKey) return cfg.openaiApiKey;
  throw new ConfigError(
    'openai-api-key',
    "This command needs the model, but no API key was given: store the key as a repository secret and add `openai-api-key: ${{ secrets.OPENAI_API_KEY }}` to the step's `with:`. (For an endpoint without keys, any placeholder works.)",
  );
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
