import { NxJsonConfiguration, readNxJson, Tree, updateNxJson } from '@nx/devkit';

export const PLUGIN_NAME = '@mlws/nx';

/** Adds `@mlws/nx` to `nx.json` plugins unless an entry (string or object form) is already there. */
export function registerPlugin(tree: Tree): boolean {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const present = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (present) return false;
  nxJson.plugins = [...plugins, PLUGIN_NAME];
  updateNxJson(tree, nxJson);
  return true;
}

export const SYNC_GENERATOR = '@mlws/nx:sync';

/** Adds the plugin's sync generator to `sync.globalGenerators` in nx.json (idempotent). */
export function registerSyncGenerator(tree: Tree): boolean {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const sync = nxJson.sync ?? {};
  const generators = sync.globalGenerators ?? [];
  if (generators.includes(SYNC_GENERATOR)) return false;
  nxJson.sync = { ...sync, globalGenerators: [...generators, SYNC_GENERATOR] };
  updateNxJson(tree, nxJson);
  return true;
}
