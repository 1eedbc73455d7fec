// Import boundaries as path zones (eslint.config.js enables this rule for src/**). Each relative
// import is resolved against the importing file, so the zone is decided by where the imported
// file IS, not by how its path is spelled: `../../model/x.js` from a subfolder of the engine is
// caught like `../model/x.js`. (no-restricted-imports matches the specifier text only, which a
// subfolder bypasses; eslint-plugin-import-x's no-restricted-paths would need 11 more packages,
// a native resolver among them, for the same check.)
//
// The zones, from the import graph as it is:
// - domain (src/domain/**): the pure state machine. Imported by anyone; imports only domain, and
//   the record vocabulary that still lives elsewhere (DOMAIN_MAY_IMPORT), until it moves in.
// - engine (src/engine/**): pure; talks to the world only through its ports. Imports the engine,
//   the domain and the pure verify modules (ENGINE_MAY_IMPORT); from outside it is imported only
//   through src/engine/index.ts.
// - adapters (ADAPTERS): each does one kind of I/O behind a port. An adapter never imports another
//   adapter: what two of them must share is a pure module or one shared primitive (SHARED). The
//   sandbox is the exception (ADAPTER_ASSEMBLERS): it builds the tool host and the verification
//   copy for its worker process from the tools and git adapters. (The durable store reaches
//   GitHub through a port of its own, RecordHost, which the composition root connects.)
// - composition roots (src/action, src/cli, src/main.ts, src/index.ts) may import anything (the
//   engine still through its index). src/config, src/trigger, src/state and src/untrusted are
//   parsing and encoding libraries: only the engine rule applies to them.
import path from 'node:path';

export const ADAPTERS = [
  'src/github',
  'src/git',
  'src/model',
  'src/tools',
  'src/store',
  'src/verify',
  'src/report',
  'src/sandbox',
];

/** May import every other adapter (see above). */
export const ADAPTER_ASSEMBLERS = ['src/sandbox'];

/** The pure verify modules the engine uses: as pure as the engine, importable by any zone. */
export const PURE_VERIFY = [
  'src/verify/judge.ts',
  'src/verify/metric.ts',
  'src/verify/glob.ts',
  'src/verify/test-output.ts',
  'src/verify/verifier-scripts.ts',
  'src/verify/tamper.ts',
  'src/verify/tamper-files.ts',
  'src/verify/tamper-verifier.ts',
  'src/verify/tamper-vacuous.ts',
];

/**
 * Modules adapters share, each for a reason: one command runner for the agent's shell and the
 * verifiers (same environment, same process-group kill), one protected-path matcher for the
 * tools' write check and git's staging check (they must agree), and the untrusted-text
 * neutraliser every view uses.
 */
export const SHARED = [...PURE_VERIFY, 'src/tools/exec.ts', 'src/tools/paths.ts', 'src/untrusted/'];

export const ENGINE_MAY_IMPORT = ['src/engine/', 'src/domain/', ...PURE_VERIFY];

/** The record's vocabulary and helpers the domain uses where they still live. */
export const DOMAIN_MAY_IMPORT = [
  'src/domain/',
  'src/engine/types.ts',
  'src/engine/record.ts',
  'src/config/budget.ts',
];

const ENGINE_INDEX = 'src/engine/index.ts';

const under = (file, prefixes) =>
  prefixes.some((p) =>
    p.endsWith('/') || !p.includes('.') ? file.startsWith(p.replace(/\/?$/, '/')) : file === p,
  );

const adapterOf = (file) => ADAPTERS.find((dir) => file.startsWith(`${dir}/`));

/** Why `from` may not import `to` (repository-relative, posix), or null when it may. */
export function violation(from, to) {
  if (under(from, ['src/domain/']))
    return under(to, DOMAIN_MAY_IMPORT)
      ? null
      : `src/domain is pure and imports only the domain: move what ${to} provides into src/domain, or pass it in.`;
  if (under(from, ['src/engine/']))
    return under(to, ENGINE_MAY_IMPORT)
      ? null
      : `src/engine depends on no adapter: declare a port in src/engine/ports.ts and implement it in an adapter (${to} is outside the engine).`;
  if (under(to, ['src/engine/']) && to !== ENGINE_INDEX)
    return `Import the engine through src/engine/index.ts (export what you need there), not ${to}.`;
  const mine = adapterOf(from);
  const theirs = adapterOf(to);
  if (mine && theirs && mine !== theirs && !ADAPTER_ASSEMBLERS.includes(mine) && !under(to, SHARED))
    return `Adapters do not import one another: ${mine} may not import ${to}. Share a pure module (src/domain) or let a composition root (src/action, src/cli) connect them.`;
  return null;
}

/** The repository-relative file a relative specifier names (a `.js` import of a `.ts` source). */
export function resolveImport(fromFile, specifier, root) {
  if (!specifier.startsWith('.')) return null;
  const absolute = path.resolve(path.dirname(fromFile), specifier);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return relative.replace(/\.js$/, '.ts');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import boundaries between the domain, the engine and the adapters' },
    schema: [],
    messages: { boundary: '{{why}}' },
  },
  create(context) {
    const root = context.cwd;
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const to = resolveImport(context.filename, source.value, root);
      if (!to) return;
      const why = violation(from, to);
      if (why) context.report({ node: source, messageId: 'boundary', data: { why } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { boundaries: rule } };
