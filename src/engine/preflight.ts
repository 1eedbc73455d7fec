// Before the first model call: a goal needs verifiers, and verifiers that can run. A verifier
// that cannot even start at the baseline (command not found, not executable, a missing npm
// script) would make every later run fail the same way, and the model would be paid to chase a
// configuration mistake it cannot fix. Pure: it reads the baseline results.
import type { StopReason, VerifierResult, VerifierSpec } from './types.js';

const GOAL_YML = '.github/goal.yml';

/** Output lines that mean the command itself could not start, whatever the exit code. */
const CANNOT_START: RegExp[] = [
  /command not found/i,
  /: not found$/im,
  /\bMissing script:?\s*"?[\w:.-]+"?/i,
  /\bERR_PNPM_NO_SCRIPT\b/,
  /^error Command "[^"]+" not found\.?$/im,
  /^\S*python[\d.]*: No module named [\w.]+$/im,
  /\bis not recognized as an internal or external command\b/i,
  /\bspawn \S+ ENOENT\b/,
  /: Permission denied$/im,
];

/** Why a verifier could not start, from its baseline result; undefined when it ran. */
export function cannotStart(result: VerifierResult): string | undefined {
  if (result.passed || result.timedOut) return undefined;
  const output = result.outputTail;
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => CANNOT_START.some((re) => re.test(l)));
  if (result.exitCode === 127) return line ?? 'exit 127: the shell did not find the command';
  if (result.exitCode === 126) return line ?? 'exit 126: the command is not executable';
  return line;
}

export const NO_VERIFIER: StopReason = {
  kind: 'failed',
  error:
    'This goal has no verifier, so nothing could ever prove it achieved; no model call was made',
  cause: 'config',
  action: `Add a verifier — \`verify:\` on the workflow step or in \`${GOAL_YML}\` (one \`name: command\` per line) — then start over with \`/goal clear\` and \`/goal <objective>\`, or give one with \`/goal <objective> --verify "npm test"\` (locally: \`goal-action run … --verify "npm test"\`)`,
};

/** The refusal for a goal whose verifiers cannot run at the baseline, or null when they all can. */
export function unrunnableVerifiers(
  specs: VerifierSpec[],
  baseline: VerifierResult[],
): StopReason | null {
  const broken = specs.flatMap((spec) => {
    const result = baseline.find((r) => r.name === spec.name);
    const why = result ? cannotStart(result) : undefined;
    return why ? [`\`${spec.name}\` (\`${spec.command}\`): ${why.slice(0, 200)}`] : [];
  });
  if (broken.length === 0) return null;
  const one = broken.length === 1;
  return {
    kind: 'failed',
    error: `${one ? 'A verifier' : `${broken.length} verifiers`} could not start at the baseline, before any edit — ${broken.join('; ')}; no model call was made`,
    // Resuming keeps the goal's contract and base, so a fixed command needs a fresh goal.
    cause: 'config',
    action: `Fix ${one ? 'its' : 'their'} command in the \`verify\` input or \`${GOAL_YML}\` (or add the missing script or tool on the default branch), then start over with \`/goal clear\` and \`/goal <objective>\``,
  };
}
