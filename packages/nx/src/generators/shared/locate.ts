import type { Tree } from '@nx/devkit';
import { minimatch } from 'minimatch';
import type { Submodule } from '../../model/gitmodules';
import { normalizeDistributionName } from '../../model/names';
import { normalizeWorkspacePath } from '../../model/paths';
import type { EnvironmentOption } from '../../model/environment-roles';
import { environmentFile } from '../../model/environment-files';
import type { NormalizedOptions } from '../../model/options';
import type { PackageNode } from '../../model/workspace';
import { userError } from './errors';
import type { TreeWorkspace } from './tree-workspace';

/** A package a generator acts on. */
export interface LocatedPackage {
  /** PEP 503-normalised name (the Nx project name); for an uninitialised submodule, its directory's name normalised. */
  name: string;
  /** The distribution name as its pyproject writes it (the normalised one for an uninitialised submodule). */
  distName: string;
  /** Workspace-relative directory. */
  dir: string;
  /** Undefined for an uninitialised submodule (no pyproject to read). */
  node?: PackageNode;
  submodule?: Submodule;
}

/**
 * The package a generator names, by its name (any spelling that normalises alike) or its
 * directory: a workspace member or path package, else a submodule that is not initialised (by its
 * directory, or by a name its directory normalises to). Undefined when there is none.
 */
export function locatePackage(
  ws: Pick<TreeWorkspace, 'model' | 'submodules'>,
  nameOrDir: string,
): LocatedPackage | undefined {
  const n = normalizeDistributionName(nameOrDir);
  const dir = normalizeWorkspacePath(nameOrDir);
  const node = ws.model.packages.find((p) => p.name === n) ?? ws.model.packages.find((p) => p.root === dir);
  if (node) {
    const submodule = node.submodule ?? ws.submodules.find((s) => s.path === node.root);
    return {
      name: node.name,
      distName: node.pyproject.name ?? node.name,
      dir: node.root,
      node,
      ...(submodule ? { submodule } : {}),
    };
  }
  const byName = (s: Submodule) => normalizeDistributionName(s.path.split('/').pop() ?? '') === n;
  const sub = ws.submodules.find((s) => s.path === dir) ?? ws.submodules.find(byName);
  if (!sub) return undefined;
  const name = normalizeDistributionName(sub.path.split('/').pop() ?? sub.path);
  return { name, distName: name, dir: sub.path, submodule: sub };
}

/** locatePackage, or one line naming the packages there are (`generator`: for the command that fixes it). */
export function mustLocatePackage(
  ws: Pick<TreeWorkspace, 'model' | 'submodules'>,
  nameOrDir: string,
  generator: string,
): LocatedPackage {
  const found = locatePackage(ws, nameOrDir);
  if (found) return found;
  const known = ws.model.packages.map((p) => p.name).join(', ') || 'none';
  throw userError(
    `there is no package "${nameOrDir}" in the workspace (packages: ${known}): nx g @mlws/nx:${generator} <name>, with a name from nx show projects`,
  );
}

/** Submodules under the workspace members that have no pyproject in the tree (not initialised). */
export function uninitialisedMemberSubmodules(tree: Tree, ws: TreeWorkspace): Submodule[] {
  const members = ws.model.root?.workspace?.members ?? [];
  const exclude = ws.model.root?.workspace?.exclude ?? [];
  const match = (p: string, g: string) => {
    const glob = normalizeWorkspacePath(g);
    return glob !== undefined && minimatch(p, glob, { dot: true });
  };
  return ws.submodules.filter(
    (s) =>
      members.some((g) => match(s.path, g)) &&
      !exclude.some((g) => match(s.path, g)) &&
      !tree.isFile(`${s.path}/pyproject.toml`),
  );
}

/** `pyproject.toml` of an environment (model/environment-files.ts; re-exported for the generators). */
export { environmentFile };

/** Validates `--env` for a generator that pins: a configured environment other than dev. One line when not. */
export function pinnableEnvironment(tree: Tree, options: NormalizedOptions, env: string): EnvironmentOption | string {
  const others = options.environments.filter((e) => e.path !== '.');
  const list = others.map((e) => e.name).join(', ') || 'none';
  if (env === options.devEnvironment) {
    return `${env} is the editable workspace (packages come from { workspace = true } sources), it pins no tags: choose one of ${list}`;
  }
  const found = others.find((e) => e.name === env);
  if (!found)
    return `unknown environment "${env}": the environments are ${list} (add one with nx g @mlws/nx:environment ${env})`;
  const file = environmentFile(found);
  if (!tree.isFile(file))
    return `${file} does not exist: create the ${env} environment with nx g @mlws/nx:environment ${env}`;
  return found;
}
