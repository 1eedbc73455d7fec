// The goal loop. One iteration: the model works through tool calls until it ends its turn; then the
// harness checkpoints, runs the verifiers, judges, and decides whether to go on. The engine alone
// changes the goal's state; the model can only ask (update_goal). Every loop here is bounded.
import { findTampering, isTamperRelevant } from '../verify/tamper.js';
import { changedFiles } from './changes.js';
import { NO_VERIFIER, unrunnableVerifiers } from './preflight.js';
import { packageScripts } from '../verify/verifier-scripts.js';
import { judge, summarizeVerification, type Judgement } from '../verify/judge.js';
import { baselineTestPaths, ORACLE_RULE, oracleFinding } from './oracle.js';
import { blockedRefusal, completionRefusals, refusalMessage } from './completion.js';
import { Conversation } from './context.js';
import {
  billedTokens,
  callWouldExceed,
  charge,
  limitOf,
  limitReached,
  remainingTokens,
} from './ledger.js';
import {
  ModelError,
  type ControlSignal,
  type EngineEvent,
  type GoalRequest,
  type ModelRequest,
  type ModelResponse,
} from './ports.js';
import { priceFor, type ModelPrice } from './prices.js';
import {
  RESTATE_FIRST,
  RESTATE_PROMPT,
  WRAP_UP_PROMPT,
  renderBudget,
  renderInstructions,
  renderRun,
  renderSnapshot,
} from './prompts.js';
import { logProgress, oneLine, recordIteration, stop } from './record.js';
import { NUDGE_MESSAGE, RepetitionTracker, assessProgress } from './stall.js';
import { clipToTokens, estimateTokens } from './tokens.js';
import type { EngineDeps, EngineOptions } from './options.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import type { GoalRecord, VerificationRun } from './types.js';
import {
  BudgetStop,
  MIN_OUTPUT_TOKENS,
  Stop,
  errorText,
  estimateRequest,
  modelErrorAction,
  summarizeActions,
  type TurnOutcome,
} from './loop-support.js';
import { review } from './review.js';
import { keepSummary, summarizeConversation } from './compaction.js';

/** Share of the request budget the newest tool outputs may keep when a batch elides the rest. */
const KEPT_OUTPUTS_SHARE = 0.1;

export async function runGoal(
  record: GoalRecord,
  deps: EngineDeps,
  options: EngineOptions,
): Promise<GoalRecord> {
  return new GoalLoop(record, deps, resolveOptions(options)).run();
}

class GoalLoop {
  private conversation!: Conversation;
  private repoMap = '';
  readonly price: ModelPrice;
  private readonly repetition = new RepetitionTracker();
  private lastTick: number;
  private feedback: string[] = [];
  private baseScripts?: Record<string, string> | null;
  /** The workspace is on the goal branch: there is something to checkpoint and review. */
  private prepared = false;
  /** Tool outputs saved to the scratch area so far, for unique names. */
  private savedOutputs = 0;
  /** The restatement is still to come, with the first working turn. */
  private restatePending = false;

  constructor(
    readonly record: GoalRecord,
    readonly deps: EngineDeps,
    readonly opts: ResolvedOptions,
  ) {
    this.price = priceFor(opts.model, opts.prices).price;
    this.lastTick = deps.clock.now();
  }

  async run(): Promise<GoalRecord> {
    try {
      await this.start();
      await this.iterate();
    } catch (err) {
      await this.handleStop(err);
    }
    await this.finish();
    return this.record;
  }

  // ------------------------------------------------------------ phases

