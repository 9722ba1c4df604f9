import { NxJsonConfiguration, readNxJson, Tree, updateNxJson, writeJson } from '@nx/devkit';

export const PLUGIN_NAME = '@mlws/nx';

/** Adds `@mlws/nx` to `nx.json` plugins unless an entry (string or object form) is already there. */
export function registerPlugin(tree: Tree): boolean {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const present = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  if (present) return false;
  nxJson.plugins = [...plugins, PLUGIN_NAME];
  writeNxJson(tree, nxJson);
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
  writeNxJson(tree, nxJson);
  return true;
}

/**
 * Nx's updateNxJson writes nothing when nx.json is missing (a repository where `npm install nx` ran
 * but never `nx init`): then nx.json is created, as `nx init` would.
 */
function writeNxJson(tree: Tree, nxJson: NxJsonConfiguration): void {
  if (tree.exists('nx.json')) updateNxJson(tree, nxJson);
  else writeJson(tree, 'nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json', ...nxJson });
}
