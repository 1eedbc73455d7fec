// The CLI keeps each goal's record as JSON inside .git/, where it is never committed and never
// visible to the agent's tools as a project file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoalStore } from '../engine/ports.js';
import type { GoalRecord } from '../engine/types.js';

export class FileStore implements GoalStore {
  constructor(private readonly root: string) {}

  path(id: string): string {
    return join(this.root, '.git', 'goal-action', `${id}.json`);
  }

  async save(record: GoalRecord): Promise<void> {
    const file = this.path(record.id);
    mkdirSync(join(this.root, '.git', 'goal-action'), { recursive: true });
    // Write then rename: a crash never leaves a half-written record.
    writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
