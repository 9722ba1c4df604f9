import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { globMatch } from '../model/glob-match';
import { MEMBER_WALK_MAX_DEPTH as MAX_DEPTH, SKIPPED_FOR_MEMBERS } from '../model/member-dirs';

/** One path the uv workspace `members` globs can still match (or match), as the walk found it. */
export interface MemberWalkEntry {
  /** Workspace-relative, `/`-separated. */
  path: string;
  /** A symbolic link itself (lstat). */
  symlink: boolean;
  /** A directory once symlinks are followed (stat). */
  dir: boolean;
  /** Reached through a symlinked directory above it. */
  viaSymlink: boolean;
  /** Named, or inside, a directory no member lookup enters (`.venv`, `dist`, …; see SKIPPED_FOR_MEMBERS). */
  inSkipped: boolean;
}

/**
 * Every path under `root` that a `members` glob matches or can still match deeper, visiting only
 * those directories (never `.git` or `node_modules`, at most 8 levels, and not below the depth the
 * globs reach). One walk serves every member check of inference (pyproject directories, members
 * hidden from Nx, symlinks leaving the workspace): each picks its entries by the flags.
 */
export function walkMemberGlobs(root: string, members: readonly string[]): MemberWalkEntry[] {
  const globs = members.map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  // a glob without `**` matches nothing below its own number of segments
  const reach = globs.some((g) => g.includes('**'))
    ? MAX_DEPTH + 1
    : Math.max(0, ...globs.map((g) => g.split('/').length));
  const entries: MemberWalkEntry[] = [];
  const walk = (dir: string, depth: number, viaSymlink: boolean, inSkipped: boolean) => {
    if (depth > MAX_DEPTH) return;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of dirents) {
      const name = d.name;
      if (name === '.git' || name === 'node_modules') continue;
      const path = dir === '.' ? name : `${dir}/${name}`;
      if (!globs.some((g) => globMatch(path, g, true))) continue;
      const symlink = d.isSymbolicLink();
      // the entry's type says it all except for symlinks (and file systems that report no type)
      const isDir = d.isDirectory() || (!d.isFile() && isDirectory(join(root, path)));
      const skipped = inSkipped || SKIPPED_FOR_MEMBERS.has(name);
      entries.push({ path, symlink, dir: isDir, viaSymlink, inSkipped: skipped });
      if (isDir && depth + 1 < reach) walk(path, depth + 1, viaSymlink || symlink, skipped);
    }
  };
  walk('.', 0, false, false);
  return entries;
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
