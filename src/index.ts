// The Action's entry: everything else happens in main.ts.
import { run } from './main.js';

await run();
