import type { Tree } from '@nx/devkit';
import type { NormalizedOptions } from '../../model/options';
import { environmentFile, uninitialisedMemberSubmodules } from '../shared/locate';
import { readTreeWorkspace } from '../shared/tree-workspace';

/**
 * What init says about an existing workspace it adopts. It writes no pyproject: everything it
 * finds missing comes with the command that adds it. Returns the lines (without the prefix).
 */
export function adoptionReport(tree: Tree, options: NormalizedOptions): string[] {
  const ws = readTreeWorkspace(tree, options);
  const lines: string[] = [];
  const root = ws.model.root;
  const envs = options.environments.filter((e) => e.path !== '.');
  const present = envs.filter((e) => tree.isFile(environmentFile(e)));
  const members = ws.model.packages.filter((p) => p.origin === 'member');
  const subs = members.filter((p) => p.submodule).length;
  const uninit = uninitialisedMemberSubmodules(tree, ws);
  lines.push(
    `adopted the existing workspace, its pyprojects left as they are: ${members.length} package${members.length === 1 ? '' : 's'} ` +
      `(${subs} submodule${subs === 1 ? '' : 's'}${uninit.length ? `, ${uninit.length} not initialised` : ''}), ` +
      `environments ${[options.devEnvironment, ...present.map((e) => e.name)].join(', ')}`,
  );
  if (ws.errors.length) lines.push(...ws.errors.map((e) => e.message));
  else if (!root?.workspace)
    lines.push(
      'pyproject.toml has no [tool.uv.workspace]: add members = ["packages/*"] under it to make the packages one uv workspace',
    );
  for (const e of envs) {
    if (!tree.isFile(environmentFile(e)))
      lines.push(`${environmentFile(e)} does not exist: nx g @mlws/nx:environment ${e.name} creates it`);
  }
  for (const s of uninit)
    lines.push(`${s.path} is a submodule that is not initialised: git submodule update --init ${s.path}`);
  return lines;
}
