import { globMatch } from './glob-match';

/** Whether a workspace-relative directory is a uv workspace member: matched by `members`, not by `exclude`. */
export function isMemberDir(dir: string, members: readonly string[], exclude: readonly string[]): boolean {
  const match = (g: string) => globMatch(dir, g.replace(/^\.\//, '').replace(/\/+$/, ''));
  return dir !== '.' && members.some(match) && !exclude.some(match);
}

/** Directories the member lookups never enter (uv's and Python's own state, build output). */
export const SKIPPED_FOR_MEMBERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.nx',
  '.venv',
  'venv',
  'dist',
  '__pycache__',
]);

/** How many directory levels below the workspace root the member lookups walk at most. */
export const MEMBER_WALK_MAX_DEPTH = 8;

/**
 * The directories matched by the `members` globs (minus `exclude`) that hold a pyproject.toml,
 * found by walking only the directories a glob can still match (`children` lists a directory).
 */
export function findMemberDirs(
  members: readonly string[],
  exclude: readonly string[],
  children: (dir: string) => string[],
  isDir: (path: string) => boolean,
  hasPyproject: (dir: string) => boolean,
): string[] {
  const globs = members.map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > MEMBER_WALK_MAX_DEPTH) return;
    for (const name of children(dir)) {
      if (SKIPPED_FOR_MEMBERS.has(name)) continue;
      const path = dir === '.' ? name : `${dir}/${name}`;
      if (!isDir(path)) continue;
      if (!globs.some((g) => globMatch(path, g, true))) continue;
      if (isMemberDir(path, members, exclude) && hasPyproject(path)) found.push(path);
      walk(path, depth + 1);
    }
  };
  walk('.', 0);
  return found.sort();
}
