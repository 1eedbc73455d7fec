// Bundles the Action (dist/index.js), the CLI (dist/cli/index.js) and the sandbox's tool worker
// (dist/sandbox/index.js) with @vercel/ncc, the three at once (each is one CPU-bound process).
// Deterministic output so `.ci/run` can fail when the committed dist/ is stale.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const run = promisify(execFile);
const build = async (entry, out) => {
  try {
    await run(process.execPath, [
      ncc,
      'build',
      entry,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '-q',
    ]);
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw new Error(`ncc could not bundle ${entry}`, { cause: error });
  }
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  build('src/index.ts', 'dist'),
  build('src/cli/index.ts', 'dist/cli'),
  // The tool worker, started inside the sandbox as the agent user (src/sandbox/worker.ts).
  build('src/sandbox/worker-main.ts', 'dist/sandbox'),
]);

// The CLI runs as `goal-action …` when installed as a package.
const cli = 'dist/cli/index.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
chmodSync(cli, 0o755);
