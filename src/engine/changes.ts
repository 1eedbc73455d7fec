// What the goal's branch changes against its base, kept on the record for the PR body: paths,
// status and line counts only (no contents), bounded so a huge diff cannot bloat the record.
import type { FileChange } from './ports.js';
import type { ChangedFile } from './types.js';

export const MAX_CHANGED_FILES = 300;

export function changedFiles(changes: FileChange[]): ChangedFile[] {
  return changes.slice(0, MAX_CHANGED_FILES).map((c) => ({
    path: c.path,
    status: c.status,
    ...(c.oldPath ? { oldPath: c.oldPath } : {}),
    ...(c.added !== undefined ? { added: c.added } : {}),
    ...(c.removed !== undefined ? { removed: c.removed } : {}),
  }));
}
