// `goal-action config`'s reading of workflows: which steps run goal-action (a release, a SHA, the
// repository itself), which are skipped, and the merged view's sources for each value.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConfig } from '../../src/cli/config-command.js';
import { findGoalSteps } from '../../src/cli/workflow-steps.js';
import { parseGoalYml } from '../../src/config/goal-yml.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function withWorkflows(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cli-config-'));
  dirs.push(dir);
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  for (const [name, text] of Object.entries(files))
    await writeFile(join(dir, '.github/workflows', name), text);
  return dir;
}

const step = (uses: string, extra = '') =>
  `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          mode: pursue\n${extra}`;

describe('findGoalSteps', () => {
  it('finds goal-action by release, by SHA and as ./, and nothing else', async () => {
    const dir = await withWorkflows({
      'a.yml': step('goal-action/goal-action@v1'),
      'b.yaml': step('goal-action/goal-action@0123456789abcdef0123456789abcdef01234567'),
      'c.yml': step('./'),
      'd.yml': step('actions/checkout@v4'),
      'e.yml': step('someone/goal-action-fork@v1'),
      'notes.txt': 'not a workflow',
    });
    const { steps, unreadable } = findGoalSteps(dir);
    expect(steps.map((s) => s.file)).toEqual([
      '.github/workflows/a.yml',
      '.github/workflows/b.yaml',
      '.github/workflows/c.yml',
    ]);
    expect(steps[0]!.inputs).toEqual({ mode: 'pursue' });
    expect(unreadable).toEqual([]);
  });

  it('a workflow that is not valid YAML is listed as skipped', async () => {
    const dir = await withWorkflows({
      'bad.yml': 'jobs: [\n',
      'ok.yml': step('goal-action/goal-action@v1'),
    });
    const { steps, unreadable } = findGoalSteps(dir);
    expect(unreadable).toEqual(['.github/workflows/bad.yml']);
    expect(steps).toHaveLength(1);
    expect(renderConfig({ config: null, steps, unreadable, verify: [] })).toContain(
      'note: .github/workflows/bad.yml is not valid YAML and was skipped',
    );
  });

  it('no .github/workflows at all: no steps, and the view says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-config-empty-'));
    dirs.push(dir);
    const view = renderConfig({ config: null, ...findGoalSteps(dir), verify: [] });
    expect(view).toContain('.github/goal.yml (none); no workflow step uses goal-action');
    expect(view).toMatch(/tokens\s+2M tokens\s+default \(action\.yml\)/);
  });
});

describe('renderConfig', () => {
  it('route steps give no verifiers; the budget above the ceiling is lowered, and said', async () => {
    const dir = await withWorkflows({
      'goal.yml': step('goal-action/goal-action@v1', "          verify: 'x: make x'\n").replace(
        'mode: pursue',
        'mode: route',
      ),
    });
    const config = parseGoalYml('verify:\n  - run: npm test\nbudget: 90M tokens\n');
    const view = renderConfig({ config, ...findGoalSteps(dir), verify: [] });
    expect(view).not.toContain('make x');
    expect(view).toMatch(/tokens\s+20M tokens\s+\.github\/goal\.yml budget/);
    expect(view).toContain('note: the budget was lowered to the ceiling for tokens');
  });
});
