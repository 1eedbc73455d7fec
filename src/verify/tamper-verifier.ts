// The verifier-edited rule: a change to what a verifier command runs — a package.json script it
// calls (directly or through other scripts), a script file it names, or the build file of the
// tool it uses (`make`, `tox`, `nox`, `just`, `task`). Pure.

import type { FileChange } from '../engine/index.js';
import type { TamperFinding, VerifierSpec } from '../engine/index.js';
import { isTestFile } from './tamper-files.js';
import { snippet } from './tamper-text.js';
import { packageScripts, verifierDependencies } from './verifier-scripts.js';

interface VerifierEditInput {
  changes: FileChange[];
  specs: VerifierSpec[];
  baseScripts?: Record<string, string>;
}

const pathsOf = (c: FileChange): string[] => (c.oldPath ? [c.path, c.oldPath] : [c.path]);

const TOOL_FILES: Record<string, RegExp> = {
  make: /(?:^|\/)(?:Makefile|makefile|GNUmakefile|[^/]+\.mk)$/,
  tox: /(?:^|\/)tox\.ini$/,
  nox: /(?:^|\/)noxfile\.py$/,
  just: /(?:^|\/)(?:[Jj]ustfile|\.justfile)$/,
  task: /(?:^|\/)Taskfile\.ya?ml$/,
};

export function verifierEditedFindings({
  changes,
  specs,
  baseScripts,
}: VerifierEditInput): TamperFinding[] {
  const findings = new Map<string, TamperFinding>();
  const add = (path: string, detail: string): void => {
    if (!findings.has(detail)) findings.set(detail, { rule: 'verifier-edited', path, detail });
  };
  const manifests = changes.filter((c) => pathsOf(c).some((p) => /(?:^|\/)package\.json$/.test(p)));
  for (const spec of specs.filter((s) => s.source !== 'issue')) {
    const scriptSets = [
      baseScripts,
      ...manifests.flatMap((m) => [packageScripts(m.before), packageScripts(m.after)]),
    ];
    const deps = scriptSets.map((scripts) => verifierDependencies(spec.command, scripts));
    const scripts = new Set(deps.flatMap((d) => [...d.scripts]));
    const files = new Set(deps.flatMap((d) => [...d.files]));
    const tools = new Set(deps.flatMap((d) => [...d.tools]));
    const who = `verifier \`${spec.name}\``;

    for (const m of manifests) {
      if (m.before === undefined || scripts.size === 0) continue;
      const before = packageScripts(m.before);
      const after = m.status === 'deleted' ? {} : packageScripts(m.after);
      if (m.status !== 'deleted' && m.after === undefined) continue;
      if (!after) {
        add(m.path, `${m.path}: no longer valid JSON, and ${who} runs its scripts`);
        continue;
      }
      for (const name of scripts) {
        const old = before?.[name];
        const now = after[name];
        if (old === now) continue;
        const what =
          old === undefined
            ? 'added'
            : now === undefined
              ? 'removed'
              : `changed from \`${snippet(old)}\` to \`${snippet(now)}\``;
        add(m.path, `${m.path}: script \`${name}\`, which ${who} runs, ${what}`);
      }
    }
    for (const c of changes) {
      for (const path of pathsOf(c)) {
        if (files.has(path) && !isTestFile(path, c.before ?? c.after))
          add(path, `${path}: run by ${who} (\`${snippet(spec.command)}\`), ${c.status}`);
        for (const tool of tools)
          if (TOOL_FILES[tool]?.test(path))
            add(path, `${path}: ${c.status}, and ${who} runs \`${tool}\``);
      }
    }
  }
  return [...findings.values()];
}
