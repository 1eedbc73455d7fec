// Entry of dist/sandbox/index.js, the tool worker started inside the boundary.
import { runWorker } from './worker.js';

await runWorker();
