import type { Tree } from '@nx/devkit';
import { minimatch } from 'minimatch';
import type { Submodule } from '../../model/gitmodules';
import { normalizeDistributionName } from '../../model/names';
import { normalizeWorkspacePath } from '../../model/paths';
import type { EnvironmentOption } from '../../model/environment-roles';
import type { NormalizedOptions } from '../../model/options';
import type { TreeWorkspace } from './tree-workspace';

/** A package a generator acts on. */
export interface LocatedPackage {
  /** PEP 503-normalised name (the Nx project name). */
  name: string;
  /** The distribution name as its pyproject writes it (the normalised one for an uninitialised submodule). */
  distName: string;
  dir?: string;
  submodule?: Submodule;
}

/**
 * Finds a package by name (any spelling that normalises alike): a workspace member or path
 * package, else a member submodule that is not initialised, named by its directory.
 */
export function locatePackage(ws: TreeWorkspace, name: string): LocatedPackage | undefined {
  const n = normalizeDistributionName(name);
  const node = ws.model.packages.find((p) => p.name === n);
  if (node)
    return {
      name: n,
      distName: node.pyproject.name ?? n,
      dir: node.root,
      ...(node.submodule ? { submodule: node.submodule } : {}),
    };
  const sub = ws.submodules.find((s) => normalizeDistributionName(s.path.split('/').pop() ?? '') === n);
  if (sub) return { name: n, distName: n, dir: sub.path, submodule: sub };
  return undefined;
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

/** `pyproject.toml` of an environment (`.` → the root one). */
export function environmentFile(env: Pick<EnvironmentOption, 'path'>): string {
  return env.path === '.' ? 'pyproject.toml' : `${env.path}/pyproject.toml`;
}

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
