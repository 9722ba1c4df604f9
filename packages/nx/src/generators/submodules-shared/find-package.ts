import type { Submodule } from '../../model/gitmodules';
import { normalizeDistributionName } from '../../model/names';
import { normalizeWorkspacePath } from '../../model/paths';
import type { PackageNode, WorkspaceModel } from '../../model/workspace';
import { userError } from './user-error';

export interface FoundPackage {
  /** Project name (normalised distribution name), or the directory for an uninitialised submodule. */
  name: string;
  dir: string;
  /** Undefined for an uninitialised submodule (no pyproject to read). */
  node?: PackageNode;
  submodule?: Submodule;
}

/**
 * The package a remove/move names: a project name (any spelling of the distribution name) or its
 * directory — the directory also finds a submodule that is not initialised.
 */
export function findPackage(model: WorkspaceModel, nameOrDir: string, generator: string): FoundPackage {
  const normalized = normalizeDistributionName(nameOrDir);
  const dir = normalizeWorkspacePath(nameOrDir);
  const node = model.packages.find((p) => p.name === normalized) ?? model.packages.find((p) => p.root === dir);
  if (node) {
    const submodule = node.submodule ?? model.submodules.find((s) => s.path === node.root);
    return { name: node.name, dir: node.root, node, ...(submodule ? { submodule } : {}) };
  }
  const submodule = model.submodules.find((s) => s.path === dir);
  if (submodule) return { name: submodule.path, dir: submodule.path, submodule };
  const known = model.packages.map((p) => p.name).join(', ') || 'none';
  throw userError(
    `there is no package "${nameOrDir}" in the workspace (packages: ${known}): nx g @mlws/nx:${generator} <name>, with a name from nx show projects`,
  );
}
