// `goal-action demo`: the whole loop with no API key. A real sample repository with a failing test
// is created in a temp directory; a replay model (a recorded transcript, labelled as such) drives
// the real tools, the real verifier and real commits to `achieved`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GoalRecord } from '../engine/index.js';
import { DEMO_FILES, DEMO_OBJECTIVE, DEMO_TRANSCRIPT } from './demo-repo.js';
import { newLocalRecord, runLocalGoal, type LocalGoalOptions } from './local-goal.js';
import { REPLAY_MODEL_NAME, ReplayModel } from './replay-model.js';

const IDENTITY = ['-c', 'user.name=goal-action demo', '-c', 'user.email=demo@goal-action.invalid'];

export function createDemoRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'goal-action-demo-'));
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', [...IDENTITY, ...args], { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Sample project with a failing test');
  return root;
}

export async function runDemo(
  out: LocalGoalOptions['out'],
  signal?: AbortSignal,
): Promise<{ record: GoalRecord; root: string }> {
  const root = createDemoRepo();
  out.write(
    [
      'goal-action demo',
      `  sample repository: ${root} (a cart module whose quantity test fails)`,
      `  model: REPLAY — a recorded transcript, no API calls and no API key. Tools, verifier and commits are real.`,
      `  objective: ${DEMO_OBJECTIVE}`,
      '',
    ].join('\n'),
  );
  const record = await runLocalGoal({
    root,
    record: newLocalRecord({
      root,
      objective: DEMO_OBJECTIVE,
      verify: ['npm test'],
      budget: { tokens: 200_000, usd: 1, timeSec: 600, iterations: 8 },
      startBranch: 'main',
      out,
    }),
    model: new ReplayModel(DEMO_TRANSCRIPT),
    modelName: REPLAY_MODEL_NAME,
    out,
    ...(signal ? { signal } : {}),
  });
  const log = execFileSync(
    'git',
    ['log', '--format=%h %s%n%(trailers:only,unfold)', `main..${record.branch}`],
    { cwd: root, encoding: 'utf8' },
  );
  out.write(`\nCommits on ${record.branch} (in ${root}):\n${log}`);
  return { record, root };
}
