// The copy-paste examples work with this code: the sample `.github/goal.yml` parses, the issue
// form's sections fill every contract part, and the workflow has the two-job shape the Action needs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildContract,
  DEFAULT_BLOCKED_CONDITION,
  DEFAULT_ITERATION_POLICY,
} from '../../src/config/contract.js';
import { parseGoalYml } from '../../src/config/goal-yml.js';
import { partOf } from '../../src/config/issue-sections.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('examples/goal.yml', () => {
  it('is a valid .github/goal.yml', () => {
    const config = parseGoalYml(read('examples/goal.yml'));
    expect(config.verify.map((v) => [v.name, v.kind])).toEqual([
      ['test', 'check'],
      ['lint', 'check'],
      ['typecheck', 'check'],
      ['bench', 'metric'],
    ]);
    expect(config.budget).toEqual({ tokens: 2_000_000, usd: 5, timeSec: 10_800, iterations: 40 });
    expect(config.prices['my-model']).toEqual({ input: 1, cachedInput: 0.1, output: 4 });
  });
});

describe('examples/ISSUE_TEMPLATE/goal.yml', () => {
  const form = parse(read('examples/ISSUE_TEMPLATE/goal.yml')) as {
    labels: string[];
    body: { type: string; id?: string; attributes: { label?: string } }[];
  };
  const fields = form.body.filter((b) => b.type === 'textarea');

  it('labels the issue goal-ready and has one field per contract part', () => {
    expect(form.labels).toContain('goal-ready');
    expect(fields.map((f) => partOf(f.attributes.label!))).toEqual([
      'outcome',
      'verification',
      'constraints',
      'boundaries',
      'iterationPolicy',
      'blockedCondition',
    ]);
  });

  it('a filled-in form becomes a contract with every part from the issue', () => {
    const answers = [
      'It is fast.',
      '`npm test`',
      '- API stays',
      '- src only',
      'One test at a time.',
      'Ask first.',
    ];
    const body = fields.map((f, i) => `### ${f.attributes.label}\n\n${answers[i]}`).join('\n\n');
    const repo = parseGoalYml('verify: [npm test]');
    const { contract, notes } = buildContract({
      objective: '',
      issueTitle: 'Speed',
      issueBody: body,
      trustedVerify: false,
      commandVerify: [],
      inputVerify: [],
      repo,
    });
    expect(contract.outcome).toBe('Speed\n\nIt is fast.');
    expect(contract.verification.map((v) => v.source)).toEqual(['config']);
    expect(contract.constraints).toContain('API stays');
    expect(contract.boundaries).toEqual(['src only']);
    expect(contract.iterationPolicy).not.toBe(DEFAULT_ITERATION_POLICY);
    expect(contract.blockedCondition).not.toBe(DEFAULT_BLOCKED_CONDITION);
    expect(notes).toEqual([]);
  });
});

describe('examples/workflows/goal.yml', () => {
  type Step = { uses?: string; with?: Record<string, unknown> };
  type Job = {
    if?: string;
    needs?: string;
    concurrency?: { group: string; 'cancel-in-progress': boolean };
    outputs?: Record<string, string>;
    'timeout-minutes'?: number;
    steps: Step[];
  };
  const workflow = parse(read('examples/workflows/goal.yml')) as {
    on: Record<string, { types?: string[]; inputs?: Record<string, unknown> }>;
    permissions: Record<string, string>;
    jobs: { route: Job; pursue: Job };
  };
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown> };
  const goalStep = (job: Job) => job.steps.find((s) => s.uses?.includes('goal-action'))!;

  it('triggers on new comments, labels and dispatch with issue, command and continuation inputs', () => {
    expect(workflow.on.issue_comment!.types).toEqual(['created']);
    expect(workflow.on.issues!.types).toEqual(['labeled']);
    // `continuation` carries the nonce of the Action's own dispatch past the job time limit.
    expect(Object.keys(workflow.on.workflow_dispatch!.inputs!)).toEqual([
      'issue',
      'command',
      'continuation',
    ]);
  });

  it('asks for what each feature needs and no more', () => {
    expect(workflow.permissions).toEqual({
      contents: 'write',
      issues: 'write',
      'pull-requests': 'write',
      checks: 'write',
      statuses: 'write',
      actions: 'write',
    });
  });

  it('routes without a concurrency group and filters cheaply', () => {
    const { route } = workflow.jobs;
    expect(route.concurrency).toBeUndefined();
    expect(route.if).toContain("contains(github.event.comment.body, '/goal')");
    // The Action's own comments (App or personal token) start no job.
    expect(route.if).toContain("!contains(github.event.comment.body, '<!-- goal-action:')");
    expect(route.if).toContain(
      `github.event.label.name == '${goalStep(route).with!['trigger-label']}'`,
    );
    expect(goalStep(route).with!.mode).toBe('route');
    expect(route.outputs!['run-loop']).toBe('${{ steps.goal.outputs.run-loop }}');
  });

  it('pursues one loop per issue, after route says so, with the checkout first', () => {
    const { pursue } = workflow.jobs;
    expect(pursue.needs).toBe('route');
    expect(pursue.if).toBe("needs.route.outputs.run-loop == 'true'");
    expect(pursue.concurrency).toEqual({
      group: 'goal-${{ github.event.issue.number || inputs.issue }}',
      'cancel-in-progress': false,
    });
    expect(pursue['timeout-minutes']).toBe(350);
    const uses = pursue.steps.map((s) => s.uses).filter(Boolean);
    expect(uses[0]).toMatch(/^actions\/checkout@/);
    expect(goalStep(pursue).with!.mode).toBe('pursue');
  });

  it('uses only inputs the action declares (mode pending in action.yml)', () => {
    for (const job of [workflow.jobs.route, workflow.jobs.pursue]) {
      for (const name of Object.keys(goalStep(job).with!)) {
        if (name !== 'mode') expect(Object.keys(action.inputs), name).toContain(name);
      }
    }
  });
});
