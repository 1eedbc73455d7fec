// The review turn when a goal ends: the model reads the whole diff against the base, removes
// debug output and leftovers of abandoned approaches, and writes the report. Cleanup is
// re-verified; if it breaks what was proven, it is reverted and the proven checkpoint stays.
// It costs a model turn, so it runs only when there is something to review: a large diff, added
// lines that look like debug leftovers, or a contract that asks for cleanup. Otherwise the PR's
// report is rendered from the record.
import { summarizeVerification, type Judgement } from '../verify/judge.js';
import { completionRefusals } from './completion.js';
import type { Conversation } from './context.js';
import { callWouldExceed } from './ledger.js';
import { errorText, estimateRequest } from './loop-support.js';
import type { EngineDeps } from './options.js';
import type { ResolvedOptions } from './options.js';
import type { EngineEvent, ModelRequest, ModelResponse } from './ports.js';
import type { ModelPrice } from './prices.js';
import { reviewPrompt } from './prompts.js';
import { logProgress } from './record.js';
import { clipToTokens } from './tokens.js';
import type {
  Checkpoint,
  GoalContract,
  GoalRecord,
  VerificationRun,
  VerifierSpec,
} from './types.js';

/** Added lines that are usually leftovers: prints, debugger statements, commented-out markers. */
const DEBUG_LINE =
  /^\+(?!\+\+).*(\bconsole\.(log|debug)\(|\bdebugger\b|\bprint\(|\bdbg!\(|\bpdb\.set_trace\(|\bbreakpoint\(\)|\bXXX\b|\bFIXME\b)/m;

const CLEANUP_ASKED =
  /\bclean[ -]?up\b|\btidy\b|\bremove (?:the |all )?(?:debug|dead|unused|leftover)/i;

/** Why the change deserves a review turn, or null when it does not. */
export function reviewReason(
  diff: string,
  contract: GoalContract,
  minBytes: number,
): string | null {
  const asks = [contract.outcome, ...contract.constraints, ...contract.steering].some((text) =>
    CLEANUP_ASKED.test(text),
  );
  if (asks) return 'the contract asks for cleanup';
  if (diff.length >= minBytes) return `the diff is ${diff.length} bytes`;
  if (DEBUG_LINE.test(diff)) return 'added lines look like debug output';
  return null;
}

/** What the review needs from the loop. */
export interface ReviewHost {
  readonly record: GoalRecord;
  readonly opts: ResolvedOptions;
  readonly deps: EngineDeps;
  readonly price: ModelPrice;
  newConversation(): Conversation;
  call(request: ModelRequest, exempt?: boolean): Promise<ModelResponse>;
  checkpointIfChanged(subject: string, verify?: () => Promise<string>): Promise<Checkpoint | null>;
  verify(iteration: number, sha: string | undefined): Promise<VerificationRun>;
  refreshFindings(): Promise<void>;
  judge(): Judgement;
  runnableSpecs(): VerifierSpec[];
  emit(event: EngineEvent): Promise<void>;
}

/** One review turn: clean up leftovers, re-verify, and write the report. Skipped when over budget. */
export async function review(loop: ReviewHost): Promise<void> {
  const r = loop.record;
  if (!loop.opts.review || !r.baseSha) return;
  // The review starts from a fresh snapshot: the diff, not the transcript, is what it reads.
  const conversation = loop.newConversation();
  const room =
    (loop.opts.maxRequestTokens - conversation.tokens() - loop.opts.sideOutputTokens * 3) * 4;
  const diff = await loop.deps.workspace.diff(
    r.baseSha,
    Math.max(2_000, Math.min(loop.opts.reviewDiffBytes, room)),
  );
  if (!diff.trim()) return;
  const why = reviewReason(diff, r.contract, loop.opts.reviewMinDiffBytes);
  if (!why) {
    await loop.emit({
      type: 'note',
      record: r,
      text: `Review turn skipped: a small change (${diff.length} bytes of diff) with nothing to clean up.`,
    });
    return;
  }
  conversation.append({ type: 'message', role: 'user', content: reviewPrompt(diff) });
  const before = r.checkpoints.at(-1)?.sha;
  let report = '';
  for (let round = 0; round < loop.opts.maxReviewRounds; round++) {
    const request = conversation.request(loop.opts.sideOutputTokens, r.id);
    if (callWouldExceed(r, estimateRequest(request), request.maxOutputTokens, loop.price)) {
      await loop.emit({
        type: 'note',
        record: r,
        text: 'Review turn skipped: not enough budget left.',
      });
      return;
    }
    const response = await loop.call(request, true);
    for (const item of response.reasoning ?? []) conversation.append(item);
    if (response.text)
      conversation.append({ type: 'message', role: 'assistant', content: response.text });
    if (response.toolCalls.length === 0) {
      report = response.text.trim();
      break;
    }
    for (const call of response.toolCalls) {
      conversation.append({
        type: 'tool_call',
        callId: call.callId,
        name: call.name,
        arguments: call.arguments,
      });
      // Only cleanup edits and reads: the review must not reopen the goal.
      const allowed = ['apply_patch', 'read_file', 'search'].includes(call.name);
      const result = allowed
        ? await loop.deps.tools
            .execute(call.name, call.arguments, { signal: loop.opts.signal })
            .catch((err: unknown) => ({ ok: false, output: errorText(err) }))
        : {
            ok: false,
            output: `${call.name} is not available during the review; use apply_patch for cleanup only.`,
          };
      conversation.append({
        type: 'tool_result',
        callId: call.callId,
        output: clipToTokens(result.output, loop.opts.maxToolOutputTokens),
      });
    }
  }
  if (report) r.report = report;
  let verified: VerificationRun | undefined;
  const cleanup = await loop.checkpointIfChanged('review cleanup', async () => {
    verified = await loop.verify(r.iteration, undefined);
    return summarizeVerification(
      loop.runnableSpecs(),
      verified.results,
      loop.record.baseline?.results,
    );
  });
  if (!cleanup || !verified) return;
  r.latest = { ...verified, sha: cleanup.sha };
  await loop.refreshFindings();
  if (
    r.state === 'achieved' &&
    completionRefusals({
      hasVerifiers: true,
      clean: await loop.deps.workspace.isClean(),
      judgement: loop.judge(),
      findings: r.findings,
    }).length > 0 &&
    before &&
    loop.deps.workspace.resetTo
  ) {
    // The cleanup broke what was proven: keep the proven checkpoint.
    await loop.deps.workspace.resetTo(before);
    r.checkpoints.pop();
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: 'Review cleanup failed verification or fired a tamper rule; it was reverted',
    });
    r.latest = await loop.verify(r.iteration, before);
    await loop.refreshFindings();
  }
}
