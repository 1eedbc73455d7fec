// `.github/goal.yml`: the repository's own verifiers, budgets and rules, read from the default
// branch. Every mistake is reported with the key path and the form that was expected, because the
// person reading the error is editing that file.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { PriceTable } from '../engine/index.js';
import type { BudgetLimits, VerifierSpec } from '../engine/index.js';
import { parseBudget } from './budget.js';
import { ConfigError } from './errors.js';
import { parsePassEnv } from './pass-env.js';
import { parseDurationSec } from './units.js';
import {
  DEFAULT_VERIFIER_TIMEOUT_SEC,
  nameFromCommand,
  parseMetricTarget,
  splitNamedCommand,
  uniqueNames,
  type NamedSpec,
} from './verifiers.js';

export const GOAL_YML_PATH = '.github/goal.yml';
export const DEFAULT_FLAKE_RERUNS = 2;
export const DEFAULT_STALL_ITERATIONS = 4;

export interface RepoConfig {
  verify: VerifierSpec[];
  budget?: Partial<BudgetLimits>;
  maxBudget?: Partial<BudgetLimits>;
  /** Globs the agent may never write, in addition to the built-in ones (see contract.ts). */
  protectedPaths: string[];
  /** Tamper rule ids the repository allows (e.g. `snapshot-rewritten`). */
  allowedChanges: string[];
  flakeReruns: number;
  stallIterations: number;
  /** Undefined: the `confirm-contract` input decides. */
  confirmContract?: boolean;
  /** The model's context window in tokens; undefined: the engine's default. */
  contextWindow?: number;
  /** USD per 1M tokens, by model. */
  prices: PriceTable;
  /** Contract parts the repository adds to every goal. */
  constraints: string[];
  boundaries: string[];
  iterationPolicy?: string;
  blockedCondition?: string;
  /** Job environment variables agent commands and verifiers receive, added to the input's. */
  passEnv: string[];
}

export const EMPTY_REPO_CONFIG: Readonly<RepoConfig> = Object.freeze({
  verify: [],
  protectedPaths: [],
  allowedChanges: [],
  flakeReruns: DEFAULT_FLAKE_RERUNS,
  stallIterations: DEFAULT_STALL_ITERATIONS,
  prices: {},
  constraints: [],
  boundaries: [],
  passEnv: [],
});

const DURATION = 'expected a duration like 10m, or seconds as a number';

const duration = z.union([z.string(), z.number()], { error: DURATION }).transform((v, ctx) => {
  const sec = typeof v === 'number' ? v : parseDurationSec(v);
  if (sec === undefined || !(sec > 0) || !Number.isFinite(sec)) {
    ctx.addIssue({ code: 'custom', message: DURATION });
    return z.NEVER;
  }
  return sec;
});

/** Wraps a text parser that throws ConfigError, so its message becomes the issue at this path. */
function parsedText<T>(expected: string, parse: (text: string) => T) {
  return z.string({ error: expected }).transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message.replace(/^`[^`]*`:\s*/, '') });
      return z.NEVER;
    }
  });
}

const budget = parsedText('expected a budget like "2M tokens, $5, 3h"', (t) => parseBudget(t));

const pattern = z.string({ error: 'expected a regular expression with one capture group' }).refine(
  (p) => {
    try {
      // Count capture groups: an empty alternative always matches, yielding one slot per group.
      return (new RegExp(`${p}|`).exec('')?.length ?? 1) > 1;
    } catch {
      return false;
    }
  },
  {
    error: 'expected a valid regular expression with one capture group, like "time: ([0-9.]+) ms"',
  },
);

function strict<T extends z.ZodRawShape>(shape: T, expected: string) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')} — expected one of: ${known}`
        : expected,
  });
}