  private async start(): Promise<void> {
    const r = this.record;
    r.state = 'pursuing';
    delete r.stopReason;
    const at = this.iso();
    r.runs.push({
      id: this.opts.runId,
      ...(this.opts.runUrl ? { url: this.opts.runUrl } : {}),
      startedAt: at,
    });
    r.lock = { runId: this.opts.runId, heartbeatAt: at };
    const { baseSha, branch } = await this.deps.workspace.prepare(r);
    r.baseSha ??= baseSha;
    this.prepared = true;
    r.branch = branch;
    this.repoMap = await this.deps.workspace.repoMap(this.opts.repoMapBytes);
    await this.emit({ type: 'started', record: r });
    await this.save();

    if (this.runnableSpecs().length === 0) throw new Stop(NO_VERIFIER);
    if (!r.baseline) {
      const baseline = await this.verify(0, r.baseSha);
      const unrunnable = unrunnableVerifiers(this.runnableSpecs(), baseline.results);
      // Shown, but not kept as the baseline: it is measured again once the command is fixed.
      if (unrunnable) r.latest = baseline;
      if (unrunnable) throw new Stop(unrunnable);
      r.baseline = baseline;
      r.latest = r.baseline;
      // Progress is measured from the untouched tree: an iteration that changes nothing is idle.
      r.stall.bestScore = this.judgeRun(r.baseline).score;
      const failing = r.baseline.results.filter((x) => !x.passed).map((x) => x.name);
      logProgress(r, {
        iteration: 0,
        kind: 'verification',
        text: `Baseline: ${summarizeVerification(this.runnableSpecs(), r.baseline.results, this.record.baseline?.results)}${failing.length ? `; failing before any edit: ${failing.join(', ')}` : ''}`,
      });
      await this.emit({ type: 'baseline', record: r });
      await this.save();
    }
    this.conversation = this.newConversation();

    if (!r.restatement && !this.opts.confirmContract) {
      // No turn of its own: the model restates at the start of its first working turn.
      this.restatePending = true;
    } else if (!r.restatement) {
      const response = await this.call(
        this.conversation.sideRequest(RESTATE_PROMPT, this.opts.sideOutputTokens),
        true,
      );
      r.restatement = response.text.trim() || '(the model gave no restatement)';
      this.conversation.append({ type: 'message', role: 'user', content: RESTATE_PROMPT });
      this.conversation.append({ type: 'message', role: 'assistant', content: r.restatement });
      await this.emit({ type: 'restated', record: r, text: r.restatement });
      r.awaitingConfirmation = true;
      throw new Stop({
        kind: 'paused',
        detail:
          'Waiting for a maintainer to confirm the restated contract: reply `/goal resume` to start.',
      });
    }
    r.awaitingConfirmation = false;
  }

  private async iterate(): Promise<void> {
    const r = this.record;
    for (;;) {
      await this.pollControl();
      this.guardLimits();
      r.iteration += 1;
      const tokensBefore = r.ledger.tokens;
      await this.emit({ type: 'iteration-start', record: r });
      // Its evidence and budget go stale with the next iteration: elision keeps only the heading.
      this.conversation.append(
        { type: 'message', role: 'user', content: this.iterationMessage() },
        `# Iteration ${r.iteration}\n\n(Evidence and budget of this iteration elided: a later iteration message has the current ones.)`,
      );
      this.feedback = [];

      const outcome = await this.agentTurns();
      await this.captureRestatement('', true);
      if (outcome.actions.length)
        logProgress(r, {
          iteration: r.iteration,
          kind: 'action',
          text: summarizeActions(outcome.actions),
        });
      // Verify the committed tree before the checkpoint is pushed, so its trailers carry the result.
      let verified: VerificationRun | undefined;
      const checkpoint = await this.checkpointIfChanged(`Iteration ${r.iteration}`, async () => {
        verified = await this.verify(r.iteration, undefined);
        return summarizeVerification(
          this.runnableSpecs(),
          verified.results,
          this.record.baseline?.results,
        );
      });
      if (verified && checkpoint) verified.sha = checkpoint.sha;
      if (!verified && outcome.goal?.status === 'complete')
        verified = await this.verify(r.iteration, r.checkpoints.at(-1)?.sha ?? r.baseSha);
      if (verified) {
        r.latest = verified;
        await this.refreshFindings();
      }
      const judgement = this.judge();
      if (r.latest && (!r.best || judgement.score > this.judgeRun(r.best).score)) r.best = r.latest;
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
        await this.decideCompletion(outcome.goal.evidence, judgement);
      if (outcome.goal?.status === 'blocked') this.decideBlocked(outcome.goal);
      if (!outcome.goal && judgement.achieved && checkpoint)
        this.feedback.push(
          'Every verifier passes on the latest checkpoint. If the outcome in the contract fully holds, call update_goal with status "complete" and your evidence; otherwise keep going.',
        );

      this.assessStall(judgement, outcome);
      await this.rollbackIfRegressed(judgement);
      await this.emit({ type: 'iteration-end', record: r });
      await this.save();
    }
  }

