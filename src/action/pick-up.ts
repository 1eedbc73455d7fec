// `mode: pursue`: the job that runs the loop, after a `mode: route` job queued the goal. It checks
// the sender again (fail closed; the Action's own continuation passes by the nonce the route job of
// this same run consumed), then runs only a goal that is waiting for a loop: queued, a re-run of an
// interrupted run that belonged to it (state/rerun.ts), or one whose previous run died without
// releasing its lock.
import { rerunDecision } from '../state/rerun.js';
import { GoalChannel } from './goal-channel.js';
import {
  channelFor,
  identify,
  loadRepoConfig,
  loopIsLive,
  type ActionEnv,
  type RouteResult,
} from './route.js';

export async function pickUpQueued(env: ActionEnv): Promise<RouteResult> {
  const identified = await identify(env, false);
  if ('done' in identified) return { kind: 'done', reason: identified.done };
  const { target } = identified;
  const found = await GoalChannel.find(env.gh, target.number);
  const record = found.record;
  if (!record) return { kind: 'done', reason: 'No goal is queued on this issue.' };
  const channel = channelFor(env, target.number, found.commentId);
  const rerun = rerunDecision(record, { id: env.ctx.runId, attempt: env.ctx.runAttempt });
  const runnable =
    (record.state === 'queued' && rerun.kind !== 'refresh') ||
    rerun.kind === 'continue' ||
    (record.state === 'pursuing' && !(await loopIsLive(env, record)));
  if (!runnable)
    return {
      kind: 'done',
      reason:
        rerun.kind === 'refresh' ? rerun.reason : `Nothing to pursue: the goal is ${record.state}.`,
      record,
    };
  return { kind: 'pursue', record, channel, target, repo: await loadRepoConfig(env.gh) };
}
