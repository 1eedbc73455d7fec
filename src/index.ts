// The Action's entry. Secrets leave the environment block first (clean-env.ts re-executes the
// process without them): before the rest of the bundle is loaded, so a run parses and starts the
// ~4 MB of the Action once, not twice. Everything else happens in main.ts, a chunk of its own.
import { reexecWithoutSecrets } from './action/clean-env.js';

try {
  reexecWithoutSecrets();
} catch (error) {
  // As core.setFailed would say it, without loading @actions/core before the re-execution.
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
  process.stdout.write(`::error::${message}\n`);
  process.exit(1);
}
const { run } = await import('./main.js');
await run();
