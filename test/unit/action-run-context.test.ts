// The run's facts and what the run leaves for later steps: readRunContext reads the runner's
// environment and event file, and a missing or malformed one is a clear message, never a stack
// trace; writeOutputs writes every step output through the runner's GITHUB_OUTPUT file and a job
// summary that is redacted like every post.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextError, readRunContext } from '../../src/action/context.js';
import { writeOutputs } from '../../src/action/outputs.js';
import type { ActionEnv } from '../../src/action/route.js';
import { testRecord } from '../support/engine-fakes.js';
import { parseFileCommand } from '../support/workflow-commands.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'action-ctx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runnerEnv(extra: Record<string, string | undefined> = {}) {
  const eventPath = path.join(dir, 'event.json');
  await writeFile(eventPath, JSON.stringify({ inputs: { issue: '7' } }));
  return {
    GITHUB_REPOSITORY: 'acme/cart',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_RUN_ID: '123',
    ...extra,
  } as NodeJS.ProcessEnv;
}

describe('the run context', () => {
  it('reads the runner’s variables and event, with github.com defaults', async () => {
    const ctx = readRunContext(
      await runnerEnv({
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_ACTOR: 'maintainer',
        GITHUB_WORKFLOW_REF: 'acme/cart/.github/workflows/goal.yml@refs/heads/main',
      }),
    );
    expect(ctx).toMatchObject({
      eventName: 'workflow_dispatch',
      payload: { inputs: { issue: '7' } },
      owner: 'acme',
      repo: 'cart',
      runId: '123',
      runAttempt: 2,
      actor: 'maintainer',
      triggeringActor: 'maintainer',
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/acme/cart/actions/runs/123',
      workflowRef: 'acme/cart/.github/workflows/goal.yml@refs/heads/main',
    });
    expect(readRunContext(await runnerEnv({ GITHUB_RUN_ATTEMPT: 'x' })).runAttempt).toBe(1);
  });

  it('says which variable is missing, and that it must run in a job', async () => {
    const env = await runnerEnv({ GITHUB_RUN_ID: undefined });
    expect(() => readRunContext(env)).toThrow(ContextError);
    expect(() => readRunContext(env)).toThrow(/GITHUB_RUN_ID is not set.*GitHub Actions job/);
  });

  it('names a malformed repository and an unreadable event file', async () => {
    expect(() => readRunContext({ GITHUB_REPOSITORY: 'cart' })).toThrow(/owner\/repo, not "cart"/);
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{ not json');
    expect(() =>
      readRunContext({ GITHUB_REPOSITORY: 'acme/cart', GITHUB_EVENT_PATH: bad }),
    ).toThrow(/Cannot read the event payload at .*bad\.json/);
  });
});

describe('step outputs and the job summary', () => {
  it('writes every output, and a redacted summary', async () => {
    const outFile = path.join(dir, 'output');
    const summaryFile = path.join(dir, 'summary');
    await writeFile(outFile, '');
    await writeFile(summaryFile, '');
    const saved = { out: process.env.GITHUB_OUTPUT, sum: process.env.GITHUB_STEP_SUMMARY };
    process.env.GITHUB_OUTPUT = outFile;
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
    try {
      const record = testRecord({
        id: 'g7-abc',
        state: 'blocked',
        iteration: 4,
        stopReason: { kind: 'blocked', blocker: 'needs SECRET-123 rotated', needs: 'a maintainer' },
        pr: { number: 9, url: 'https://github.com/acme/cart/pull/9' },
      });
      record.ledger.tokens = 1234;
      record.ledger.usd = 0.5;
      const env = {
        channelOptions: {
          links: {
            runUrl: 'https://github.com/acme/cart/actions/runs/1',
            commitUrl: (s: string) => s,
          },
          redact: (t: string) => t.replaceAll('SECRET-123', '***'),
        },
      } as unknown as ActionEnv;
      await writeOutputs(record, env, true);
      expect(parseFileCommand(await readFile(outFile, 'utf8'))).toEqual({
        status: 'blocked',
        'goal-id': 'g7-abc',
        branch: 'goal/fix-add',
        'pr-number': '9',
        'pr-url': 'https://github.com/acme/cart/pull/9',
        iterations: '4',
        tokens: '1234',
        'cost-usd': '0.5000',
      });
      const summary = await readFile(summaryFile, 'utf8');
      expect(summary).toContain('rotated');
      expect(summary).not.toContain('SECRET-123');
      // Nothing to report without a goal: no outputs at all.
      await writeFile(outFile, '');
      await writeOutputs(undefined, env, true);
      expect(await readFile(outFile, 'utf8')).toBe('');
    } finally {
      process.env.GITHUB_OUTPUT = saved.out;
      process.env.GITHUB_STEP_SUMMARY = saved.sum;
      if (saved.out === undefined) delete process.env.GITHUB_OUTPUT;
      if (saved.sum === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    }
  });
});
