// The goal contract (PRODUCT.md §3): outcome, verification, constraints, boundaries, iteration
// policy, blocked condition. Parts come from the /goal text, the issue's sections, the repository's
// `.github/goal.yml` and the Action's inputs; gaps get defaults. Commands found in issue text are
// never run unless they name a verifier the repository configured.
import type { GoalContract, VerifierSpec } from '../engine/index.js';
import { sanitizeUntrusted } from '../trigger/sanitize.js';
import { EMPTY_REPO_CONFIG, GOAL_YML_PATH, type RepoConfig } from './goal-yml.js';
import { parseIssueSections, splitItems, verificationCandidates } from './issue-sections.js';
import { namedCheckSpec, splitNamedCommand, uniqueName } from './verifiers.js';

/** Never written by the agent, whatever the repository adds. */
export const DEFAULT_PROTECTED_PATHS = [
  '.github/workflows/**',
  '.github/actions/**',
  GOAL_YML_PATH,
];

export const DEFAULT_ITERATION_POLICY =
  'Make the smallest change that makes the next failing verifier pass; re-run the verifiers; never weaken tests.';
export const DEFAULT_BLOCKED_CONDITION =
  'A required verifier cannot pass without information, access or a decision only a maintainer has.';
export const DEFAULT_CONSTRAINTS = [
  'Verifiers that pass at the start keep passing.',
  'Tests and verifiers are not weakened, skipped or deleted to make them pass.',
];
export const DEFAULT_BOUNDARIES = [
  "Change only files in this repository's working tree, and only what the outcome needs.",
];

/** The outcome is part of every prompt; an issue body longer than this is cut. */
const MAX_OUTCOME_CHARS = 12_000;
/**
 * Every other part taken from the issue (constraints, boundaries, iteration policy, blocked
 * condition, verification text) is capped here, where it enters, with a notice: the record keeps
 * what it was given whole, and nothing is cut later on the way into a comment.
 */
export const MAX_ISSUE_PART_CHARS = 4_000;

function capPart(text: string | undefined, name: string, shortened: string[]): string | undefined {
  if (text === undefined || text.length <= MAX_ISSUE_PART_CHARS) return text;
  shortened.push(
    `✂️ The issue's ${name} section was ${text.length.toLocaleString('en-US')} characters long; it was shortened to its first ${MAX_ISSUE_PART_CHARS.toLocaleString('en-US')} characters.`,
  );
  return text.slice(0, MAX_ISSUE_PART_CHARS);
}

export interface ContractInput {
  /** The /goal text. Empty for a labelled issue: its title and sections become the outcome. */
  objective: string;
  issueBody?: string;
  issueTitle?: string;
  /** The text's author is a verified writer (a /goal comment), vs an issue body written by anyone. */
  trustedVerify: boolean;
  /** `--verify` commands from the /goal command; run only when `trustedVerify`. */
  commandVerify: string[];
  /** Verifiers from the `verify` input. */
  inputVerify: VerifierSpec[];
  repo: RepoConfig | null;
}

/**
 * The contract, with `notes` for the goal's log and `shortened`: one sentence per text that was
 * cut to its cap, for the reply to the person who started the goal.
 */
