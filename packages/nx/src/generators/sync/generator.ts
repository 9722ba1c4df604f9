import type { Tree } from '@nx/devkit';
import { ensureMemberSubmodulesIgnoreNone } from './submodule-ignore-rule';

/** The `nx sync` generator of @mlws/nx. Each rule changes the tree only where it is out of sync. */
export async function syncGenerator(tree: Tree) {
  const changed = ensureMemberSubmodulesIgnoreNone(tree);
  if (changed.length === 0) return {};
  return {
    outOfSyncMessage: `.gitmodules: ${changed.join(', ')} need "ignore = none" so nx affected sees untracked files inside them (nx sync writes it)`,
  };
}

export default syncGenerator;
