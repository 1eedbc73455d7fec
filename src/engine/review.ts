// The review turn when a goal ends: the model reads the whole diff against the base, removes
// debug output and leftovers of abandoned approaches, and writes the report. Cleanup is
// re-verified; if it breaks what was proven, it is reverted and the proven checkpoint stays.
// It costs a model turn, so it runs only when there is something to review: a large diff, added
// lines that look like debug leftovers, or a contract that asks for cleanup. Otherwise the PR's
// report is rendered from the record.
import { completionRefusals } from './completion.js';
import type { ContextKeeper } from './context-keeper.js';
import type { Evidence } from './evidence.js';
import type { ModelGate } from './gate.js';
import { errorText } from './loop-support.js';
import { reviewPrompt } from './prompts.js';
import { logProgress } from './record.js';
import type { RunSession } from './session.js';
import { renderTemplate } from './templates/render.js';
import { REVIEW_TOOL_REFUSED } from './templates/review.js';
import { clipToTokens } from './tokens.js';
import type { GoalContract, VerificationRun } from './types.js';

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

/** The parts of the engine the review works with. */
export interface ReviewParts {
  session: RunSession;
  gate: ModelGate;
  context: ContextKeeper;
  evidence: Evidence;
}

/** One review turn: clean up leftovers, re-verify, and write the report. Skipped when over budget. */
export async function review({ session: s, gate, context, evidence }: ReviewParts): Promise<void> {
  const { record: r, opts, deps } = s;
  if (!opts.review || !r.baseSha) return;
  // The review starts from a fresh snapshot: the diff, not the transcript, is what it reads.
  const conversation = context.fresh();
  const room = (opts.maxRequestTokens - conversation.tokens() - opts.sideOutputTokens * 3) * 4;
  const diff = await deps.workspace.diff(
    r.baseSha,
    Math.max(2_000, Math.min(opts.reviewDiffBytes, room)),
  );
  if (!diff.trim()) return;
  const why = reviewReason(diff, r.contract, opts.reviewMinDiffBytes);
  if (!why) {
    await s.note(
      `Review turn skipped: a small change (${diff.length} bytes of diff) with nothing to clean up.`,
    );
    return;
  }
  conversation.append({ type: 'message', role: 'user', content: reviewPrompt(diff) });
  const before = r.checkpoints.at(-1)?.sha;
  let report = '';
  for (let round = 0; round < opts.maxReviewRounds; round++) {
    const request = conversation.request(opts.sideOutputTokens, r.id);
    if (gate.wouldExceed(request)) {
      await s.note('Review turn skipped: not enough budget left.');
      return;
    }
    const response = await gate.call(request, true);
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
        ? await deps.tools
            .execute(call.name, call.arguments, { signal: opts.signal })
            .catch((err: unknown) => ({ ok: false, output: errorText(err) }))
        : {
            ok: false,
            output: renderTemplate(REVIEW_TOOL_REFUSED, { tool: call.name }),
          };
      conversation.append({
        type: 'tool_result',
        callId: call.callId,
        output: clipToTokens(result.output, opts.maxToolOutputTokens),
      });
    }
  }
  if (report) r.report = report;
  let verified: VerificationRun | undefined;
  const cleanup = await evidence.checkpointIfChanged('review cleanup', async () => {
    verified = await evidence.verify(r.iteration, undefined);
    return evidence.summarize(verified.results);
  });
  if (!cleanup || !verified) return;
  r.latest = { ...verified, sha: cleanup.sha };
  await evidence.refreshFindings();
  if (
    r.state === 'achieved' &&
    completionRefusals({
      hasVerifiers: true,
      clean: await deps.workspace.isClean(),
      judgement: evidence.judge(),
      findings: r.findings,
    }).length > 0 &&
    before &&
    deps.workspace.resetTo
  ) {
    // The cleanup broke what was proven: keep the proven checkpoint.
    await deps.workspace.resetTo(before);
    r.checkpoints.pop();
    logProgress(r, {
      iteration: r.iteration,
      kind: 'decision',
      text: 'Review cleanup failed verification or fired a tamper rule; it was reverted',
    });
    r.latest = await evidence.verify(r.iteration, before);
    await evidence.refreshFindings();
  }
}
