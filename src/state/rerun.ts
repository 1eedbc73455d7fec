// What "Re-run jobs" in the Actions UI means for a goal: the rule now lives in the goal's state
// machine (src/domain/transitions.ts, `rerunDecision` and the `rerun` system event); this module
// keeps its old import path.
export { rerunDecision, type RerunDecision } from '../domain/transitions.js';
