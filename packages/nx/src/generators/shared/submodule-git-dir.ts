import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { containmentProblem, realPathOf } from '../../fs/contained';
import type { Submodule } from '../../model/gitmodules';
import { unsafeSubmoduleMessage } from '../../model/contained-path';
import { userError } from './errors';

/**
 * The git directory of a submodule that remove/move will delete or write (`<gitDir>/modules/<name>`),
 * checked first: a name and path git accepts (a pulled `.gitmodules` is untrusted), the work tree
 * inside the workspace, the git directory inside `<gitDir>/modules` after following symlinks, and —
 * when checked out — the one its `.git` file points at (not another submodule's). Throws one line.
 */
export function checkedSubmoduleGitDir(
  root: string,
  gitDir: string,
  s: Submodule,
  generator: string,
  all: readonly Submodule[] = [],
): string {
  const unsafe = unsafeSubmoduleMessage(s);
  if (unsafe) throw userError(`${generator} refused, nothing was changed: ${unsafe}`);
  // git refuses nested git directories (.git/modules/a and .git/modules/a/b): deleting one would delete the other
  const nested = all.find(
    (o) => o.name !== s.name && (o.name.startsWith(`${s.name}/`) || s.name.startsWith(`${o.name}/`)),
  );
  if (nested) {
    throw userError(
      `${generator} refused, nothing was changed: the git directory of submodule "${s.name}" and that of "${nested.name}" are nested (.git/modules/${s.name}, .git/modules/${nested.name}), which git refuses: rename one [submodule] section in .gitmodules`,
    );
  }
  const workTree = containmentProblem(join(root, s.path), root, 'the workspace');
  if (workTree)
    throw userError(
      `${generator} refused, nothing was changed: ${s.path} ${workTree}: replace the symlink ${s.path} by the submodule's checkout (git submodule update --init -- ${s.path})`,
    );
  const modules = join(gitDir, 'modules');
  const abs = join(modules, s.name);
  const outside = containmentProblem(abs, modules, `${modules}`);
  if (outside)
    throw userError(
      `${generator} refused, nothing was changed: the git directory of submodule "${s.name}" ${outside}: remove that symlink (${abs}) and run git submodule update --init -- ${s.path}`,
    );
  const pointsAt = gitFileTarget(join(root, s.path));
  if (pointsAt !== undefined && realPathOf(pointsAt) !== realPathOf(abs)) {
    throw userError(
      `${generator} refused, nothing was changed: ${s.path}/.git points at ${pointsAt}, not at ${abs}, the git directory of submodule "${s.name}" in .gitmodules: make the [submodule] name in .gitmodules match (git submodule absorbgitdirs -- ${s.path} shows the one git uses)`,
    );
  }
  return abs;
}

/** Where the `.git` file of a work tree points (absolute), or undefined when it is a directory or absent. */
function gitFileTarget(workTree: string): string | undefined {
  const dotGit = join(workTree, '.git');
  try {
    if (!statSync(dotGit).isFile()) return undefined;
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    return m ? resolve(workTree, m[1]) : undefined;
  } catch {
    return undefined;
  }
}
