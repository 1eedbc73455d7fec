// Writes every state's status comment, PR body and job summary as Markdown files into the
// directory given, for scripts/render-reports.sh to draw. `node --import tsx test/render/write-markdown.ts DIR`
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeStatusBody } from '../../src/action/goal-channel.js';
import { LINKS, stateDocuments } from './states.js';

const out = process.argv[2] ?? 'render-out';
await mkdir(out, { recursive: true });
for (const doc of stateDocuments()) {
  for (const kind of ['status', 'pr', 'summary'] as const) {
    const file = path.join(out, `${doc.name}.${kind}.md`);
    // The status comment exactly as posted: the view, the store line, the hidden record.
    const text =
      kind === 'status' ? composeStatusBody(doc.record, LINKS, { where: 'ref' }) : doc[kind];
    await writeFile(file, `${text}\n`);
    console.log(file);
  }
}
