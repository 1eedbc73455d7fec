// The engine's public face: the loop, its options and ports, the record helpers. Code outside
// src/engine imports the engine only through this file (lint/boundaries.js).
export { runGoal } from './loop.js';
export type { EngineDeps, EngineOptions } from './options.js';
export * from './ports.js';
export * from './types.js';
export { newGoalRecord, logProgress, recordCheckpoint, stop, oneLine } from './record.js';
export { estimateTokens } from './tokens.js';
export { priceFor, costUsd, PRICE_TABLE_VERSION, type PriceTable } from './prices.js';
export { billedTokens, limitReached } from './ledger.js';
export { fence, renderContract, renderSnapshot } from './prompts.js';
