// What both API adapters share: their settings and what one turn yields before it is timed.

import type { ModelResponse } from '../engine/ports.js';

export interface TurnSettings {
  model: string;
  stream: boolean;
  /** Also the longest silence tolerated inside a streamed answer. */
  timeoutMs: number;
}

export type TurnResult = Omit<ModelResponse, 'durationMs'>;
