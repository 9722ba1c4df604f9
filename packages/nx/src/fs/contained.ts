import { lstatSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globMatch } from '../model/glob-match';
import { MemberWalkEntry, walkMemberGlobs } from './member-walk';

/**
 * The file-system half of model/contained-path.ts: real paths (symlinks followed) of what is about
 * to be deleted or written, checked against the directory it must be in. Every deletion or write
 * of a path derived from a file (.gitmodules, options, globs) goes through here.
 */

/** The real path of `abs`; for a path that does not exist (yet), its deepest existing ancestor's real path + the rest. */
export function realPathOf(abs: string): string {
  let p = resolve(abs);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      const parent = dirname(p);
      if (parent === p) return join(p, ...rest.reverse());
      rest.push(basename(p));
      p = parent;
    }
  }
}

/** Whether real `child` lies strictly inside real `parent` (or is it, with `allowSame`). */
function inside(parent: string, child: string, allowSame: boolean): boolean {
  const rel = relative(parent, child);
  if (rel === '') return allowSame;
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/**
 * Why `abs` (symlinks resolved) is not strictly inside `within`, or undefined when it is. `label`
 * names `within` in the reason ("the workspace", ".git/modules").
 */
export function containmentProblem(abs: string, within: string, label: string): string | undefined {
  return problemOfReal(realPathOf(abs), within, label);
}

function problemOfReal(real: string, within: string, label: string): string | undefined {
  const base = realPathOf(within);
  if (!inside(base, real, false)) return real === base ? `is ${label} itself` : `resolves to ${real}, outside ${label}`;
  return undefined;
}

/** Whether real `abs` is `other` or an ancestor of it (a deletion of `abs` would take `other` along). */
export function holds(abs: string, other: string): boolean {
  return inside(realPathOf(abs), realPathOf(other), true);
}

/** `rm -rf abs`, only when it lies strictly inside `within` (symlinks resolved); else throws one line. */
export function removeContained(abs: string, within: string, label: string): void {
  const link = lstatOrUndefined(abs)?.isSymbolicLink() ?? false;
  // a symlink is removed itself, never what it points at: where the link entry lies is what counts
  const problem = problemOfReal(link ? join(realPathOf(dirname(abs)), basename(abs)) : realPathOf(abs), within, label);
  if (problem) throw new Error(`refused to delete ${abs}: it ${problem}`);
  if (link) rmSync(abs, { force: true });
  else rmSync(abs, { recursive: true, force: true });
}

/**
 * Members (by the `members` globs, minus `exclude`) that are symlinks leaving the workspace: uv
 * follows them and locks what is there; Nx's file walk does not. Only directories a glob can still
 * match are visited (`entries`: the shared walk of inference, else one of its own), and never
 * through a symlink: what it points at is not the workspace's.
 */
export function membersLeavingWorkspace(
  root: string,
  members: readonly string[],
  exclude: readonly string[],
  entries: readonly MemberWalkEntry[] = walkMemberGlobs(root, members),
): string[] {
  const globs = members
    .map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((g) => g && !g.startsWith('/') && !g.startsWith('..'));
  const excluded = (p: string) => exclude.some((g) => globMatch(p, g.replace(/^\.\//, '').replace(/\/+$/, '')));
  const candidates = entries.filter(
    (e) => e.symlink && e.dir && !e.viaSymlink && globs.some((g) => globMatch(e.path, g, true)) && !excluded(e.path),
  );
  if (candidates.length === 0) return [];
  const realRoot = realPathOf(root);
  return candidates
    .map((e) => e.path)
    .filter((p) => !inside(realRoot, realPathOf(join(root, p)), false))
    .sort();
}

function lstatOrUndefined(abs: string) {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}
