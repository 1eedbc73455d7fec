// The evidence step: the harness, not the model, establishes what holds. It stages and commits
// the work as a checkpoint (verified before it is pushed, so its trailers carry the result),
// runs the verifiers, judges the results against the baseline, and reads the change for tamper
// findings and for the oracle run (engine/oracle.ts).
import { summarizeVerification, judge, type Judgement } from '../verify/judge.js';
import { findTampering, isTamperRelevant } from '../verify/tamper.js';
import { packageScripts } from '../verify/verifier-scripts.js';
import { changedFiles } from './changes.js';
import { Stop } from './loop-support.js';
import { baselineTestPaths, ORACLE_RULE, oracleFinding } from './oracle.js';
import { unrunnableVerifiers } from './preflight.js';
import { logProgress, oneLine, recordCheckpoint } from './record.js';
import type { RunSession } from './session.js';
import type { Checkpoint, VerificationRun, VerifierResult, VerifierSpec } from './types.js';

export class Evidence {
  /** The base's package.json scripts, read once per run (the base never changes). */
  private baseScripts?: Record<string, string> | null;

  constructor(private readonly s: RunSession) {}

  /** The verifiers the harness runs: those from the issue text are shown, never executed. */
  runnableSpecs(): VerifierSpec[] {
    return this.s.record.contract.verification.filter((spec) => spec.source !== 'issue');
  }

  /** "2/3 required verifiers pass …", against the baseline. */
  summarize(results: VerifierResult[]): string {
    return summarizeVerification(this.runnableSpecs(), results, this.s.record.baseline?.results);
  }

  /**
   * Measures the baseline on the untouched base, once per goal. Stops the goal when a verifier
   * cannot even start there (the run shows it, but it is not kept as the baseline).
   */
  async measureBaseline(): Promise<boolean> {
    const r = this.s.record;
    if (r.baseline) return false;
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
      text: `Baseline: ${this.summarize(r.baseline.results)}${failing.length ? `; failing before any edit: ${failing.join(', ')}` : ''}`,
    });
    await this.s.emit({ type: 'baseline', record: r });
    return true;
  }

  /**
   * Commits the iteration's work (verified before the push) and keeps the latest evidence; a
   * completion request on an unchanged tree verifies the last checkpoint again.
   */
  async commitIteration(completionAsked: boolean): Promise<Checkpoint | null> {
    const r = this.s.record;
    let verified: VerificationRun | undefined;
    const checkpoint = await this.checkpointIfChanged(`Iteration ${r.iteration}`, async () => {
      verified = await this.verify(r.iteration, undefined);
      return this.summarize(verified.results);
    });
    if (verified && checkpoint) verified.sha = checkpoint.sha;
    if (!verified && completionAsked)
      verified = await this.verify(r.iteration, r.checkpoints.at(-1)?.sha ?? r.baseSha);
    if (verified) {
      r.latest = verified;
      await this.refreshFindings();
    }
    return checkpoint;
  }

  async verify(iteration: number, sha: string | undefined): Promise<VerificationRun> {
    const { s } = this;
    const results = await s.deps.verifiers.run(this.runnableSpecs(), s.opts.signal);
    for (const res of results)
      if (res.flaky && !s.record.flaky.includes(res.name)) s.record.flaky.push(res.name);
    const run: VerificationRun = { iteration, at: s.iso(), results, ...(sha ? { sha } : {}) };
    s.tick();
    await s.emit({ type: 'verified', record: s.record, results });
    // The baseline gets its own log line (with what failed before any edit).
    if (iteration > 0)
      logProgress(s.record, { iteration, kind: 'verification', text: this.summarize(results) });
    return run;
  }

  /** The judgement of the latest evidence. */
  judge(): Judgement {
    return this.judgeRun(this.s.record.latest);
  }

  judgeRun(run: VerificationRun | undefined): Judgement {
    return judge(this.runnableSpecs(), run?.results ?? [], this.s.record.baseline?.results);
  }

  /** Reads the change from the base and sets the record's changed files and tamper findings. */
  async refreshFindings(): Promise<void> {
    const { record: r, deps } = this.s;
    if (!r.baseSha) return;
    const changes = await deps.workspace.changes(r.baseSha, isTamperRelevant);
    r.changes = changedFiles(changes);
    // Scripts a verifier runs through `npm test` may live in files package.json only names.
    this.baseScripts ??=
      packageScripts(await deps.workspace.readAt?.(r.baseSha, 'package.json')) ?? null;
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
  async checkBaselineTests(): Promise<void> {
    const { record: r, deps, opts } = this.s;
    const allowed = r.contract.allowedChanges.includes(ORACLE_RULE);
    if (!r.baseSha || !deps.verifiers.restoresFromBase || allowed) return;
    const changes = await deps.workspace.changes(r.baseSha, () => false);
    const paths = baselineTestPaths(changes);
    if (paths.length === 0) return;
    const restored = await deps.verifiers.run(this.runnableSpecs(), opts.signal, {
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

  /** Stages everything and commits (and publishes) a checkpoint; null when nothing changed. */
  async checkpointIfChanged(
    subject: string,
    verify?: () => Promise<string>,
  ): Promise<Checkpoint | null> {
    const { record: r, deps } = this.s;
    const checkpoint = await deps.workspace.checkpoint({
      goalId: r.id,
      iteration: r.iteration,
      subject: `goal: ${oneLine(r.title, 60)} — ${subject}`,
      verifierSummary: 'not verified (the goal stopped before verification)',
      tokens: r.ledger.tokens,
      usd: r.ledger.usd,
      ...(verify ? { verify } : {}),
    });
    if (!checkpoint) return null;
    recordCheckpoint(r, checkpoint);
    await this.s.emit({ type: 'checkpoint', record: r, checkpoint });
    return checkpoint;
  }
}
