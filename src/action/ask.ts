// `/goal ask <question>`: a side answer from the goal's record, without touching the loop. The
// question is untrusted text: it is fenced, and the model gets no tools.
import { requireApiKey, type ActionConfig } from '../config/inputs.js';
import {
  billedTokens,
  fence,
  renderContract,
  renderSnapshot,
  type GoalRecord,
} from '../engine/index.js';
import { quoteModelText } from '../untrusted/neutralize.js';
import { makeRedactor } from './redact.js';

const INSTRUCTIONS = `You answer a maintainer's question about an autonomous coding goal, using only the goal record below (contract, plan, progress log, verifier evidence, budget). Be brief and factual. If the record does not tell, say so. Never claim the goal is achieved unless the record's state is "achieved".`;

export async function answerQuestion(
  cfg: ActionConfig,
  record: GoalRecord,
  question: string,
  // The caller's redactor when it has one (it may know more secrets than these two).
  redact: (text: string) => string = makeRedactor([cfg.openaiApiKey, cfg.githubToken]),
): Promise<string> {
  requireApiKey(cfg);
  // Loaded when a question comes: the SDK is no part of routing's start-up.
  const { createModel } = await import('../model/index.js');
  const model = createModel({
    api: cfg.api,
    apiKey: cfg.openaiApiKey,
    model: cfg.model,
    ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
  });
  const response = await model.turn({
    instructions: redact(
      `${INSTRUCTIONS}\n\n${renderContract(record.contract, record.contractRevision)}\n\nState: ${record.state}, iteration ${record.iteration}, ${record.checkpoints.length} checkpoint(s) on \`${record.branch}\`.`,
    ),
    input: [
      {
        type: 'message',
        role: 'user',
        content: redact(`${renderSnapshot(record)}\n\n${fence('Question', question)}`),
      },
    ],
    tools: [],
    maxOutputTokens: 1_500,
  });
  const tokens = billedTokens(response.usage);
  // The answer is the model's: redacted first (neutralising could split a secret), then made inert
  // (no marker, record, mention, image or HTML) and quoted under a line that says whose words they
  // are and what the goal's real state is, so a forged "✅ achieved" table reads as a claim.
  const heading = `**Answer written by the model** from the goal record, not checked by goal-action. The goal's state is \`${record.state}\`; the status comment holds the evidence.`;
  return `${quoteModelText(redact(response.text), heading)}\n\n<sub>Answered from the goal record; ${tokens} tokens, not charged to the goal's budget.</sub>`;
}