const VERIFIER_KEYS = new Set(['name', 'run', 'timeout', 'required', 'metric']);
/** Keys that are a misremembered `run:`, not a verifier's name: they keep their clear error. */
const NOT_NAMES = new Set(['command', 'cmd', 'script', 'exec', 'shell', 'commands', 'runs']);

/**
 * `- npm test`, `- "lint: npm run lint"` and the unquoted `- lint: npm run lint` (a one-key
 * mapping in YAML) all declare a verifier, as `name: command` does everywhere else.
 */
function verifierEntry(v: unknown): unknown {
  if (typeof v === 'string') {
    const { name, command } = splitNamedCommand(v);
    return name ? { name, run: command } : { run: v };
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v);
    const [key, run] = entries[0] ?? [];
    if (
      entries.length === 1 &&
      key &&
      !VERIFIER_KEYS.has(key) &&
      !NOT_NAMES.has(key) &&
      typeof run === 'string'
    )
      return { name: key, run };
  }
  return v;
}

const verifier = z.preprocess(
  verifierEntry,
  strict(
    {
      name: z
        .string({ error: 'expected a short name' })
        .regex(/^[A-Za-z0-9][\w.-]{0,39}$/, {
          error: 'expected a short name: letters, digits, _ . - (at most 40)',
        })
        .optional(),
      run: z
        .string({ error: 'expected the command to run, e.g. `run: npm test`' })
        .trim()
        .min(1, { error: 'expected the command to run, e.g. `run: npm test`' }),
      timeout: duration.optional(),
      required: z.boolean({ error: 'expected true or false' }).optional(),
      metric: strict(
        {
          pattern,
          target: parsedText('expected a target like "< 120" or "-30%"', (t) =>
            parseMetricTarget(t),
          ),
        },
        "expected `{ pattern: '…([0-9.]+)…', target: '-30%' }`",
      ).optional(),
    },
    'expected a command string, or a mapping with `run:` (and optionally name, timeout, required, metric)',
  ),
);

const stringList = (expected: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: expected })
    .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

const price = strict(
  {
    input: z.number({ error: 'expected USD per 1M input tokens' }).nonnegative(),
    'cached-input': z
      .number({ error: 'expected USD per 1M cached input tokens' })
      .nonnegative()
      .optional(),
    output: z.number({ error: 'expected USD per 1M output tokens' }).nonnegative(),
  },
  'expected `{ input: 1.0, cached-input: 0.1, output: 4.0 }` (USD per 1M tokens)',
);

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .number({ error: `expected ${what}: a whole number from ${min} to ${max}` })
    .int({ error: `expected ${what}: a whole number from ${min} to ${max}` })
    .min(min, { error: `expected ${what}: a whole number from ${min} to ${max}` })
    .max(max, { error: `expected ${what}: a whole number from ${min} to ${max}` });

const schema = strict(
  {
    verify: z.array(verifier, { error: 'expected a list of verifiers' }).optional(),
    budget: budget.optional(),
    'max-budget': budget.optional(),
    'protected-paths': stringList(
      'expected a list of path globs like ".github/workflows/**"',
    ).optional(),
    'allowed-changes': z
      .array(
        z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
          error: 'expected a tamper rule id like snapshot-rewritten',
        }),
        {
          error: 'expected a list of tamper rule ids like [snapshot-rewritten]',
        },
      )
      .optional(),
    'flake-reruns': wholeNumber(0, 10, 'how often a failing verifier is re-run').optional(),
    'stall-iterations': wholeNumber(1, 100, 'idle iterations before a goal stalls').optional(),
    'confirm-contract': z.boolean({ error: 'expected true or false' }).optional(),
    'context-window': wholeNumber(
      4_000,
      10_000_000,
      "the model's context window in tokens",
    ).optional(),
    prices: z
      .record(z.string(), price, { error: 'expected a mapping from model name to prices' })
      .optional(),
    constraints: stringList('expected a list of constraints').optional(),
    boundaries: stringList('expected a list of boundaries').optional(),
    'iteration-policy': z.string({ error: 'expected a sentence' }).optional(),
    'blocked-condition': z.string({ error: 'expected a sentence' }).optional(),
    'pass-env': stringList('expected a list of environment variable names like [DATABASE_URL]')
      .transform((names, ctx) => {
        const parsed = parsePassEnv(names);
        if (parsed.ok) return parsed.names;
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      })
      .optional(),
  },
  'expected a mapping of settings (verify, budget, max-budget, protected-paths, …)',
);