  /** The model's turn within one iteration: calls tools until it ends its turn or asks to finish. */
  private async agentTurns(): Promise<TurnOutcome> {
    const outcome: TurnOutcome = { edits: [], failedCommands: [], actions: [] };
    for (let round = 0; round < this.opts.maxRoundsPerIteration; round++) {
      if (round > 0) await this.pollControl();
      this.guardLimits(true);
      await this.fitContext();
      const response = await this.callWithRecovery();
      await this.captureRestatement(response.text, response.toolCalls.length === 0);
      // Reasoning first, as the model produced it: part of the stable prefix until compaction.
      for (const item of response.reasoning ?? []) this.conversation.append(item);
      if (response.text)
        this.conversation.append({ type: 'message', role: 'assistant', content: response.text });
      for (const call of response.toolCalls)
        this.conversation.append({
          type: 'tool_call',
          callId: call.callId,
          name: call.name,
          arguments: call.arguments,
        });
      await this.emit({
        type: 'model-turn',
        record: this.record,
        text: response.text,
        toolCalls: response.toolCalls.length,
        tokens: billedTokens(response.usage),
      });
      if (response.toolCalls.length === 0) return outcome;

      for (const call of response.toolCalls) {
        const result = await this.deps.tools
          .execute(call.name, call.arguments, { signal: this.opts.signal })
          .catch(
            (err: unknown) =>
              ({ ok: false, output: `Tool ${call.name} failed: ${errorText(err)}` }) as const,
          );
        const output = clipToTokens(result.output, this.opts.maxToolOutputTokens);
        this.conversation.append({ type: 'tool_result', callId: call.callId, output });
        if ('plan' in result && result.plan) this.record.plan = result.plan;
        if ('goal' in result && result.goal) outcome.goal = result.goal;
        outcome.actions.push({ name: call.name, ok: result.ok });
        if (call.name === 'apply_patch' && result.ok) outcome.edits.push(call.arguments);
        if (call.name === 'shell' && !result.ok) outcome.failedCommands.push(call.arguments);
        await this.emit({
          type: 'tool',
          record: this.record,
          name: call.name,
          summary: oneLine(call.arguments, 160),
          ok: result.ok,
        });
      }
      if (outcome.goal) return outcome;
    }
    this.feedback.push(
      `Your last turn used all ${this.opts.maxRoundsPerIteration} tool rounds of an iteration; end your turn sooner so the harness can checkpoint and verify.`,
    );
    return outcome;
  }

  /**
   * The first message of the first working turn is the restatement. A turn that opens with tool
   * calls and no text restates nothing; the next text of the turn is taken, or a note if none.
   */
  private async captureRestatement(text: string, turnEnded: boolean): Promise<void> {
    if (!this.restatePending) return;
    const restatement = text.trim();
    if (!restatement && !turnEnded) return;
    this.restatePending = false;
    this.record.restatement = restatement || '(the model gave no restatement)';
    await this.emit({ type: 'restated', record: this.record, text: this.record.restatement });
  }

  // ------------------------------------------------------------ decisions

