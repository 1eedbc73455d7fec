// The goal loop. One iteration: the model works through tool calls until it ends its turn
// (engine/turn.ts); then the harness checkpoints, runs the verifiers and judges (engine/evidence.ts),
// and decides whether to go on (engine/decide.ts). Every model call goes through the budget gate
// (engine/gate.ts); the conversation is kept within the request budget by engine/context-keeper.ts.
// The engine alone changes the goal's state; the model can only ask (update_goal). Every loop here
// is bounded.
import { stops } from '../domain/stop.js';
import { ContextKeeper } from './context-keeper.js';
import { ControlHandler } from './control.js';
import { Decisions } from './decide.js';
import { Evidence } from './evidence.js';
import { ModelGate } from './gate.js';
import { Stop, errorText, estimateRequest, summarizeActions } from './loop-support.js';
import type { EngineDeps, EngineOptions } from './options.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { NO_VERIFIER } from './preflight.js';
import { RESTATE_PROMPT } from './prompts.js';
import { logProgress, recordIteration } from './record.js';
import { callCost, chargeLeftover } from './reservation.js';
import { review } from './review.js';
import { RunSession } from './session.js';
import { stopFor } from './stopping.js';
import { ALL_PASS, CONTRACT_CHANGED, ITERATION_ELIDED } from './templates/iteration.js';
import { renderTemplate } from './templates/render.js';
import { NO_RESTATEMENT } from './templates/side-prompts.js';
import { AgentTurn } from './turn.js';
import type { GoalRecord } from './types.js';

export async function runGoal(
  record: GoalRecord,
  deps: EngineDeps,
  options: EngineOptions,
): Promise<GoalRecord> {
  return new GoalLoop(new RunSession(record, deps, resolveOptions(options))).run();
}

class GoalLoop {
  private readonly gate: ModelGate;
  private readonly evidence: Evidence;
  private readonly decisions: Decisions;
  private readonly control: ControlHandler;
  private context?: ContextKeeper;
  private turn?: AgentTurn;
  /** What the harness tells the model at the start of the next iteration. */
  private feedback: string[] = [];
  /** The workspace is on the goal branch: there is something to checkpoint and review. */
  private prepared = false;

  constructor(private readonly s: RunSession) {
    this.gate = new ModelGate(s);
    this.evidence = new Evidence(s);
    this.decisions = new Decisions(s, this.evidence);
    this.control = new ControlHandler(s, (revision, note) => this.contractChanged(revision, note));
  }

  private get opts(): ResolvedOptions {
    return this.s.opts;
  }

  async run(): Promise<GoalRecord> {
    try {
      await this.start();
      await this.iterate();
    } catch (err) {
      const reason = await stopFor(err, this.s, this.gate, this.context);
      // The state machine stops the goal; this run keeps its lock until its last write (the
      // final checkpoint and the review below are still this run's).
      const lock = this.s.record.lock;
      this.control.system({ kind: 'loop-stopped', reason });
      if (lock) this.s.record.lock = lock;
    }
    await this.finish();
    return this.s.record;
  }

  // ------------------------------------------------------------ phases

  private async start(): Promise<void> {
    const { s } = this;
    const r = s.record;
    // A run that died left its reservation: the calls it covered may all have been billed.
    const leftover = chargeLeftover(r);
    if (leftover > 0)
      await s.note(
        `Charged ${leftover} tokens an interrupted run had reserved for its model calls`,
      );
    this.control.system({
      kind: 'loop-started',
      runId: this.opts.runId,
      ...(this.opts.runUrl ? { runUrl: this.opts.runUrl } : {}),
    });
    const { baseSha, branch } = await s.deps.workspace.prepare(r);
    r.baseSha ??= baseSha;
    this.prepared = true;
    r.branch = branch;
    const repoMap = await s.deps.workspace.repoMap(this.opts.repoMapBytes);
    const context = new ContextKeeper(s, this.gate, repoMap);
    this.context = context;
    const turn = new AgentTurn(s, this.gate, context, this.evidence, () => this.pollControl());
    this.turn = turn;
    // A store that writes in the background (saved()) gets the record saved now while the
    // baseline and the first call run: it covers the first calls, so the second waits for nothing.
    // One durable once save() returns is simply saved before a call it does not cover.
    if (s.deps.store.saved) {
      const first = context.fresh().request(this.opts.maxOutputTokens, r.id);
      s.reservation.provision(callCost(estimateRequest(first), first.maxOutputTokens, s.price));
    }
    await s.emit({ type: 'started', record: r });
    await s.save();

    if (this.evidence.runnableSpecs().length === 0) throw new Stop(NO_VERIFIER);
    if (await this.evidence.measureBaseline()) await s.save();
    context.restart();

    if (!r.restatement && !this.opts.confirmContract) {
      // No turn of its own: the model restates at the start of its first working turn.
      turn.restatePending = true;
    } else if (!r.restatement) {
      const response = await this.gate.call(
        context.conversation.sideRequest(RESTATE_PROMPT, this.opts.sideOutputTokens),
        true,
      );
      r.restatement = response.text.trim() || renderTemplate(NO_RESTATEMENT, {});
      context.append({ type: 'message', role: 'user', content: RESTATE_PROMPT });
      context.append({ type: 'message', role: 'assistant', content: r.restatement });
      await s.emit({ type: 'restated', record: r, text: r.restatement });
      r.awaitingConfirmation = true;
      throw new Stop(stops.awaitingConfirmation());
    }
    r.awaitingConfirmation = false;
  }

