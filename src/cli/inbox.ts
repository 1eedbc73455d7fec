// Commands for a goal whose local run is alive (`goal-action budget` from another terminal). The
// running process owns the record file — a second writer would race it — so a command is posted
// here instead, one file per command, and the running loop's control poll hands it to the state
// machine like the Action's comment poller does. A command carries its id: whoever applies it
// first (the running loop, or the next `resume` when the loop ended before its next poll) logs it
// in the record, and the store removes its file once a record that logs it is saved.
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CommandEvent } from '../domain/commands.js';

export class Inbox {
  constructor(readonly dir: string) {}

  /** Posts a command atomically (written aside, then renamed into place). */
  post(event: CommandEvent): void {
    mkdirSync(this.dir, { recursive: true });
    const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
    const temp = join(this.dir, `.${name}.tmp`);
    writeFileSync(temp, JSON.stringify(event), { mode: 0o600 });
    renameSync(temp, join(this.dir, name));
  }

  /** Every posted command not yet removed, oldest first; a file that is not one is skipped. */
  pending(): CommandEvent[] {
    return this.files()
      .map((f) => read(join(this.dir, f)))
      .filter((e): e is CommandEvent => e !== null);
  }

  /** Removes the files of commands the saved record has applied. */
  settle(applied: ReadonlySet<string>): void {
    if (applied.size === 0) return;
    for (const f of this.files()) {
      const event = read(join(this.dir, f));
      if (event && applied.has(event.id)) rmSync(join(this.dir, f), { force: true });
    }
  }

  private files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .sort();
  }
}

/** Only commands this CLI posts (budget) are accepted: the inbox is not a way in for others. */
function read(path: string): CommandEvent | null {
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as CommandEvent;
    const ok =
      typeof event?.id === 'string' &&
      event.id.startsWith('cli:') &&
      typeof event.actor === 'string' &&
      event.command?.kind === 'budget' &&
      isBudget(event.command.requested);
    return ok ? event : null;
  } catch {
    return null;
  }
}

const KEYS = new Set(['tokens', 'usd', 'timeSec', 'iterations']);

function isBudget(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).every(
    ([k, v]) => KEYS.has(k) && typeof v === 'number' && Number.isFinite(v) && v > 0,
  );
}
