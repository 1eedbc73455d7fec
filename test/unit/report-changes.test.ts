// The PR's "What changed": files by area with their +/− lines; new, deleted, renamed and binary
// files said plainly; a long list collapsed.
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../src/engine/types.js';
import { changesBlock } from '../../src/report/changes.js';
import { pursuingRecord } from './report-fixtures.js';

const withChanges = (changes: ChangedFile[]) => ({ ...pursuingRecord(), changes });

describe('changesBlock', () => {
  it('groups files by area, largest first, with totals', () => {
    expect(
      changesBlock(
        withChanges([
          { path: 'src/tokenizer.ts', status: 'modified', added: 12, removed: 3 },
          { path: 'test/crlf.test.ts', status: 'added', added: 40, removed: 0 },
          { path: 'src/old.ts', status: 'renamed', oldPath: 'src/legacy.ts', added: 0, removed: 0 },
          { path: 'logo.png', status: 'modified' },
          { path: 'test/gone.test.ts', status: 'deleted', added: 0, removed: 9 },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "## What changed

      5 files, +52 −12 against the base.

      **src/** — 2 files, +12 −3

      - \`src/tokenizer.ts\` (+12 −3)
      - \`src/old.ts\` (renamed, from \`src/legacy.ts\`, +0 −0)

      **test/** — 2 files, +40 −9

      - \`test/crlf.test.ts\` (new, +40 −0)
      - \`test/gone.test.ts\` (deleted, +0 −9)

      **repository root** — 1 file, binary

      - \`logo.png\` (binary)"
    `);
  });

  it('collapses a long list, and says nothing when nothing changed', () => {
    const many = Array.from({ length: 40 }, (_, i): ChangedFile => ({
      path: `src/f${i}.ts`,
      status: 'modified',
      added: 1,
      removed: 1,
    }));
    const block = changesBlock(withChanges(many));
    expect(block).toContain('<details><summary>Files by area (40 files, +40 −40)</summary>');
    expect(changesBlock(withChanges([]))).toBe('');
    expect(changesBlock(pursuingRecord())).toBe('');
  });
});
