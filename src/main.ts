// The composition root of the Action: reads the configuration once, builds the adapters, routes
// the event, runs the loop when there is one to run, and is the only place that fails the step.
import * as core from '@actions/core';
import { readInputs } from './config/inputs.js';
import type { GoalRecord } from './engine/index.js';
import { createOctokit } from './github/client.js';
import { readRunContext } from './action/context.js';
import { continueLater } from './action/continue.js';
import { pickUpQueued } from './action/pick-up.js';
import { pursue } from './action/pursue.js';
import { route, type ActionEnv, type RouteResult } from './action/route.js';
import { writeOutputs } from './action/outputs.js';
import { makeRedactor } from './action/redact.js';
import { jobEnv, secretValues } from './action/clean-env.js';
import { WarmRepo } from './action/warm-reads.js';
import {
  FailedBeforeLoopError,
  recordFailedStart,
  reportUnroutable,
} from './action/failed-start.js';
import { renderSandboxSummary } from './sandbox/summary.js';
import { classifyEvent } from './trigger/event.js';

/** Call after index.ts took the secrets out of the environment block (clean-env.ts). */
export async function run(): Promise<void> {
  let env: ActionEnv | undefined;
  try {
    const cfg = readInputs(
      (name) => jobEnv(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`)?.trim() ?? '',
    );
    if (cfg.openaiApiKey) core.setSecret(cfg.openaiApiKey);
    if (cfg.githubToken) core.setSecret(cfg.githubToken);
    for (const value of secretValues()) core.setSecret(value);
    const ctx = readRunContext();
    // Every secret-looking job variable (NPM_TOKEN, a pass-env'd DATABASE_PASSWORD …) too.
    const redact = makeRedactor([cfg.openaiApiKey, cfg.githubToken, ...secretValues()]);
    // Test knob: no write spacing or debounce, so end-to-end tests run fast (and count every write).
    const fast = process.env.GOAL_ACTION_UNTHROTTLED === '1';
    const warn = (m: string) => core.warning(m);
    // Expected 403/404 answers (no label yet, no .github/goal.yml) are not worth a yellow line.
    const debug = (m: string) => core.debug(m);
    const octokit = createOctokit({
      token: cfg.githubToken,
      baseUrl: ctx.apiUrl,
      log: { warn, debug },
      spaceWrites: !fast,
    });
    const gh = new WarmRepo(
      octokit,
      { owner: ctx.owner, repo: ctx.repo },
      { log: { warn, debug } },
    );
    // Routing's independent reads, all at once (warm-reads.ts): a round trip or two, not seven.
    gh.warm(
      classifyEvent(ctx.eventName, ctx.payload, { triggerLabel: cfg.triggerLabel }),
      cfg.mode !== 'pursue',
    );
    env = {
      cfg,
      ctx,
      gh,
      info: (m) => core.info(m),
      now: () => Date.now(),
      pollMs: fast ? 0 : 15_000,
      channelOptions: {
        runId: ctx.runId,
        links: {
          runUrl: ctx.runUrl,
          commitUrl: (sha) => `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${sha}`,
        },
        debounceMs: fast ? 0 : 10_000,
        now: () => Date.now(),
        warn,
        redact,
      },
    };

    const routed: RouteResult = cfg.mode === 'pursue' ? await pickUpQueued(env) : await route(env);
    if (routed.kind === 'done') {
      core.info(`goal-action: ${routed.reason}`);
      if (cfg.mode === 'route') core.setOutput('run-loop', 'false');
      await writeOutputs(routed.record, env, false);
      return;
    }
    if (cfg.mode === 'route') {
      core.setOutput('run-loop', 'true');
      await writeOutputs(routed.record, env, false);
      return;
    }
    const { record, sandbox } = await pursue(env, routed, warn).catch(async (err: unknown) => {
      if (!(err instanceof FailedBeforeLoopError) || !env) throw err;
      // The goal waited for this run: it says why it stopped and what to do, never "queued".
      const failed = await recordFailedStart(env, routed, err.reason).catch((e: Error) => {
        warn(`Could not record the failure on the goal: ${e.message}`);
        return null;
      });
      if (failed) await writeOutputs(failed, env, true);
      throw err;
    });
    await writeOutputs(record, env, true);
    if (sandbox && process.env.GITHUB_STEP_SUMMARY)
      await core.summary
        .addRaw(renderSandboxSummary(sandbox))
        .write()
        .catch((e: Error) => warn(`Could not write the sandbox summary: ${e.message}`));
    await continueLater(env, routed.target.number, record, warn);
    failIfFailed(record);
  } catch (err) {
    // Before routing (a bad input): the thread is told, and a goal waiting for a runner fails.
    if (!env)
      await reportUnroutable(err, {
        token: jobEnv('INPUT_GITHUB-TOKEN')?.trim() ?? '',
        triggerLabel: jobEnv('INPUT_TRIGGER-LABEL')?.trim() ?? '',
        secrets: [jobEnv('INPUT_OPENAI-API-KEY') ?? '', ...secretValues()],
        warn: (m) => core.warning(m),
      }).catch((e: Error) =>
        core.warning(`Could not report the failure on the issue: ${e.message}`),
      );
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}

function failIfFailed(record: GoalRecord): void {
  if (record.stopReason?.kind === 'failed')
    core.setFailed(`${record.stopReason.error} — ${record.stopReason.action}`);
}