  private async decideCompletion(evidence: string, judgement: Judgement): Promise<void> {
    const r = this.record;
    if (judgement.achieved) await this.checkBaselineTests();
    const reasons = completionRefusals({
      hasVerifiers: this.runnableSpecs().length > 0,
      clean: await this.deps.workspace.isClean(),
      judgement,
      findings: r.findings.filter((f) => !r.contract.allowedChanges.includes(f.rule)),
    });
    if (reasons.length === 0) {
      logProgress(r, {
        iteration: r.iteration,
        kind: 'decision',
        text: `Achieved. Model's evidence: ${evidence}`,
      });
      throw new Stop({
        kind: 'achieved',
        evidence: `${summarizeVerification(this.runnableSpecs(), r.latest!.results, this.record.baseline?.results)} on ${r.latest?.sha?.slice(0, 10) ?? 'the base'}`,
      });
    }
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: `Completion refused: ${reasons.join(' | ')}`,
    });
    this.feedback.push(refusalMessage(reasons));
    await this.emit({
      type: 'note',
      record: r,
      text: `Completion refused: ${reasons.length} requirement(s) unmet`,
    });
  }

  private decideBlocked(request: Extract<GoalRequest, { status: 'blocked' }>): void {
    const refusal = blockedRefusal(request);
    const r = this.record;
    if (!refusal) {
      logProgress(r, {
        iteration: r.iteration,
        kind: 'decision',
        text: `Blocked: ${request.blocker}`,
      });
      throw new Stop({
        kind: 'blocked',
        blocker: request.blocker.trim(),
        needs: (request.needs ?? '').trim(),
      });
    }
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: `Blocked request refused: ${refusal}`,
    });
    this.feedback.push(refusal);
  }

  private assessStall(judgement: Judgement, outcome: TurnOutcome): void {
    const repeated = [
      ...outcome.edits
        .filter((e) => this.repetition.note('edit', e) > 0)
        .map(() => 'an edit already made'),
      ...outcome.failedCommands
        .filter((c) => this.repetition.note('failed-command', c) > 0)
        .map(() => 'a command that already failed'),
    ];
    const verdict = assessProgress(
      this.record,
      judgement.score,
      [...new Set(repeated)],
      this.opts.stallIterations,
    );
    if (verdict.action === 'nudge') {
      this.feedback.push(NUDGE_MESSAGE(verdict.detail));
      logProgress(this.record, {
        iteration: this.record.iteration,
        kind: 'decision',
        text: `Asked to change approach: ${verdict.detail}`,
      });
    }
    if (verdict.action === 'stall') throw new Stop({ kind: 'stalled', detail: verdict.detail });
  }

  private async rollbackIfRegressed(judgement: Judgement): Promise<void> {
    const r = this.record;
    if (!this.opts.rollbackOnRegression || !r.best?.sha || !this.deps.workspace.resetTo) return;
    if (r.best === r.latest || judgement.score >= this.judgeRun(r.best).score) return;
    await this.deps.workspace.resetTo(r.best.sha);
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: `Rolled back to best checkpoint ${r.best.sha.slice(0, 10)} after a regression`,
    });
    this.feedback.push(
      `Your last change made the verifiers worse; the branch was reset to the best checkpoint ${r.best.sha.slice(0, 10)}.`,
    );
  }

  // ------------------------------------------------------------ model calls and context

  async call(request: ModelRequest, exempt = false): Promise<ModelResponse> {
    if (!exempt) {
      // Near the end of the budget the output cap shrinks to what is left, down to a useful minimum.
      const input = estimateRequest(request);
      const room = remainingTokens(this.record) - input;
      const maxOutputTokens = Math.min(request.maxOutputTokens, Math.max(MIN_OUTPUT_TOKENS, room));
      const hit = callWouldExceed(this.record, input, maxOutputTokens, this.price);
      if (hit) throw new BudgetStop(hit);
      request = { ...request, maxOutputTokens };
    }
    const response = await this.deps.model.turn(request, this.opts.signal);
    charge(this.record.ledger, response.usage, this.price);
    this.tick();
    return response;
  }

  private async callWithRecovery(): Promise<ModelResponse> {
    try {
      return await this.call(this.conversation.request(this.opts.maxOutputTokens, this.record.id));
    } catch (err) {
      if (!(err instanceof ModelError) || err.kind !== 'context-length') throw err;
      // The provider counts differently from our estimate: compact now and try once more.
      await this.compact('the provider reported the request too long');
      return this.call(this.conversation.request(this.opts.maxOutputTokens, this.record.id));
    }
  }

  private async fitContext(): Promise<void> {
    const limit = this.opts.maxRequestTokens - this.opts.maxOutputTokens;
    if (this.conversation.tokens() <= limit) return;
    // The recent outputs kept whole take at most a tenth of the budget: the batch frees the rest.
    const keep = this.conversation.recentToKeep(
      this.opts.keepRecentToolOutputs,
      Math.floor(limit * KEPT_OUTPUTS_SHARE),
    );
    await this.elide(this.conversation, keep);
    if (this.conversation.tokens() <= limit) return;
    await this.compact('the conversation outgrew the request budget');
  }

  /** Elides in one batch; each output leaves a pointer to its saved copy where one could be saved. */
  private async elide(conversation: Conversation, keepRecent: number): Promise<void> {
    const paths = new Map<string, string>();
    const scratch = this.deps.scratch;
    if (scratch)
      for (const { callId, output } of conversation.elisionCandidates(keepRecent)) {
        this.savedOutputs += 1;
        const name = `output-${this.record.iteration}-${this.savedOutputs}.txt`;
        // Saving is a convenience for the model: a failure only leaves the pointer out.
        const path = await scratch.save(name, output).catch(() => undefined);
        if (path) paths.set(callId, path);
      }
    conversation.elide(keepRecent, (callId) => paths.get(callId));
  }

  /** Summarises the conversation into the record and starts a fresh one from the snapshot. */
  private async compact(why: string): Promise<void> {
    const { summary, ok } = await summarizeConversation(this.conversation, this.opts, (request) =>
      this.call(request),
    );
    keepSummary(this.record, summary, why, ok);
    this.conversation = this.newConversation();
    await this.emit({ type: 'compacted', record: this.record, ok });
  }

  /** The conversation, made to fit one more side prompt: elide tool outputs, else start fresh. */
  private async roomyConversation(extraTokens: number): Promise<Conversation> {
    const limit = this.opts.maxRequestTokens - this.opts.sideOutputTokens - extraTokens;
    if (this.conversation.tokens() <= limit) return this.conversation;
    await this.elide(this.conversation, 0);
    if (this.conversation.tokens() <= limit) return this.conversation;
    return this.newConversation();
  }

  newConversation(): Conversation {
    return new Conversation(
      renderInstructions(this.record, this.repoMap),
      this.deps.tools.specs(),
      renderSnapshot(this.record),
    );
  }

  private iterationMessage(): string {
    const r = this.record;
    const specs = this.runnableSpecs();
    return [
      `# Iteration ${r.iteration}`,
      renderRun('Latest verifier evidence', r.latest, specs, 600),
      renderBudget(r),
      ...this.feedback,
      ...(this.restatePending ? [RESTATE_FIRST] : []),
    ].join('\n\n');
  }

  // ------------------------------------------------------------ evidence

  runnableSpecs() {
    return this.record.contract.verification.filter((s) => s.source !== 'issue');
  }

  async verify(iteration: number, sha: string | undefined): Promise<VerificationRun> {
    const results = await this.deps.verifiers.run(this.runnableSpecs(), this.opts.signal);
    for (const res of results)
      if (res.flaky && !this.record.flaky.includes(res.name)) this.record.flaky.push(res.name);
    const run: VerificationRun = { iteration, at: this.iso(), results, ...(sha ? { sha } : {}) };
    this.tick();
    await this.emit({ type: 'verified', record: this.record, results });
    // The baseline gets its own log line (with what failed before any edit).
    if (iteration > 0)
      logProgress(this.record, {
        iteration,
        kind: 'verification',
        text: summarizeVerification(this.runnableSpecs(), results, this.record.baseline?.results),
      });
    return run;
  }

  judge(): Judgement {
    return this.judgeRun(this.record.latest);
  }

  private judgeRun(run: VerificationRun | undefined): Judgement {
    return judge(this.runnableSpecs(), run?.results ?? [], this.record.baseline?.results);
  }

  async refreshFindings(): Promise<void> {
    const r = this.record;
    if (!r.baseSha) return;
    const changes = await this.deps.workspace.changes(r.baseSha, isTamperRelevant);
    r.changes = changedFiles(changes);
    // Scripts a verifier runs through `npm test` may live in files package.json only names.
    // The base never changes: read its package.json scripts once per run.
    this.baseScripts ??=
      packageScripts(await this.deps.workspace.readAt?.(r.baseSha, 'package.json')) ?? null;
    const baseScripts = this.baseScripts ?? undefined;
    r.findings = findTampering({
      changes,
      ...(baseScripts ? { baseScripts } : {}),
      specs: r.contract.verification,
      ...(r.baseline ? { baseline: r.baseline.results } : {}),
      ...(r.latest ? { latest: r.latest.results } : {}),
      allowed: r.contract.allowedChanges,
      protectedPaths: r.contract.protectedPaths,
    });
  }

  /** The oracle run (engine/oracle.ts): adds a finding when the base's tests do not hold. */
  private async checkBaselineTests(): Promise<void> {
    const r = this.record;
    const allowed = r.contract.allowedChanges.includes(ORACLE_RULE);
    if (!r.baseSha || !this.deps.verifiers.restoresFromBase || allowed) return;
    const changes = await this.deps.workspace.changes(r.baseSha, () => false);
    const paths = baselineTestPaths(changes);
    if (paths.length === 0) return;
    const restored = await this.deps.verifiers.run(this.runnableSpecs(), this.opts.signal, {
      restoreFromBase: { sha: r.baseSha, paths },
    });
    const finding = oracleFinding(this.runnableSpecs(), restored, r.baseline?.results, paths);
    logProgress(r, {
      iteration: r.iteration,
      kind: 'verification',
      text: finding
        ? `With the base's tests restored (${paths.join(', ')}), the required verifiers fail`
        : `With the base's tests restored (${paths.join(', ')}), the required verifiers still pass`,
    });
    if (finding) r.findings = [...r.findings.filter((f) => f.rule !== ORACLE_RULE), finding];
  }

  async checkpointIfChanged(subject: string, verify?: () => Promise<string>) {
    const r = this.record;
    // checkpoint() stages everything and returns null when nothing changed.
    const checkpoint = await this.deps.workspace.checkpoint({
      goalId: r.id,
      iteration: r.iteration,
      subject: `goal: ${oneLine(r.title, 60)} — ${subject}`,
      verifierSummary: 'not verified (the goal stopped before verification)',
      tokens: r.ledger.tokens,
      usd: r.ledger.usd,
      ...(verify ? { verify } : {}),
    });
    if (!checkpoint) return null;
    r.checkpoints.push(checkpoint);
    if (r.checkpoints.length > 200) r.checkpoints.splice(0, r.checkpoints.length - 200);
    await this.emit({ type: 'checkpoint', record: r, checkpoint });
    return checkpoint;
  }

  // ------------------------------------------------------------ control, limits, stopping

  private async pollControl(): Promise<void> {
    const signals = await this.deps.control.poll();
    for (const signal of signals) this.applyControl(signal);
  }

  private applyControl(signal: ControlSignal): void {
    const r = this.record;
    switch (signal.kind) {
      case 'pause':
        throw new Stop({ kind: 'paused', detail: signal.reason });
      case 'clear':
        throw new Stop({ kind: 'cleared', detail: signal.reason });
      case 'budget':
        r.budget = signal.record.budget;
        logProgress(r, {
          iteration: r.iteration,
          kind: 'control',
          text: 'Budget changed by a maintainer',
        });
        return;
      case 'edit':
        r.contract = signal.contract;
        r.contractRevision += 1;
        r.stall = {
          idle: 0,
          nudged: false,
          ...(r.stall.bestScore !== undefined ? { bestScore: r.stall.bestScore } : {}),
        };
        logProgress(r, {
          iteration: r.iteration,
          kind: 'control',
          text: `Objective changed: ${signal.note}`,
        });
        // The contract lives in the stable prefix: a new revision starts a new conversation.
        this.conversation = this.newConversation();
        this.conversation.append({
          type: 'message',
          role: 'user',
          content: `The goal contract changed (revision ${r.contractRevision}): ${signal.note}. Follow the new contract from now on.`,
        });
        return;
    }
  }

  private guardLimits(withinIteration = false): void {
    this.tick();
    if (this.opts.signal?.aborted)
      throw new Stop({
        kind: 'paused',
        detail: 'The run was cancelled; continue with `/goal resume`.',
      });
    const hit = limitReached(this.record, withinIteration);
    if (hit) throw new BudgetStop(hit);
    if (this.opts.deadline !== undefined && this.deps.clock.now() >= this.opts.deadline)
      throw new Stop({
        kind: 'paused',
        detail: 'This run reached its time limit; the goal continues in the next run.',
      });
  }

  private async handleStop(err: unknown): Promise<void> {
    const r = this.record;
    if (err instanceof Stop) return stop(r, err.reason);
    if (err instanceof BudgetStop) {
      await this.wrapUp();
      const limit = limitOf(r.budget, err.hit.dimension);
      return stop(r, {
        kind: 'budget-limited',
        dimension: err.hit.dimension,
        detail: err.hit.detail,
        ...(limit !== undefined ? { limit } : {}),
      });
    }
    if (err instanceof ModelError) {
      if (err.kind === 'quota')
        return stop(r, {
          kind: 'budget-limited',
          dimension: 'quota',
          detail: `The provider's quota is exhausted: ${err.message}`,
        });
      if (this.opts.signal?.aborted)
        return stop(r, {
          kind: 'paused',
          detail: 'The run was cancelled; continue with `/goal resume`.',
        });
      return stop(r, {
        kind: 'failed',
        error: `Model call failed (${err.kind}): ${err.message}`,
        action: modelErrorAction(err),
      });
    }
    if (this.opts.signal?.aborted)
      return stop(r, {
        kind: 'paused',
        detail: 'The run was cancelled; continue with `/goal resume`.',
      });
    stop(r, {
      kind: 'failed',
      error: errorText(err),
      action: 'Fix the cause, then `/goal resume` (or re-run the workflow).',
    });
  }

  private async wrapUp(): Promise<void> {
    if (!this.conversation) return;
    try {
      const conversation = await this.roomyConversation(estimateTokens(WRAP_UP_PROMPT));
      const response = await this.call(
        conversation.sideRequest(WRAP_UP_PROMPT, this.opts.sideOutputTokens),
        true,
      );
      if (response.text.trim()) {
        this.record.report = response.text.trim();
        logProgress(this.record, {
          iteration: this.record.iteration,
          kind: 'summary',
          text: `Wrap-up: ${response.text}`,
        });
      }
    } catch (err) {
      await this.emit({
        type: 'note',
        record: this.record,
        text: `Wrap-up turn failed: ${errorText(err)}`,
      });
    }
  }

  /** Checkpoint what is left, review the change when the goal ended, release the lock, save. */
  private async finish(): Promise<void> {
    const r = this.record;
    try {
      // A run that stopped before the goal branch was ready has nothing to checkpoint or review.
      if (this.prepared) {
        await this.checkpointIfChanged(`stopped (${r.state})`);
        if (['achieved', 'blocked', 'stalled'].includes(r.state)) await review(this);
      }
    } catch (err) {
      await this.emit({
        type: 'note',
        record: r,
        text: `Could not finish cleanly: ${errorText(err)}`,
      });
    }
    const run = r.runs.at(-1);
    if (run) run.endedAt = this.iso();
    delete r.lock;
    r.updatedAt = this.iso();
    await this.save();
    await this.emit({ type: 'stopped', record: r });
  }

  // ------------------------------------------------------------ plumbing

  private tick(): void {
    const now = this.deps.clock.now();
    this.record.ledger.elapsedSec += Math.max(0, now - this.lastTick) / 1000;
    this.lastTick = now;
  }

  private iso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private async save(): Promise<void> {
    const r = this.record;
    r.updatedAt = this.iso();
    if (r.lock) r.lock.heartbeatAt = r.updatedAt;
    await this.deps.store.save(r);
  }

  async emit(event: EngineEvent): Promise<void> {
    try {
      await this.deps.reporter.onEvent(event);
    } catch {
      // Reporting must never break the loop; reporters log their own failures.
    }
  }
}
