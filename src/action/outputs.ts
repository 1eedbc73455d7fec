// Step outputs and the job summary: what later workflow steps and the run page show.
import * as core from '@actions/core';
import type { GoalRecord } from '../engine/index.js';
import { renderJobSummary } from '../report/summary.js';
import type { ActionEnv } from './route.js';

export async function writeOutputs(
  record: GoalRecord | undefined,
  env: ActionEnv,
  summary: boolean,
): Promise<void> {
  if (!record) return;
  core.setOutput('status', record.state);
  core.setOutput('goal-id', record.id);
  core.setOutput('branch', record.branch);
  core.setOutput('pr-number', record.pr ? String(record.pr.number) : '');
  core.setOutput('pr-url', record.pr?.url ?? '');
  core.setOutput('iterations', String(record.iteration));
  core.setOutput('tokens', String(record.ledger.tokens));
  core.setOutput('cost-usd', record.ledger.usd.toFixed(4));
  if (!summary || !process.env.GITHUB_STEP_SUMMARY) return;
  const links = { ...env.channelOptions.links, ...(record.pr ? { prUrl: record.pr.url } : {}) };
  try {
    // The summary carries model-authored text (blocked reasons, plan): redacted like every post.
    await core.summary.addRaw(env.channelOptions.redact(renderJobSummary(record, links))).write();
  } catch (err) {
    core.warning(`Could not write the job summary: ${(err as Error).message}`);
  }
}
