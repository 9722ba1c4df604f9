import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Submodule } from '../model/gitmodules';
import { gitFilePointsAt, SubmoduleDirectory } from '../model/submodule-directory';

/**
 * Reads what the model's submodule messages need about the directories of `paths` (submodule
 * paths from .gitmodules, usually those without a pyproject.toml). For a missing directory it
 * looks for the copy moved by hand — a directory whose `.git` file points at the submodule's
 * `.git/modules/<name>` — among its siblings and `candidateDirs` (workspace-relative). Cheap:
 * nothing is read unless a directory is missing, and then only small `.git` files.
 */
export function readSubmoduleDirectories(
  workspaceRoot: string,
  submodules: readonly Submodule[],
  paths: readonly string[],
  candidateDirs: readonly string[] = [],
): Record<string, SubmoduleDirectory> {
  const registered = new Set(submodules.map((s) => s.path));
  const result: Record<string, SubmoduleDirectory> = {};
  for (const path of paths) {
    const abs = join(workspaceRoot, path);
    if (isDirectory(abs)) {
      result[path] = existsSync(join(abs, '.git')) ? { state: 'checked-out' } : { state: 'uninitialised' };
      continue;
    }
    const s = submodules.find((x) => x.path === path);
    const movedTo = s
      ? findMovedCopy(
          workspaceRoot,
          s.name,
          [...siblingsOf(workspaceRoot, path), ...candidateDirs].filter((d) => !registered.has(d)),
        )
      : undefined;
    result[path] = { state: 'missing', ...(movedTo ? { movedTo } : {}) };
  }
  return result;
}

function findMovedCopy(workspaceRoot: string, name: string, dirs: readonly string[]): string | undefined {
  for (const dir of new Set(dirs)) {
    const gitFile = join(workspaceRoot, dir, '.git');
    try {
      if (!statSync(gitFile).isFile()) continue;
      if (gitFilePointsAt(readFileSync(gitFile, 'utf8'), name)) return dir;
    } catch {
      // no .git here
    }
  }
  return undefined;
}

function siblingsOf(workspaceRoot: string, path: string): string[] {
  const parent = posix.dirname(path);
  try {
    return readdirSync(join(workspaceRoot, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => (parent === '.' ? e.name : `${parent}/${e.name}`));
  } catch {
    return [];
  }
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