export function buildContract(p: ContractInput): {
  contract: GoalContract;
  notes: string[];
  shortened: string[];
} {
  const notes: string[] = [];
  const shortened: string[] = [];
  const repo = p.repo ?? EMPTY_REPO_CONFIG;
  const issue = parseIssueSections(sanitizeUntrusted(p.issueBody ?? ''));
  const section = {
    ...issue.parts,
    constraints: capPart(issue.parts.constraints, 'Constraints', shortened),
    boundaries: capPart(issue.parts.boundaries, 'Boundaries', shortened),
    iterationPolicy: capPart(issue.parts.iterationPolicy, 'Iteration policy', shortened),
    blockedCondition: capPart(issue.parts.blockedCondition, 'Blocked condition', shortened),
    verification: capPart(issue.parts.verification, 'Verification', shortened),
  };

  let outcome = sanitizeUntrusted(p.objective).trim();
  if (!outcome) {
    const title = sanitizeUntrusted(p.issueTitle ?? '').trim();
    outcome = [title, section.outcome, issue.context].filter(Boolean).join('\n\n');
  }
  if (outcome.length > MAX_OUTCOME_CHARS) {
    outcome = `${outcome.slice(0, MAX_OUTCOME_CHARS)}\n… (cut: the issue text is longer than ${MAX_OUTCOME_CHARS} characters)`;
    const cut = `The outcome was cut to ${MAX_OUTCOME_CHARS} characters; state it more briefly with \`/goal edit\`.`;
    notes.push(cut);
    shortened.push(`✂️ ${cut}`);
  }

  const verification = new VerifierSet(notes);
  for (const spec of repo.verify) verification.addTrusted(spec);
  for (const spec of p.inputVerify) verification.addTrusted(spec);
  const untrusted: string[] = [];
  for (const command of p.commandVerify.map((c) => c.trim()).filter(Boolean)) {
    if (p.trustedVerify) verification.addTrusted(namedCheckSpec(command, 'command'));
    else untrusted.push(command);
  }
  const fromIssue = verificationCandidates(section.verification ?? '');
  untrusted.push(...fromIssue.commands);
  const verificationNotes: string[] = [];
  for (const command of untrusted) {
    if (verification.matches(command)) continue; // it names a configured verifier: selected
    if (verification.addIssue(command)) {
      verificationNotes.push(command);
      notes.push(
        `Not executed: \`${command}\` came from issue text and matches no configured verifier. To run it, add it to \`verify:\` in the workflow or \`${GOAL_YML_PATH}\`.`,
      );
    }
  }
  verificationNotes.push(...fromIssue.prose);
  if (!verification.specs.some((s) => s.source !== 'issue')) {
    notes.push(
      `This goal has no verifier, so it can never be achieved: "achieved" needs verifiers that pass. Add \`verify:\` to the workflow step (one command per line) or to \`${GOAL_YML_PATH}\`, or start the goal with \`/goal … --verify "npm test"\`.`,
    );
  }

  const contract: GoalContract = {
    outcome,
    verification: verification.specs,
    verificationNotes,
    constraints: unique([
      ...DEFAULT_CONSTRAINTS,
      ...repo.constraints,
      ...splitItems(section.constraints ?? ''),
    ]),
    boundaries: unique([
      ...(repo.boundaries.length || section.boundaries ? [] : DEFAULT_BOUNDARIES),
      ...repo.boundaries,
      ...splitItems(section.boundaries ?? ''),
    ]),
    protectedPaths: unique([...DEFAULT_PROTECTED_PATHS, ...repo.protectedPaths]),
    iterationPolicy: section.iterationPolicy || repo.iterationPolicy || DEFAULT_ITERATION_POLICY,
    blockedCondition:
      section.blockedCondition || repo.blockedCondition || DEFAULT_BLOCKED_CONDITION,
    steering: [],
    allowedChanges: [...repo.allowedChanges],
  };
  return { contract, notes, shortened };
}

function normalCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ').replace(/;$/, '');
}

/** Verifiers in order of declaration, one per command, with unique names. */
class VerifierSet {
  readonly specs: VerifierSpec[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly notes: string[]) {}

  /** True when `text` is the command or the name of a verifier that will run. */
  matches(text: string): boolean {
    const named = splitNamedCommand(text);
    const command = normalCommand(named.command);
    return this.specs.some(
      (s) =>
        s.source !== 'issue' &&
        (normalCommand(s.command) === command ||
          s.name === command ||
          (named.name !== undefined && s.name === named.name)),
    );
  }

  addTrusted(spec: VerifierSpec): void {
    if (this.specs.some((s) => normalCommand(s.command) === normalCommand(spec.command))) return;
    this.push(spec);
  }

  /** An issue command: listed, never run (`required: false` so it cannot hold a goal back). */
  addIssue(command: string): boolean {
    const spec = namedCheckSpec(command, 'issue');
    if (this.specs.some((s) => normalCommand(s.command) === normalCommand(spec.command)))
      return false;
    this.push({ ...spec, required: false });
    return true;
  }

  private push(spec: VerifierSpec): void {
    const name = uniqueName(spec.name, this.names);
    if (name !== spec.name && spec.source !== 'issue') {
      this.notes.push(
        `Two verifiers are named "${spec.name}"; the ${spec.source} one is shown as "${name}".`,
      );
    }
    this.names.add(name);
    this.specs.push({ ...spec, name });
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
}
