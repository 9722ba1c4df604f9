import type { Tree } from '@nx/devkit';
import type { NormalizedOptions } from '../../model/options';
import { LocatedPackage, mustLocatePackage } from './locate';
import { readNormalizedOptions } from './plugin-options';
import { readUvTreeWorkspace, TreeWorkspace } from './tree-workspace';

/** What a generator that acts on one existing package starts from. */
export interface OpenedPackage {
  plugin: NormalizedOptions;
  ws: TreeWorkspace;
  found: LocatedPackage;
}

/**
 * The opening of the generators that act on an existing package (move, remove): the plugin
 * options, the uv workspace in the tree, and the package named `nameOrDir` (or one line naming
 * the packages there are, with the `generator` command that fixes it).
 */
export function openPackage(tree: Tree, nameOrDir: string | undefined, generator: string): OpenedPackage {
  const plugin = readNormalizedOptions(tree);
  const ws = readUvTreeWorkspace(tree, plugin);
  return { plugin, ws, found: mustLocatePackage(ws, nameOrDir ?? '', generator) };
}
