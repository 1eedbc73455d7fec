// What both API adapters share: their settings and what one turn yields before it is timed.

import type { ModelResponse } from '../engine/index.js';
import type { ReasoningState } from './responses.js';

export interface TurnSettings {
  model: string;
  stream: boolean;
  /** Also the longest silence tolerated inside a streamed answer. */
  timeoutMs: number;
  /** Responses API: whether to ask for encrypted reasoning (shared by the run's turns). */
  reasoning?: ReasoningState;
}

export type TurnResult = Omit<ModelResponse, 'durationMs'>;
