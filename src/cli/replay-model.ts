// A model that replays a recorded transcript instead of calling an API: the demo runs the whole
// loop (real tools, real verifiers, real commits) on a machine with no API key. It answers the
// harness's side turns (restatement, review, wrap-up, compaction) from the transcript too, and
// reports token usage estimated from the requests, so the budget display is meaningful.
import type { Model, ModelRequest, ModelResponse } from '../engine/index.js';
import { estimateTokens } from '../engine/index.js';

export interface ReplayTurn {
  text?: string;
  calls?: { name: string; arguments: unknown }[];
}

export interface ReplayTranscript {
  restatement: string;
  turns: ReplayTurn[];
  review: string;
  wrapUp: string;
}

export const REPLAY_MODEL_NAME = 'replay-demo';

export class ReplayModel implements Model {
  readonly name = REPLAY_MODEL_NAME;
  private next = 0;

  constructor(private readonly transcript: ReplayTranscript) {}

  async turn(request: ModelRequest): Promise<ModelResponse> {
    const last = request.input.at(-1);
    const prompt = last?.type === 'message' && last.role === 'user' ? last.content : '';
    const turn = this.pick(prompt);
    const inputTokens =
      estimateTokens(request.instructions) +
      request.input.reduce((n, i) => n + estimateTokens(JSON.stringify(i)), 0);
    const calls = (turn.calls ?? []).map((c, i) => ({
      callId: `replay_${this.next}_${i}`,
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    }));
    return {
      text: turn.text ?? '',
      toolCalls: calls,
      usage: {
        inputTokens,
        cachedInputTokens: 0,
        outputTokens: estimateTokens((turn.text ?? '') + calls.map((c) => c.arguments).join('')),
        reasoningTokens: 0,
      },
      durationMs: 0,
    };
  }

  private pick(prompt: string): ReplayTurn {
    if (prompt.startsWith('Before any edit: restate')) return { text: this.transcript.restatement };
    if (prompt.startsWith('The goal has stopped. Review')) return { text: this.transcript.review };
    if (prompt.includes('this is your last turn')) return { text: this.transcript.wrapUp };
    if (prompt.startsWith('Summarise the work so far'))
      return { text: 'Replay: nothing to summarise.' };
    const recorded = this.transcript.turns[this.next];
    // The first working turn restates the contract in its first message, as a real model is asked.
    const turn =
      this.next === 0 && recorded && !recorded.text
        ? { ...recorded, text: this.transcript.restatement }
        : recorded;
    this.next += 1;
    // Past the end of the recording the model simply ends its turn; the harness decides what follows.
    return turn ?? { text: 'The recorded transcript has ended.' };
  }
}
