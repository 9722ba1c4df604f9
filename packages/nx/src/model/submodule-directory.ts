import type { Submodule } from './gitmodules';

/**
 * What the filesystem says about the directory of a submodule registered in `.gitmodules`, read
 * by the caller (plugin/submodule-directories.ts) so that the messages stay pure:
 * - `missing`: no directory at that path (moved or deleted by hand); `movedTo` is the directory
 *   whose `.git` file points at this submodule's git directory, when one was found;
 * - `uninitialised`: the directory exists without `.git` (a clone without --recursive, a deinit);
 * - `checked-out`: the directory has its `.git`.
 */
export type SubmoduleDirectory =
  { state: 'missing'; movedTo?: string } | { state: 'uninitialised' } | { state: 'checked-out' };

/**
 * Whether the text of a submodule's `.git` file (`gitdir: ../../.git/modules/packages/x`) points
 * at the git directory of the submodule named `name` (`.git/modules/<name>`). The relative path
 * may be stale after a hand move to another depth, so only its end is compared.
 */
export function gitFilePointsAt(gitFileText: string, name: string): boolean {
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(gitFileText);
  if (!m) return false;
  const gitdir = m[1].replace(/\\/g, '/').replace(/\/+$/, '');
  return gitdir === `.git/modules/${name}` || gitdir.endsWith(`/.git/modules/${name}`);
}

/**
 * The fix for a submodule whose directory is gone, as one clause after "<path> …". `packageName`
 * (the name in the moved copy's pyproject) makes the move command read like the docs; the old
 * directory works as well once the copy is back.
 */
export function missingSubmoduleMessage(
  path: string,
  movedTo?: string,
  packageName?: string,
  movedToIsMember = true,
): string {
  if (movedTo && !movedToIsMember) {
    // move refuses a target outside the members: the members entry comes first
    return (
      `${path} is a submodule in .gitmodules, but its directory was moved by hand to ${movedTo}, which is not a uv workspace member (git and .gitmodules still name ${path}): ` +
      `move it back with mv ${movedTo} ${path}, add "${movedTo}" to [tool.uv.workspace] members in pyproject.toml, then move it with nx g @mlws/nx:move ${packageName ?? path} --to ${movedTo}`
    );
  }
  if (movedTo) {
    return (
      `${path} is a submodule in .gitmodules, but its directory was moved by hand to ${movedTo} (git and .gitmodules still name ${path}): ` +
      `move it back with mv ${movedTo} ${path}, then move it with nx g @mlws/nx:move ${packageName ?? path} --to ${movedTo}`
    );
  }
  return (
    `${path} is a submodule in .gitmodules, but its directory is missing (moved or deleted by hand): ` +
    `if you moved it, move it back (mv <new dir> ${path}) and move it with nx g @mlws/nx:move ${path} --to <new dir>; ` +
    `if you deleted it, run git submodule update --init ${path}`
  );
}

/** The problem line of a member submodule that has no pyproject.toml, by what its directory holds. */
export function submoduleWithoutPyprojectMessage(
  s: Pick<Submodule, 'path'>,
  dir: SubmoduleDirectory | undefined,
  packageName?: string,
  isMember: (dir: string) => boolean = () => true,
): string {
  if (dir?.state === 'missing')
    return missingSubmoduleMessage(s.path, dir.movedTo, packageName, dir.movedTo ? isMember(dir.movedTo) : true);
  if (dir?.state === 'checked-out') {
    return `${s.path} is a uv workspace member but its checkout has no pyproject.toml: add one to the package's repository, or exclude ${s.path} from [tool.uv.workspace] members in pyproject.toml`;
  }
  return `${s.path} is a uv workspace member but has no pyproject.toml (submodule not initialised?): run git submodule update --init ${s.path}`;
}
