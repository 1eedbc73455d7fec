// Writes every state's status comment, PR body and job summary as Markdown files into the
// directory given, for scripts/render-reports.sh to draw. `node --import tsx test/render/write-markdown.ts DIR`
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stateDocuments } from './states.js';

const out = process.argv[2] ?? 'render-out';
await mkdir(out, { recursive: true });
for (const doc of stateDocuments()) {
  for (const kind of ['status', 'pr', 'summary'] as const) {
    const file = path.join(out, `${doc.name}.${kind}.md`);
    await writeFile(file, `${doc[kind]}\n`);
    console.log(file);
  }
}
