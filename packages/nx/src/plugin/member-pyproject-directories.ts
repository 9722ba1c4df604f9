import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findMemberDirs } from '../generators/shared/member-dirs';
import type { PyprojectError } from '../model/pyproject';

/**
 * Member directories whose `pyproject.toml` is a directory: Nx's file glob never matches it, and
 * uv refuses the whole workspace ("failed to read … Is a directory"), so each one is a problem.
 * Only the directories a members glob can match are visited.
 */
export function memberPyprojectDirectories(workspaceRoot: string, workspace: { members: string[]; exclude: string[] } | undefined): PyprojectError[] {
  if (!workspace?.members.length) return [];
  const isDirectory = (rel: string) => {
    try {
      return lstatSync(join(workspaceRoot, rel)).isDirectory();
    } catch {
      return false;
    }
  };
  const children = (rel: string) => {
    try {
      return readdirSync(join(workspaceRoot, rel));
    } catch {
      return [];
    }
  };
  const dirs = findMemberDirs(workspace.members, workspace.exclude, children, isDirectory, (dir) => isDirectory(`${dir}/pyproject.toml`));
  return dirs.map((dir) => ({
    file: `${dir}/pyproject.toml`,
    message: `${dir}/pyproject.toml is a directory, not a file, and uv refuses the workspace (${dir} is a member by [tool.uv.workspace] members): remove or rename that directory, or add "${dir}" to [tool.uv.workspace] exclude`,
  }));
}
