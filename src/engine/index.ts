// The engine's public face: the loop, its options and ports, the record helpers.
export { runGoal } from './loop.js';
export type { EngineDeps, EngineOptions } from './options.js';
export * from './ports.js';
export * from './types.js';
export { newGoalRecord, logProgress } from './record.js';
export { priceFor, costUsd, PRICE_TABLE_VERSION, type PriceTable } from './prices.js';
export { billedTokens, limitReached } from './ledger.js';