/** Reads `.github/goal.yml`. An empty file is the empty configuration. */
export function parseGoalYml(text: string): RepoConfig {
  const doc = parseDocument(text);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const where = yamlError.linePos?.[0] ? ` (line ${yamlError.linePos[0].line})` : '';
    const what = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(GOAL_YML_PATH, `\`${GOAL_YML_PATH}\` is not valid YAML${where}: ${what}`);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined) return { ...EMPTY_REPO_CONFIG };
  // `verify:` with nothing after it means "none", not a type error.
  const value =
    typeof raw === 'object' && !Array.isArray(raw)
      ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null))
      : raw;
  const result = schema.safeParse(value);
  if (!result.success) {
    // A misspelt key also makes the right key "missing"; the misspelling is the useful message.
    const issues = result.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const path = formatPath(issue.path);
    throw new ConfigError(
      GOAL_YML_PATH,
      `\`${GOAL_YML_PATH}\`: ${path ? `${path}: ` : ''}${issue.message}`,
    );
  }
  const c = result.data;
  return {
    verify: toSpecs(c.verify ?? []),
    ...(c.budget ? { budget: c.budget } : {}),
    ...(c['max-budget'] ? { maxBudget: c['max-budget'] } : {}),
    protectedPaths: c['protected-paths'] ?? [],
    allowedChanges: c['allowed-changes'] ?? [],
    flakeReruns: c['flake-reruns'] ?? DEFAULT_FLAKE_RERUNS,
    stallIterations: c['stall-iterations'] ?? DEFAULT_STALL_ITERATIONS,
    ...(c['confirm-contract'] !== undefined ? { confirmContract: c['confirm-contract'] } : {}),
    ...(c['context-window'] !== undefined ? { contextWindow: c['context-window'] } : {}),
    prices: Object.fromEntries(
      Object.entries(c.prices ?? {}).map(([model, p]) => [
        model,
        // Without a cached price, assume no discount: the USD limit errs on the safe side.
        { input: p.input, cachedInput: p['cached-input'] ?? p.input, output: p.output },
      ]),
    ),
    constraints: c.constraints ?? [],
    boundaries: c.boundaries ?? [],
    ...(c['iteration-policy']?.trim() ? { iterationPolicy: c['iteration-policy'].trim() } : {}),
    ...(c['blocked-condition']?.trim() ? { blockedCondition: c['blocked-condition'].trim() } : {}),
    passEnv: c['pass-env'] ?? [],
  };
}

type VerifierEntry = z.output<typeof verifier>;

function toSpecs(entries: VerifierEntry[]): VerifierSpec[] {
  const named: NamedSpec[] = entries.map((e) => ({
    explicit: e.name !== undefined,
    spec: {
      name: e.name ?? nameFromCommand(e.run),
      command: e.run,
      timeoutSec: e.timeout ?? DEFAULT_VERIFIER_TIMEOUT_SEC,
      kind: e.metric ? 'metric' : 'check',
      required: e.required ?? true,
      ...(e.metric ? { pattern: e.metric.pattern, target: e.metric.target } : {}),
      source: 'config',
    },
  }));
  try {
    return uniqueNames(named, 'verify');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      GOAL_YML_PATH,
      `\`${GOAL_YML_PATH}\`: ${error.message.replace(/^`verify`/, 'verify')}`,
    );
  }
}

/** ['verify', 1, 'timeout'] → `verify[1].timeout`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
