import type { TreeWorkspace } from '../shared/tree-workspace';
import { isMemberDir } from '../../model/member-dirs';
import { userError } from '../shared/errors';
import type { PackageSpec } from './options';

/**
 * Checks the package against the workspace before anything is written: its directory is free and a
 * uv workspace member, its name is free, its dependencies exist, `.gitmodules` has no entry there.
 */
export function checkPackageAgainstWorkspace(
  spec: PackageSpec,
  ws: TreeWorkspace,
  exists: (path: string) => boolean,
): void {
  const { model } = ws;
  const { members, exclude } = model.root?.workspace ?? { members: [], exclude: [] };
  if (exists(spec.dir)) {
    throw userError(
      `${spec.dir} already exists: choose another directory with --directory, or remove ${spec.dir} first`,
    );
  }
  if (!isMemberDir(spec.dir, members, exclude)) {
    throw userError(
      `${spec.dir} is not a uv workspace member (pyproject.toml [tool.uv.workspace] members = ${JSON.stringify(members)}${exclude.length ? `, exclude = ${JSON.stringify(exclude)}` : ''}): pass --directory under a members glob, or add it to members`,
    );
  }
  const same = model.packages.find((p) => p.name === spec.normalizedName);
  if (same) {
    throw userError(
      `a package named ${spec.normalizedName} already exists in ${same.root}: choose another name (names compare after PEP 503 normalisation)`,
    );
  }
  const env = ws.options.environments.find((e) => e.name === spec.normalizedName);
  if (env)
    throw userError(
      `${spec.normalizedName} is the name of the ${env.name} environment's project: choose another package name`,
    );
  const missing = spec.dependencies.filter((d) => !model.packages.some((p) => p.name === d));
  if (missing.length) {
    const known = model.packages.map((p) => p.name).join(', ') || 'none yet';
    throw userError(
      `--dependencies: no package ${missing.join(', ')} in the workspace (packages: ${known}): create it first with nx g @mlws/nx:package ${missing[0]}`,
    );
  }
  if (spec.submodule) {
    const taken = model.submodules.find((s) => s.path === spec.dir || s.name === spec.dir);
    if (taken) {
      throw userError(
        `.gitmodules already has the submodule "${taken.name}" (path ${taken.path}): remove it with nx g @mlws/nx:remove ${taken.path}, or choose another --directory`,
      );
    }
  }
}
