import { posix } from 'node:path';

/** Normalises a workspace-relative POSIX path (`./a/../b/` → `b`, root → `.`); undefined if it leaves the workspace. */
export function normalizeWorkspacePath(path: string): string | undefined {
  const p = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (p === '' || p === '.') return '.';
  if (p === '..' || p.startsWith('../') || p.startsWith('/')) return undefined;
  return p;
}

/** Directory of a workspace-relative file (`a/b/pyproject.toml` → `a/b`, `pyproject.toml` → `.`). */
export function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '' ? '.' : d;
}

/** Joins a path written in a file located in `baseDir` onto it, staying inside the workspace. */
export function resolveFrom(baseDir: string, relative: string): string | undefined {
  if (posix.isAbsolute(relative)) return undefined;
  return normalizeWorkspacePath(posix.join(baseDir, relative));
}
