// `/goal ask <question>`: a side answer from the goal's record, without touching the loop. The
// question is untrusted text: it is fenced, and the model gets no tools.
import { requireApiKey, type ActionConfig } from '../config/inputs.js';
import { billedTokens } from '../engine/ledger.js';
import { fence, renderContract, renderSnapshot } from '../engine/prompts.js';
import type { GoalRecord } from '../engine/types.js';
import { createModel } from '../model/index.js';

const INSTRUCTIONS = `You answer a maintainer's question about an autonomous coding goal, using only the goal record below (contract, plan, progress log, verifier evidence, budget). Be brief and factual. If the record does not tell, say so. Never claim the goal is achieved unless the record's state is "achieved".`;

export async function answerQuestion(
  cfg: ActionConfig,
  record: GoalRecord,
  question: string,
): Promise<string> {
  requireApiKey(cfg);
  const model = createModel({
    api: cfg.api,
    apiKey: cfg.openaiApiKey,
    model: cfg.model,
    ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
  });
  const response = await model.turn({
    instructions: `${INSTRUCTIONS}\n\n${renderContract(record.contract, record.contractRevision)}\n\nState: ${record.state}, iteration ${record.iteration}, ${record.checkpoints.length} checkpoint(s) on \`${record.branch}\`.`,
    input: [
      {
        type: 'message',
        role: 'user',
        content: `${renderSnapshot(record)}\n\n${fence('Question', question)}`,
      },
    ],
    tools: [],
    maxOutputTokens: 1_500,
  });
  const tokens = billedTokens(response.usage);
  return `${response.text.trim() || '(no answer)'}\n\n<sub>Answered from the goal record; ${tokens} tokens, not charged to the goal's budget.</sub>`;
}