  private async iterate(): Promise<void> {
    const { s, evidence, decisions } = this;
    const context = this.context!;
    const turn = this.turn!;
    const r = s.record;
    for (;;) {
      await this.pollControl();
      this.gate.guardLimits();
      r.iteration += 1;
      const tokensBefore = r.ledger.tokens;
      await s.emit({ type: 'iteration-start', record: r });
      // Its evidence and budget go stale with the next iteration: elision keeps only the heading.
      context.append(
        { type: 'message', role: 'user', content: turn.iterationMessage(this.feedback) },
        renderTemplate(ITERATION_ELIDED, { iteration: r.iteration }),
      );
      const feedback: string[] = [];
      this.feedback = feedback;

      const outcome = await turn.run(feedback);
      await turn.captureRestatement('', true);
      if (outcome.actions.length)
        logProgress(r, {
          iteration: r.iteration,
          kind: 'action',
          text: summarizeActions(outcome.actions),
        });
      const checkpoint = await evidence.commitIteration(outcome.goal?.status === 'complete');
      const judgement = evidence.judge();
      if (r.latest && (!r.best || judgement.score > evidence.judgeRun(r.best).score))
        r.best = r.latest;
      recordIteration(r, {
        iteration: r.iteration,
        passing: judgement.requiredPassing,
        total: judgement.requiredTotal,
        metrics: Object.fromEntries(
          (r.latest?.results ?? [])
            .filter((x) => x.metricValue !== undefined)
            .map((x) => [x.name, x.metricValue!]),
        ),
        tokens: r.ledger.tokens - tokensBefore,
        ...(checkpoint ? { sha: checkpoint.sha } : {}),
        note: outcome.goal
          ? `asked: ${outcome.goal.status}`
          : checkpoint
            ? 'checkpoint'
            : 'no change',
      });

      if (outcome.goal?.status === 'complete')
        await decisions.completion(outcome.goal.evidence, judgement, feedback);
      if (outcome.goal?.status === 'blocked') decisions.blocked(outcome.goal, feedback);
      if (!outcome.goal && judgement.achieved && checkpoint)
        feedback.push(renderTemplate(ALL_PASS, {}));

      decisions.stall(judgement, outcome, feedback);
      await decisions.rollbackIfRegressed(judgement, feedback);
      await s.emit({ type: 'iteration-end', record: r });
      await s.save();
    }
  }

  // ------------------------------------------------------------ control

  private pollControl(): Promise<void> {
    return this.control.poll();
  }

  /** A new contract revision: it lives in the stable prefix, so a new conversation starts. */
  private contractChanged(revision: number, note: string): void {
    if (!this.context?.started) return;
    this.context.restart();
    this.context.append({
      type: 'message',
      role: 'user',
      content: renderTemplate(CONTRACT_CHANGED, { revision, note }),
    });
  }

  // ------------------------------------------------------------ stopping

  /** Checkpoint what is left, review the change when the goal ended, release the lock, save. */
  private async finish(): Promise<void> {
    const { s } = this;
    const r = s.record;
    try {
      // A run that stopped before the goal branch was ready has nothing to checkpoint or review.
      if (this.prepared) {
        await this.evidence.checkpointIfChanged(`stopped (${r.state})`);
        if (['achieved', 'blocked', 'stalled'].includes(r.state) && this.context)
          await review({
            session: s,
            gate: this.gate,
            context: this.context,
            evidence: this.evidence,
          });
      }
    } catch (err) {
      await s.note(`Could not finish cleanly: ${errorText(err)}`);
    }
    const run = r.runs.at(-1);
    if (run) run.endedAt = s.iso();
    delete r.lock;
    // No call follows: the final record carries the whole spending and nothing reserved.
    s.reservation.release();
    r.updatedAt = s.iso();
    await s.deps.store.save(r);
    await s.emit({ type: 'stopped', record: r });
  }
}
