// `mode: pursue`: the job that runs the loop, after a `mode: route` job queued the goal. It checks
// the sender again (fail closed), then runs only a goal that is waiting for a loop: queued, a
// re-run of a run that belonged to it, or one whose previous run died without releasing its lock.
import { resumeBlockedByBudget } from '../engine/ledger.js';
import { GoalChannel } from './goal-channel.js';
import { identify, loadRepoConfig, loopIsLive, type ActionEnv, type RouteResult } from './route.js';

export async function pickUpQueued(env: ActionEnv): Promise<RouteResult> {
  const identified = await identify(env, false);
  if ('done' in identified) return { kind: 'done', reason: identified.done };
  const { target } = identified;
  const found = await GoalChannel.find(env.gh, target.number);
  const record = found.record;
  if (!record) return { kind: 'done', reason: 'No goal is queued on this issue.' };
  const channel = new GoalChannel(env.gh, target.number, found.commentId, env.channelOptions);
  const rerun = env.ctx.runAttempt > 1 && record.runs.some((r) => r.id === env.ctx.runId);
  const runnable =
    record.state === 'queued' ||
    (rerun &&
      record.state !== 'cleared' &&
      record.state !== 'achieved' &&
      !resumeBlockedByBudget(record)) ||
    (record.state === 'pursuing' && !(await loopIsLive(env, record)));
  if (!runnable)
    return { kind: 'done', reason: `Nothing to pursue: the goal is ${record.state}.`, record };
  return { kind: 'pursue', record, channel, target, repo: await loadRepoConfig(env.gh) };
}
