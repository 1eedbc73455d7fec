// Commands that arrive while the loop runs. What a command does to the goal is the state
// machine's decision (src/domain/transitions.ts), the same as when no loop runs: the loop adopts
// the record the transition returns and performs the effects meant for a running loop (stop after
// the current step, start a conversation on a new contract). Signals an adapter decided itself
// (Ctrl-C, a tests' pause) stop the loop with the adapter's reason.
import type { CommandEvent, Effect, TransitionContext } from '../domain/commands.js';
import { stops } from '../domain/stop.js';
import { applyCommand, applySystem, type SystemEvent } from '../domain/transitions.js';
import { Stop } from './loop-support.js';
import type { ControlInput, ControlSignal } from './ports.js';
import type { RunSession } from './session.js';
import type { GoalRecord } from './types.js';

/** Replaces the live record's contents with the transition's record (the engine holds the object). */
export function adopt(target: GoalRecord, next: GoalRecord): void {
  if (next === target) return;
  for (const key of Object.keys(target) as (keyof GoalRecord)[])
    if (!(key in next)) delete target[key];
  Object.assign(target, next);
}

export class ControlHandler {
  /** Signals without an id of their own get one from this run, so they too apply once. */
  private signals = 0;

  constructor(
    private readonly s: RunSession,
    /** The contract changed: the loop starts a conversation with it and tells the model why. */
    private readonly onContractChanged: (revision: number, note: string) => void,
  ) {}

  context(): TransitionContext {
    const { s } = this;
    return {
      loopRunning: true,
      now: s.iso(),
      runId: s.opts.runId,
      maxBudget: s.opts.maxBudget ?? s.record.budget,
    };
  }

  /** A system event (loop started or stopped) through the state machine; returns its effects. */
  system(event: SystemEvent): Effect[] {
    const t = applySystem(this.s.record, event, this.context());
    if (t.record) adopt(this.s.record, t.record);
    return t.effects;
  }

  /** Applies what arrived since the last poll; throws the Stop when one asks the loop to stop. */
  async poll(): Promise<void> {
    const inputs = await this.s.deps.control.poll();
    for (const input of inputs) this.apply(input);
  }

  private apply(input: ControlInput): void {
    if ('command' in input) return this.command(input);
    if (input.kind === 'applied') {
      for (const effect of input.effects) this.perform(effect);
      return;
    }
    const event = this.asCommand(input);
    if (event) this.command(event);
  }

  private command(event: CommandEvent): void {
    const ctx = this.context();
    // A budget a signal carries was already capped by the adapter that built it.
    if (event.command.kind === 'budget' && !this.s.opts.maxBudget)
      ctx.maxBudget = { ...this.s.record.budget, ...event.command.requested };
    const t = applyCommand(this.s.record, event, ctx);
    if (t.record) adopt(this.s.record, t.record);
    for (const effect of t.effects) this.perform(effect);
  }

  private perform(effect: Effect): void {
    switch (effect.kind) {
      case 'stop-loop':
        throw new Stop(effect.reason);
      case 'abandon-loop':
        throw new Stop(stops.lockLost(effect.by));
      case 'contract-changed':
        this.onContractChanged(effect.revision, effect.note);
        return;
      default:
        // Replies, labels, dispatches and PR comments are the route job's and the reporter's.
        return;
    }
  }

  /**
   * A signal of the older shape: pause and clear carry the adapter's own reason and stop here;
   * edit and budget become commands, so the record changes exactly as the route job's would.
   */
  private asCommand(signal: ControlSignal): CommandEvent | null {
    this.signals += 1;
    const id = `signal:${this.s.opts.runId}:${this.signals}`;
    switch (signal.kind) {
      case 'pause':
        throw new Stop({ kind: 'paused', detail: signal.reason, cause: 'user' });
      case 'clear':
        throw new Stop({ kind: 'cleared', detail: signal.reason });
      case 'budget':
        return {
          id,
          actor: 'maintainer',
          command: { kind: 'budget', requested: signal.record.budget },
        };
      case 'edit':
        return { id, actor: 'maintainer', command: { kind: 'edit', contract: signal.contract } };
    }
  }
}
