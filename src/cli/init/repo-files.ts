// Read-only access to the repository being set up, so detection is a pure function of its files
// (tests hand it a map; the command hands it the disk).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RepoFiles {
  /** Names (files and folders) at the top of the repository. */
  top: string[];
  read(path: string): string | undefined;
  isDir(path: string): boolean;
}

/** Files larger than this are not read: a manifest never is one. */
const MAX_BYTES = 1_000_000;

export function diskFiles(root: string): RepoFiles {
  return {
    top: existsSync(root) ? readdirSync(root).sort() : [],
    read(path) {
      const full = join(root, path);
      try {
        if (!statSync(full).isFile() || statSync(full).size > MAX_BYTES) return undefined;
        return readFileSync(full, 'utf8');
      } catch {
        return undefined;
      }
    },
    isDir(path) {
      try {
        return statSync(join(root, path)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}

export function memoryFiles(files: Record<string, string>, dirs: string[] = []): RepoFiles {
  const top = new Set<string>([...dirs.map((d) => d.split('/')[0]!)]);
  for (const path of Object.keys(files)) top.add(path.split('/')[0]!);
  return {
    top: [...top].sort(),
    read: (path) => files[path],
    isDir: (path) =>
      dirs.includes(path) || Object.keys(files).some((f) => f.startsWith(`${path}/`)),
  };
}
