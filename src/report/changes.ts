// "What changed" for reviewers: the files the goal's branch changes, with +/− lines, grouped by
// area (the top-level folder), so a reviewer sees the shape of the change before opening the diff.
import type { ChangedFile, GoalRecord } from '../engine/index.js';
import { plural } from './format.js';
import { code, details } from './markdown.js';

/** Files listed openly up to this many; more go into a collapsed list. */
const OPEN_FILES = 25;

const STATUS_NOTE: Record<ChangedFile['status'], string> = {
  added: 'new',
  modified: '',
  deleted: 'deleted',
  renamed: 'renamed',
};

function areaOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? 'repository root' : `${path.slice(0, slash)}/`;
}

function lines(added: number, removed: number, binary: boolean): string {
  if (binary && added === 0 && removed === 0) return 'binary';
  return `+${added} −${removed}`;
}

function fileLine(f: ChangedFile): string {
  const note = [
    STATUS_NOTE[f.status],
    f.oldPath ? `from ${code(f.oldPath)}` : '',
    f.added === undefined ? 'binary' : `+${f.added} −${f.removed ?? 0}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `- ${code(f.path)} (${note})`;
}

export function changesBlock(record: GoalRecord): string {
  const files = record.changes ?? [];
  if (files.length === 0) return '';
  const areas = new Map<string, ChangedFile[]>();
  for (const f of files) areas.set(areaOf(f.path), [...(areas.get(areaOf(f.path)) ?? []), f]);
  const sum = (list: ChangedFile[], key: 'added' | 'removed') =>
    list.reduce((n, f) => n + (f[key] ?? 0), 0);
  const total = `${plural(files.length, 'file')}, ${lines(sum(files, 'added'), sum(files, 'removed'), false)}`;
  const sections = [...areas]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([area, list]) => {
      const binary = list.every((f) => f.added === undefined);
      const head = `**${area}** — ${plural(list.length, 'file')}, ${lines(sum(list, 'added'), sum(list, 'removed'), binary)}`;
      return `${head}\n\n${list.map(fileLine).join('\n')}`;
    });
  const body = sections.join('\n\n');
  const listed = files.length > OPEN_FILES ? details(`Files by area (${total})`, body) : body;
  return `## What changed\n\n${total} against the base.\n\n${listed}`;
}
