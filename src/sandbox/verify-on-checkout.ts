// Every verification runs on a fresh copy of the tree being judged (the staged checkpoint, or
// HEAD), inside the sandbox: handed to the agent user, every agent process killed afterwards, and
// the copy removed. So what is judged is exactly what is committed, whatever runs in the worktree.

import path from 'node:path';
import type { VerifierRunner, VerifyOptions } from '../engine/index.js';
import type { VerifierResult } from '../engine/index.js';
import { unlinkInside, workspaceRoot, writeInside } from '../tools/safe-fs.js';
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
    restoresFromBase: true,
    async run(specs, signal, options) {
      const tree = await workspace().materialiseForVerification(sandbox.verifyDir, (d) =>
        sandbox.removeTree(d),
      );
      try {
        // Before the hand-over: no agent process can touch this copy yet. Its committed symlinks
        // can, so the restore writes through the confined file tools, never by plain path.
        const unrestored = await restoreFromBase(workspace(), tree.dir, options);
        if (unrestored.length > 0) return specs.map((spec) => notRestored(spec.name, unrestored));
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

/**
 * Puts paths back to their content at the base (the oracle run). Returns the paths it could not
 * restore (a committed symlink leading out of the copy, a directory in the way): those make the
 * oracle run fail rather than pass on the agent's version.
 */
async function restoreFromBase(
  ws: GitWorkspace,
  dir: string,
  options: VerifyOptions | undefined,
): Promise<string[]> {
  const restore = options?.restoreFromBase;
  if (!restore) return [];
  if (!ws.readAt) return restore.paths;
  const inside = await workspaceRoot(dir);
  const failed: string[] = [];
  for (const relative of restore.paths) {
    const text = await ws.readAt(restore.sha, relative);
    if (text === undefined) continue; // binary or absent at the base: nothing to compare against
    const target = path.join(inside.realRoot, relative);
    try {
      await unlinkInside(inside, target, relative, []).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await writeInside(inside, target, relative, text, { protectedPaths: [] });
    } catch {
      failed.push(relative);
    }
  }
  return failed;
}

function notRestored(name: string, paths: string[]): VerifierResult {
  return {
    name,
    passed: false,
    exitCode: null,
    timedOut: false,
    durationMs: 0,
    outputTail: `not run: the base's version of ${paths.join(', ')} could not be put back in the checkpoint's tree (a symlink or directory is in the way)`,
    attempts: 0,
    flaky: false,
  };
}
