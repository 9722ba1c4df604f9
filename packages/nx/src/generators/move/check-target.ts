import { normalizeWorkspacePath } from '../../model/paths';
import { checkPackageDirectory } from '../shared/directory-rules';
import type { LocatedPackage } from '../shared/locate';
import { isMemberDir } from '../../model/member-dirs';
import type { TreeWorkspace } from '../shared/tree-workspace';
import { userError } from '../shared/errors';

/**
 * The directory a package moves to: valid, free, not inside itself, and still a uv workspace
 * member if the package is one (an explicit members entry naming the old directory moves along).
 */
export function checkMoveTarget(
  found: LocatedPackage,
  rawTo: string,
  ws: TreeWorkspace,
  fs: { exists: (path: string) => boolean; isFile: (path: string) => boolean },
): string {
  const { exists } = fs;
  const checked = checkPackageDirectory(rawTo ?? '');
  if (!checked.ok) throw userError(`--to ${checked.reason}: pass --to <directory inside the workspace>`);
  const to = checked.dir;
  const from = found.dir;
  if (to === from) throw userError(`${found.name} is already in ${from}: pass another --to`);
  if (to.startsWith(`${from}/`) || from.startsWith(`${to}/`))
    throw userError(`cannot move ${from} to ${to}, inside itself or its parent: pass another --to`);
  if (exists(to) || ws.model.submodules.some((s) => s.path === to))
    throw userError(`${to} already exists: pass another --to, or remove ${to} first`);
  const ancestorFile = to
    .split('/')
    .slice(0, -1)
    .map((_, i, parts) => parts.slice(0, i + 1).join('/'))
    .find((p) => exists(p) && fs.isFile(p));
  if (ancestorFile) throw userError(`${ancestorFile} is a file, so ${to} cannot be created: pass another --to`);

  const ws0 = ws.model.root?.workspace ?? { members: [], exclude: [] };
  const wasMember = isMemberDir(from, ws0.members, ws0.exclude);
  if (wasMember) {
    const members = ws0.members.map((m) => (normalizeWorkspacePath(m) === from ? to : m));
    if (!isMemberDir(to, members, ws0.exclude)) {
      throw userError(
        `${to} would not be a uv workspace member (pyproject.toml [tool.uv.workspace] members = ${JSON.stringify(ws0.members)}${ws0.exclude.length ? `, exclude = ${JSON.stringify(ws0.exclude)}` : ''}): pass --to under a members glob, or add it to members first`,
      );
    }
  }
  return to;
}
