import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { isMemberDir } from '../model/member-dirs';
import { MemberWalkEntry, walkMemberGlobs } from '../fs/member-walk';
import type { PyprojectError } from '../model/pyproject';

/**
 * The root, environment and member directories whose `pyproject.toml` is a directory: Nx's file
 * glob never matches it, and uv refuses the project ("failed to read … Is a directory"), so each
 * one is a problem. Only the directories a members glob can match are visited.
 */
export function memberPyprojectDirectories(
  workspaceRoot: string,
  workspace: { members: string[]; exclude: string[] } | undefined,
  environmentDirs: readonly string[] = [],
  walk?: { entries: readonly MemberWalkEntry[]; nxMatched: ReadonlySet<string> },
): PyprojectError[] {
  const isDirectory = (rel: string) => {
    try {
      return lstatSync(join(workspaceRoot, rel)).isDirectory();
    } catch {
      return false;
    }
  };
  const errors: PyprojectError[] = [];
  // the root and the environments: uv reads them as projects (uv lock, uv lock --project staging)
  for (const dir of ['.', ...environmentDirs]) {
    const file = dir === '.' ? 'pyproject.toml' : `${dir}/pyproject.toml`;
    if (isDirectory(file)) {
      errors.push({
        file,
        message: `${file} is a directory, not a file, and uv refuses it (${dir === '.' ? 'the workspace root' : `the environment in ${dir}`}): remove or rename that directory and write the pyproject.toml`,
      });
    }
  }
  if (!workspace?.members.length) return errors;
  // symlinked members are not followed (uv reports those itself); a directory whose pyproject.toml
  // Nx matched (`nxMatched`, Nx matches files only) needs no look
  const { members, exclude } = workspace;
  const dirs = (walk?.entries ?? walkMemberGlobs(workspaceRoot, members))
    .filter(
      (e) =>
        e.dir &&
        !e.symlink &&
        !e.viaSymlink &&
        !e.inSkipped &&
        !walk?.nxMatched.has(e.path) &&
        isMemberDir(e.path, members, exclude) &&
        isDirectory(`${e.path}/pyproject.toml`),
    )
    .map((e) => e.path)
    .sort();
  return errors.concat(
    dirs.map((dir) => ({
      file: `${dir}/pyproject.toml`,
      message: `${dir}/pyproject.toml is a directory, not a file, and uv refuses the workspace (${dir} is a member by [tool.uv.workspace] members): remove or rename that directory, or add "${dir}" to [tool.uv.workspace] exclude`,
    })),
  );
}
