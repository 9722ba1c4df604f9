import { lstatSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globMatch } from '../model/glob-match';

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
 * match are visited, so this is cheap.
 */
export function membersLeavingWorkspace(
  root: string,
  members: readonly string[],
  exclude: readonly string[],
): string[] {
  const globs = members
    .map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((g) => g && !g.startsWith('/') && !g.startsWith('..'));
  const excluded = (p: string) => exclude.some((g) => globMatch(p, g.replace(/^\.\//, '').replace(/\/+$/, '')));
  const realRoot = realPathOf(root);
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.git' || name === 'node_modules') continue;
      const path = dir === '.' ? name : `${dir}/${name}`;
      if (!globs.some((g) => globMatch(path, g, true))) continue;
      const abs = join(root, path);
      const st = lstatOrUndefined(abs);
      if (!st) continue;
      if (st.isSymbolicLink()) {
        if (isDirectory(abs) && !excluded(path) && !inside(realRoot, realPathOf(abs), false)) found.push(path);
        continue; // never walked through: what it points at is not the workspace's
      }
      if (st.isDirectory()) walk(path, depth + 1);
    }
  };
  walk('.', 0);
  return found.sort();
}

function lstatOrUndefined(abs: string) {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
