// The files `goal-action init` writes. The workflow follows examples/workflows/goal.yml (two jobs:
// a cheap `route` for every command, a `pursue` job for the loop) with the detected setup steps in
// `pursue`; test/unit/cli-init.test.ts fails when the example's triggers, permissions, jobs or
// inputs move away from this template, so the two are changed together.
import { stringify } from 'yaml';
import { DEFAULT_BUDGET, DEFAULT_MAX_BUDGET, formatBudget } from '../../config/budget.js';
import type { Detection, SetupStep } from './detect.js';

export const WORKFLOW_PATH = '.github/workflows/goal.yml';
export const GOAL_YML = '.github/goal.yml';
export const TRIGGER_LABEL = 'goal-ready';
/** The release the written workflow pins. */
export const ACTION_REF = 'goal-action/goal-action@v1';

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

export function setupStepsYaml(steps: SetupStep[]): string {
  if (steps.length === 0) return '';
  return `${indent(stringify(steps, { lineWidth: 0 }), 6)}\n`;
}

export function workflowText(d: Detection): string {
  const stacks = d.stacks.length ? d.stacks.join(', ') : 'no toolchain detected';
  return `# Written by \`goal-action init\` (${stacks}). Two jobs, so that commands are never stuck behind a loop:
#  - \`route\` runs for every /goal comment, label and dispatch: it checks who asked, answers
#    status/pause/resume/clear/budget/edit/ask at once, and says whether a loop must run.
#  - \`pursue\` runs the loop, one per issue at a time (the concurrency group).
# Verifiers and budgets live in .github/goal.yml; \`goal-action config\` prints the merged result.
# \`@v1\` follows the latest 1.x release. To pin exactly, use a full commit SHA with the version
# as a comment (uses: goal-action/goal-action@<40-character sha> # v1.2.3); Dependabot updates both.
name: goal

on:
  issue_comment:
    types: [created]
  issues:
    types: [labeled]
  workflow_dispatch:
    inputs:
      issue:
        description: Issue or pull request number of the goal
        required: true
        type: number
      command:
        description: 'A /goal command without "/goal", e.g. resume, pause, budget 5M (empty: status)'
        required: false
        default: ''
      continuation:
        description: Set by goal-action itself when it continues a goal past the job time limit (leave empty)
        required: false
        default: ''

permissions:
  contents: write # the goal's branch
  issues: write # status comment, reactions, labels
  pull-requests: write # the draft pull request
  checks: write # the verifier results as a check run on every checkpoint commit
  statuses: write # the same as a commit status, where check runs are not allowed
  actions: write # start the next run past the 6-hour job limit; read the run a re-run belongs to

jobs:
  route:
    # Cheap filters first: most comments are not commands, goal-action's own comments carry its
    # mark (they start runs when it writes with an App or personal token), and bots' comments never
    # start a loop unless listed in \`allowed-bots\`. The label must match trigger-label.
    if: >-
      (github.event_name == 'issue_comment' && contains(github.event.comment.body, '/goal') &&
      !contains(github.event.comment.body, '<!-- goal-action:')) ||
      (github.event_name == 'issues' && github.event.label.name == '${TRIGGER_LABEL}') ||
      github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    outputs:
      run-loop: \${{ steps.goal.outputs.run-loop }}
    steps:
      - id: goal
        uses: ${ACTION_REF}
        with:
          mode: route
          # \`/goal ask\` answers with the model, so route needs the key too.
          openai-api-key: \${{ secrets.OPENAI_API_KEY }}
          trigger-label: ${TRIGGER_LABEL}

  pursue:
    needs: route
    if: needs.route.outputs.run-loop == 'true'
    runs-on: ubuntu-latest
    timeout-minutes: 350
    concurrency:
      group: goal-\${{ github.event.issue.number || inputs.issue }}
      cancel-in-progress: false
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      # What the verifiers in .github/goal.yml need installed:
${setupStepsYaml(d.setup) || '      # (nothing detected: add setup steps here)\n'}      - id: goal
        uses: ${ACTION_REF} # the same version as in \`route\`
        with:
          mode: pursue
          openai-api-key: \${{ secrets.OPENAI_API_KEY }}
          trigger-label: ${TRIGGER_LABEL}
`;
}

export function goalYmlText(d: Detection): string {
  const verify = d.verifiers.length
    ? stringify(
        { verify: d.verifiers.map((v) => ({ name: v.name, run: v.run, timeout: '15m' })) },
        { lineWidth: 0 },
      ).trimEnd()
    : 'verify: [] # add your test command here, e.g.\n#  - name: test\n#    run: npm test';
  const protectedPaths = d.protectedPaths.length
    ? stringify({ 'protected-paths': d.protectedPaths }).trimEnd()
    : '# protected-paths: [] # e.g. [vitest.config.ts]';
  return `# goal-action's settings for this repository, read from the default branch (written by
# \`goal-action init\`). Print the merged result with \`goal-action config\`.

# A goal is achieved when every required verifier passes. Each should pass on the default branch
# today, except what a goal is meant to fix.
${verify}

# The budget of a new goal, and the most any \`/goal … --budget\` may ask for.
budget: ${formatBudget(DEFAULT_BUDGET)}
max-budget: ${formatBudget(DEFAULT_MAX_BUDGET)}

# Never written by the agent, in addition to .github/workflows/**, .github/actions/** and this
# file: the files that configure the verifiers, so a test cannot be made to pass by reconfiguring it.
${protectedPaths}
`;
}
