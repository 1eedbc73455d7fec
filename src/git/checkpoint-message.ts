// The checkpoint commit message: one subject line, a blank line, then trailers git itself
// recognises (`git log --format=%(trailers)`, `git interpret-trailers --parse`), so any tool can
// read the goal, iteration, verifier state and spending from the branch alone.

import type { CheckpointInfo } from '../engine/index.js';
import type { Git } from './git.js';

/** A file in the checkpoint, as `git diff --cached --numstat` and `--name-status` report it. */
export interface StagedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** Lines added and removed; undefined for binary files. */
  added?: number;
  removed?: number;
}

const MAX_SUBJECT_CHARS = 100;

export const TRAILER_KEYS = {
  goalId: 'Goal-Id',
  iteration: 'Goal-Iteration',
  verifiers: 'Goal-Verifiers',
  tokens: 'Goal-Tokens',
  costUsd: 'Goal-Cost-USD',
} as const;

/** One line, no control characters: a newline in a value would end the trailer block. */
function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what must go
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const VERB: Record<StagedFile['status'], string> = {
  added: 'Add',
  modified: 'Edit',
  deleted: 'Delete',
  renamed: 'Rename',
};

/** The folder a file's change is reported under: `src/`, `test/`, or the file at the root. */
function areaOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? path : `${path.slice(0, slash)}/`;
}

/**
 * What the checkpoint changed, as a commit subject: "Edit src/cart.js", "Edit src/cart.js, add
 * test/empty.test.js", "Edit 4 files in src/ and 2 in test/". Empty when nothing is known.
 */
export function describeChanges(files: StagedFile[]): string {
  if (files.length === 0) return '';
  if (files.length <= 2) {
    const [a, b] = files as [StagedFile, StagedFile | undefined];
    if (!b) return `${VERB[a.status]} ${a.path}`;
    return a.status === b.status
      ? `${VERB[a.status]} ${a.path} and ${b.path}`
      : `${VERB[a.status]} ${a.path}, ${VERB[b.status].toLowerCase()} ${b.path}`;
  }
  const byVerb = new Map<string, Map<string, number>>();
  for (const f of files) {
    const areas = byVerb.get(VERB[f.status]) ?? new Map<string, number>();
    areas.set(areaOf(f.path), (areas.get(areaOf(f.path)) ?? 0) + 1);
    byVerb.set(VERB[f.status], areas);
  }
  return [...byVerb]
    .map(([verb, areas], i) => {
      const counts = [...areas]
        .sort((a, b) => b[1] - a[1])
        .map(([area, n], j) => {
          const where = area.endsWith('/') ? `in ${area}` : area;
          if (!area.endsWith('/')) return where;
          return j === 0 ? `${n} file${n === 1 ? '' : 's'} ${where}` : `${n} ${where}`;
        });
      const list =
        counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}` : counts[0];
      return `${i === 0 ? verb : verb.toLowerCase()} ${list}`;
    })
    .join(', ');
}

/** Parses `git diff --cached --numstat -z` and `--name-status -z` output into staged files. */
export function parseStaged(numstat: string, nameStatus: string): StagedFile[] {
  const status = new Map<string, StagedFile['status']>();
  const tokens = nameStatus.split('\0');
  for (let i = 0; i < tokens.length;) {
    const code = tokens[i++] ?? '';
    if (!code) continue;
    if (code[0] === 'R' || code[0] === 'C') {
      i++;
      status.set(tokens[i++] ?? '', code[0] === 'R' ? 'renamed' : 'added');
      continue;
    }
    status.set(
      tokens[i++] ?? '',
      code[0] === 'A' ? 'added' : code[0] === 'D' ? 'deleted' : 'modified',
    );
  }
  const files: StagedFile[] = [];
  const parts = numstat.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const head = parts[i]!;
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(head);
    if (!m) continue;
    // A rename is "added\tremoved\t" followed by the old and new paths as separate fields.
    const path = m[3] === '' ? ((i += 2), parts[i] ?? '') : m[3]!;
    files.push({
      path,
      status: status.get(path) ?? 'modified',
      ...(m[1] === '-' ? {} : { added: Number(m[1]), removed: Number(m[2]) }),
    });
  }
  return files;
}

/** The files staged for the next checkpoint (the index against HEAD). */
export async function stagedFiles(git: Git): Promise<StagedFile[]> {
  const flags = ['diff', '--cached', '-z', '-M', '--no-ext-diff', '--no-textconv'];
  const [numstat, nameStatus] = await Promise.all([
    git.text([...flags, '--numstat', 'HEAD']),
    git.text([...flags, '--name-status', 'HEAD']),
  ]);
  return parseStaged(numstat, nameStatus);
}

/** A generic subject the engine uses when it knows nothing better ("Iteration 3"). */
const GENERIC_SUBJECT =
  /^(?:goal:.*—\s*)?(?:iteration \d+|checkpoint after iteration \d+|stopped \([a-z-]+\))$/i;

/**
 * The commit subject: what the checkpoint changed when the staged files are known and the
 * engine's subject is generic; otherwise the engine's subject. The trailers keep the bookkeeping.
 */
export function checkpointSubject(
  info: Pick<CheckpointInfo, 'subject' | 'iteration'>,
  staged: StagedFile[] = [],
): string {
  const given = oneLine(info.subject.split(/\r?\n/)[0] ?? '');
  const described = oneLine(describeChanges(staged));
  const subject = described && (!given || GENERIC_SUBJECT.test(given)) ? described : given;
  if (!subject) return `Checkpoint after iteration ${info.iteration}`;
  return subject.length <= MAX_SUBJECT_CHARS
    ? subject
    : `${subject.slice(0, MAX_SUBJECT_CHARS - 1).trimEnd()}…`;
}

export function buildCheckpointMessage(info: CheckpointInfo, staged: StagedFile[] = []): string {
  const trailers = [
    `${TRAILER_KEYS.goalId}: ${oneLine(info.goalId)}`,
    `${TRAILER_KEYS.iteration}: ${Math.trunc(info.iteration)}`,
    `${TRAILER_KEYS.verifiers}: ${oneLine(info.verifierSummary) || 'not run'}`,
    `${TRAILER_KEYS.tokens}: ${Math.round(info.tokens)}`,
    `${TRAILER_KEYS.costUsd}: ${info.usd.toFixed(4)}`,
  ];
  return `${checkpointSubject(info, staged)}\n\n${trailers.join('\n')}\n`;
}
