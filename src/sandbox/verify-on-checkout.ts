// Every verification runs on a fresh copy of the tree being judged (the staged checkpoint, or
// HEAD), inside the sandbox: handed to the agent user, every agent process killed afterwards, and
// the copy removed. So what is judged is exactly what is committed, whatever runs in the worktree.

import type { VerifierRunner } from '../engine/ports.js';
import type { GitWorkspace } from '../git/workspace.js';
import type { Sandbox } from './index.js';

export function onCleanCheckout(
  sandbox: Sandbox,
  workspace: () => GitWorkspace,
  make: (cwd: () => string) => VerifierRunner,
): VerifierRunner {
  let dir = '';
  const inner = make(() => dir);
  return {
    async run(specs, signal) {
      const tree = await workspace().materialiseForVerification(sandbox.verifyDir, (d) =>
        sandbox.removeTree(d),
      );
      try {
        await sandbox.handOver(tree.dir);
        dir = tree.dir;
        return await inner.run(specs, signal);
      } finally {
        dir = '';
        await sandbox.quiesce();
        await tree.remove();
      }
    },
  };
}
