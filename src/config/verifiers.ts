// Verifier declarations from text: the `verify` input (one per line) and metric targets. Names are
// what the status table shows, so every verifier gets a short, unique one.
import type { MetricTarget, VerifierSpec } from '../engine/index.js';
import { ConfigError } from './errors.js';

export const DEFAULT_VERIFIER_TIMEOUT_SEC = 600;

/** `name: command` — a name is one word (letters, digits, `_ . -`) followed by a colon and a space. */
const NAMED_LINE = /^([A-Za-z0-9][\w.-]{0,39}):\s+(\S.*)$/;

/** `lint: npm run lint` → name and command; a bare command has no name. */
export function splitNamedCommand(text: string): { name?: string; command: string } {
  const line = text.trim();
  const named = NAMED_LINE.exec(line);
  // `http://…`-like text is a command, not a name: a name is followed by a space.
  return named ? { name: named[1]!, command: named[2]!.trim() } : { command: line };
}

/** A verifier from one `name: command` or `command` text (`--verify`, issue forms). */
export function namedCheckSpec(text: string, source: VerifierSpec['source']): VerifierSpec {
  const { name, command } = splitNamedCommand(text);
  return checkSpec(command, source, name);
}

/**
 * One verifier per line: `name: command` or just `command`. Blank lines and `#` comments are
 * skipped; a leading `- ` (YAML list habit) is dropped.
 */
export function parseVerifierLines(
  text: string,
  source: VerifierSpec['source'],
  key = 'verify',
): VerifierSpec[] {
  const specs: NamedSpec[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim().replace(/^-\s+/, '');
    if (!line || line.startsWith('#')) return;
    const { name, command } = splitNamedCommand(line);
    if (!command) {
      throw new ConfigError(key, `\`${key}\` line ${index + 1}: "${raw.trim()}" has no command.`);
    }
    specs.push({ spec: checkSpec(command, source, name), explicit: name !== undefined });
  });
  return uniqueNames(specs, key);
}

export function checkSpec(
  command: string,
  source: VerifierSpec['source'],
  name?: string,
  timeoutSec = DEFAULT_VERIFIER_TIMEOUT_SEC,
): VerifierSpec {
  return {
    name: name ?? nameFromCommand(command),
    command,
    timeoutSec,
    kind: 'check',
    required: true,
    source,
  };
}

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * A short name for a command: the script of `npm run lint` / `npm test` (`lint`, `test`), otherwise
 * up to two leading words with paths reduced to their base name (`go test ./...` → `go-test`,
 * `node bench.js` → `node-bench`).
 */
export function nameFromCommand(command: string): string {
  const words = command
    .split(/\s+/)
    .filter((w) => w && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) // leading FOO=bar assignments
    .filter((w, i) => !(i === 0 && (w === 'npx' || w === 'sudo')));
  const [first, second, third] = words;
  if (first && PACKAGE_MANAGERS.has(first)) {
    if (second === 'run' && third) return slug(third) || 'verify';
    if (second && !second.startsWith('-')) return slug(second) || 'verify';
  }
  const picked: string[] = [];
  for (const word of words) {
    if (picked.length === 2 || word.startsWith('-') || /^(&&|\|\|?|;|>|<)/.test(word)) break;
    const base = slug(word.replace(/^.*\//, '').replace(/\.[A-Za-z0-9]+$/, ''));
    if (base) picked.push(base);
  }
  return picked.join('-').slice(0, 40) || 'verify';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export interface NamedSpec {
  spec: VerifierSpec;
  /** The user wrote the name (rather than it being derived from the command). */
  explicit: boolean;
}

/** Derived names get `-2`, `-3`; two verifiers the user named alike are an error. */
export function uniqueNames(specs: NamedSpec[], key: string): VerifierSpec[] {
  const explicit = new Set<string>();
  const taken = new Set<string>();
  // Explicit names keep their name even when a derived one came first.
  for (const { spec, explicit: isExplicit } of specs) {
    if (!isExplicit) continue;
    if (explicit.has(spec.name)) {
      throw new ConfigError(
        key,
        `\`${key}\`: two verifiers are named "${spec.name}"; give each a different name (\`name: command\`).`,
      );
    }
    explicit.add(spec.name);
  }
  for (const name of explicit) taken.add(name);
  return specs.map(({ spec, explicit: isExplicit }) => {
    if (isExplicit) return spec;
    const name = uniqueName(spec.name, taken);
    taken.add(name);
    return { ...spec, name };
  });
}

export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; n < 10_000; n++) {
    if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
  }
  throw new Error(`too many verifiers named ${name}`);
}

const ABSOLUTE = /^(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?|-?\.\d+)$/;
const RELATIVE = /^([+-])\s*(\d+(?:\.\d+)?|\.\d+)\s*%$/;

/**
 * `< 120`, `<= 1.5`, `>= 0.9`, `== 0` (absolute) or `-30%`, `+10%` (relative to the baseline value).
 * A percentage needs its sign: it says whether the metric must fall or rise.
 */
export function parseMetricTarget(text: string, key = 'metric.target'): MetricTarget {
  const s = text.trim();
  const absolute = ABSOLUTE.exec(s);
  if (absolute) {
    return {
      kind: 'absolute',
      op: absolute[1] as '<' | '<=' | '>' | '>=' | '==',
      value: Number(absolute[2]),
    };
  }
  const relative = RELATIVE.exec(s);
  if (relative) {
    const percent = Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
    if (percent === 0 || percent <= -100) {
      throw new ConfigError(
        key,
        `\`${key}\`: "${s}" — a relative target lies between -100% and 0%, or above 0%.`,
      );
    }
    return { kind: 'relative', percent };
  }
  const hint =
    /^\d/.test(s) && s.endsWith('%')
      ? ` (write \`-${s}\` to lower it or \`+${s}\` to raise it)`
      : '';
  throw new ConfigError(
    key,
    `\`${key}\`: "${s}" is not a target${hint} — expected \`< 120\`, \`<= 1.5\`, \`>= 0.9\`, \`-30%\` or \`+10%\`.`,
  );
}
