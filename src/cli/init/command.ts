// `goal-action init`: detect how the repository tests itself, write the workflow and
// .github/goal.yml (never over an existing file without --force), then say what to set on GitHub.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from '../errors.js';
import { openRepository, startDir } from '../preflight.js';
import { detect } from './detect.js';
import { diskFiles } from './repo-files.js';
import { GOAL_YML, goalYmlText, TRIGGER_LABEL, WORKFLOW_PATH, workflowText } from './templates.js';

type Out = { write(s: string): unknown };

export async function initCommand(
  o: { force?: boolean; repo?: string },
  out: Out,
): Promise<number> {
  const repo = await openRepository(o.repo ?? startDir(), {
    requireCommit: false,
  });
  const found = detect(diskFiles(repo.root));
  out.write(`Detected: ${found.stacks.join(', ') || 'no known toolchain'}\n`);
  for (const v of found.verifiers) out.write(`  verifier ${v.name}: ${v.run}\n`);
  for (const note of found.notes) out.write(`  note: ${note}\n`);

  const files: [string, string][] = [
    [WORKFLOW_PATH, workflowText(found)],
    [GOAL_YML, goalYmlText(found)],
  ];
  let written = 0;
  for (const [path, text] of files) {
    const full = join(repo.root, path);
    if (existsSync(full) && !o.force) {
      out.write(`kept ${path}: it exists (goal-action init --force replaces it)\n`);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written++;
    out.write(`wrote ${path}\n`);
  }
  out.write(nextSteps(found.verifiers.map((v) => v.run)));
  return written > 0 ? EXIT.achieved : EXIT.error;
}

function nextSteps(commands: string[]): string {
  return `
Next, on GitHub (each step in detail: https://github.com/goal-action/goal-action/blob/v1/docs/SETUP.md):
  1. Add the secret OPENAI_API_KEY: Settings → Secrets and variables → Actions, or
       gh secret set OPENAI_API_KEY
  2. Let Actions open the draft pull request: Settings → Actions → General → Workflow permissions →
     "Allow GitHub Actions to create and approve pull requests".
  3. Create the trigger label: gh label create ${TRIGGER_LABEL}
  4. Optional: for your own CI to run on the goal's draft PR, use an App token
     (actions/create-github-app-token) as github-token; pushes made with GITHUB_TOKEN start no workflows.
  5. Commit both files to the default branch, then comment on an issue:
       /goal <objective>
Locally: run the verifiers once (${commands.length ? commands.join(' && ') : 'none detected yet'}); they should pass on the
default branch except what a goal is meant to fix. \`goal-action config\` prints the merged settings.
`;
}
