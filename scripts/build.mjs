// Bundles the Action (dist/index.js) and the CLI (dist/cli/index.js) with @vercel/ncc.
// Deterministic output so `.ci/run` can fail when the committed dist/ is stale.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const build = (entry, out) =>
  execFileSync(
    process.execPath,
    [ncc, 'build', entry, '-o', out, '--license', 'licenses.txt', '-q'],
    {
      stdio: 'inherit',
    },
  );

rmSync('dist', { recursive: true, force: true });
build('src/index.ts', 'dist');
build('src/cli/index.ts', 'dist/cli');
// The tool worker, started inside the sandbox as the agent user (src/sandbox/worker.ts).
build('src/sandbox/worker-main.ts', 'dist/sandbox');

// The CLI runs as `goal-action …` when installed as a package.
const cli = 'dist/cli/index.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
chmodSync(cli, 0o755);
