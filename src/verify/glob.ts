// A small glob matcher for repository paths (pure; node:path's matchesGlob would pull I/O
// modules into the engine's dependency graph). Supports `**`, `*`, `?`, `{a,b}` and `[abc]`.
// A pattern without a slash matches the file name at any depth (gitignore style); a pattern
// ending in `/` matches everything under that directory.

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 500;

function escape(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/';
        if (atStart && slashAfter) {
          out += '(?:.*/)?'; // `**/` — zero or more directories
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      const options = glob
        .slice(i + 1, end)
        .split(',')
        .map(translate);
      out += `(?:${options.join('|')})`;
      i = end;
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      const body = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else out += escape(ch);
  }
  return out;
}

function compile(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '').replace(/^\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  // `dir/**` also names `dir` itself (deleting the directory is a change under it).
  let source = translate(pattern);
  if (pattern.endsWith('/**')) source = `${translate(pattern.slice(0, -3))}(?:/.*)?`;
  return new RegExp(`^${source}$`);
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '');
}

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    re = compile(glob);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(glob, re);
  }
  return re.test(normalizePath(path));
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => glob.trim() !== '' && matchesGlob(path, glob));
}
