// `mode: pursue`: the job that runs the loop, after a `mode: route` job queued the goal. It checks
// the sender again (fail closed; the Action's own continuation passes by the nonce the route job of
// this same run consumed), then runs only a goal that is waiting for a loop. Which goal that is,
// is the state machine's answer (src/domain/pick-up.ts): queued, a re-run of an interrupted run
// that belonged to it, or one whose previous run died without releasing its lock.
import { resolveLimits } from '../config/budget.js';
import { pickUpDecision } from '../domain/pick-up.js';
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
  const found = await GoalChannel.lookup(env.gh, target.number);
  // Unreadable: the route job of this run already told the user; nothing runs, nothing is written.
  if (found.kind === 'unreadable')
    return { kind: 'done', reason: `The goal record cannot be read: ${found.reason}` };
  if (found.kind === 'absent') return { kind: 'done', reason: 'No goal is queued on this issue.' };
  const record = found.record;
  const repo = await loadRepoConfig(env.gh);
  const decision = pickUpDecision(record, {
    loopRunning: await loopIsLive(env, record),
    now: new Date(env.now()).toISOString(),
    runId: env.ctx.runId,
    attempt: env.ctx.runAttempt,
    maxBudget: resolveLimits(env.cfg, repo).maxBudget,
  });
  if (decision.kind === 'skip') return { kind: 'done', reason: decision.reason, record };
  const channel = channelFor(env, target.number, found);
  return { kind: 'pursue', record: decision.record, channel, target, repo };
}
