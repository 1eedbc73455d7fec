// What the harness decides after an iteration's evidence: whether a completion or blocked request
// is granted, whether the agent is stalled, whether a regression is rolled back. The model may
// only ask; each refusal goes back to it as feedback for the next iteration.
import type { Judgement } from '../verify/judge.js';
import { blockedRefusal, completionRefusals, refusalMessage } from './completion.js';
import type { Evidence } from './evidence.js';
import { Stop, type TurnOutcome } from './loop-support.js';
import type { GoalRequest } from './ports.js';
import { logProgress } from './record.js';
import type { RunSession } from './session.js';
import { ROLLED_BACK } from './templates/iteration.js';
import { renderTemplate } from './templates/render.js';
import { NUDGE_MESSAGE, RepetitionTracker, assessProgress } from './stall.js';

export class Decisions {
  private readonly repetition = new RepetitionTracker();

  constructor(
    private readonly s: RunSession,
    private readonly evidence: Evidence,
  ) {}

  /** Grants completion (throws the `achieved` stop) or refuses it with the reasons as feedback. */
  async completion(evidenceText: string, judgement: Judgement, feedback: string[]): Promise<void> {
    const { record: r, deps } = this.s;
    if (judgement.achieved) await this.evidence.checkBaselineTests();
    const reasons = completionRefusals({
      hasVerifiers: this.evidence.runnableSpecs().length > 0,
      clean: await deps.workspace.isClean(),
      judgement,
      findings: r.findings.filter((f) => !r.contract.allowedChanges.includes(f.rule)),
    });
    if (reasons.length === 0) {
      logProgress(r, {
        iteration: r.iteration,
        kind: 'decision',
        text: `Achieved. Model's evidence: ${evidenceText}`,
      });
      throw new Stop({
        kind: 'achieved',
        evidence: `${this.evidence.summarize(r.latest!.results)} on ${r.latest?.sha?.slice(0, 10) ?? 'the base'}`,
      });
    }
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: `Completion refused: ${reasons.join(' | ')}`,
    });
    feedback.push(refusalMessage(reasons));
    await this.s.note(`Completion refused: ${reasons.length} requirement(s) unmet`);
  }

  /** Grants a concrete blocked request (throws the `blocked` stop) or refuses it as feedback. */
  blocked(request: Extract<GoalRequest, { status: 'blocked' }>, feedback: string[]): void {
    const refusal = blockedRefusal(request);
    const r = this.s.record;
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
    feedback.push(refusal);
  }

  /** Counts idle iterations and repeats: nudges once, then stops the goal as stalled. */
  stall(judgement: Judgement, outcome: TurnOutcome, feedback: string[]): void {
    const repeated = [
      ...outcome.edits
        .filter((e) => this.repetition.note('edit', e) > 0)
        .map(() => 'an edit already made'),
      ...outcome.failedCommands
        .filter((c) => this.repetition.note('failed-command', c) > 0)
        .map(() => 'a command that already failed'),
    ];
    const r = this.s.record;
    const verdict = assessProgress(
      r,
      judgement.score,
      [...new Set(repeated)],
      this.s.opts.stallIterations,
    );
    if (verdict.action === 'nudge') {
      feedback.push(NUDGE_MESSAGE(verdict.detail));
      logProgress(r, {
        iteration: r.iteration,
        kind: 'decision',
        text: `Asked to change approach: ${verdict.detail}`,
      });
    }
    if (verdict.action === 'stall') throw new Stop({ kind: 'stalled', detail: verdict.detail });
  }

  /** With rollback-on-regression, resets the branch to the best checkpoint after a regression. */
  async rollbackIfRegressed(judgement: Judgement, feedback: string[]): Promise<void> {
    const { record: r, deps, opts } = this.s;
    if (!opts.rollbackOnRegression || !r.best?.sha || !deps.workspace.resetTo) return;
    if (r.best === r.latest || judgement.score >= this.evidence.judgeRun(r.best).score) return;
    await deps.workspace.resetTo(r.best.sha);
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: `Rolled back to best checkpoint ${r.best.sha.slice(0, 10)} after a regression`,
    });
    feedback.push(renderTemplate(ROLLED_BACK, { sha: r.best.sha.slice(0, 10) }));
  }
}
