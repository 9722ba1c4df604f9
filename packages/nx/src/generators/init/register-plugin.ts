import { Tree, writeJson } from '@nx/devkit';
import { editNxJson, readNxJsonText } from '../shared/nx-json-edit';

export const PLUGIN_NAME = '@mlws/nx';

/**
 * Adds `@mlws/nx` to `nx.json` plugins unless an entry (string or object form) is already there.
 * nx.json is edited format-preserving: its comments and layout stay.
 */
export function registerPlugin(tree: Tree): boolean {
  const read = readNxJsonText(tree);
  if (!read) return createNxJson(tree, { plugins: [PLUGIN_NAME] });
  const plugins = Array.isArray(read.json.plugins) ? (read.json.plugins as unknown[]) : undefined;
  const present = (plugins ?? []).some(
    (p) => (typeof p === 'string' ? p : (p as { plugin?: unknown } | null)?.plugin) === PLUGIN_NAME,
  );
  if (present) return false;
  editNxJson(tree, [
    plugins
      ? { path: ['plugins', plugins.length], value: PLUGIN_NAME, insert: true }
      : { path: ['plugins'], value: [PLUGIN_NAME] },
  ]);
  return true;
}

export const SYNC_GENERATOR = '@mlws/nx:sync';

/** Adds the plugin's sync generator to `sync.globalGenerators` in nx.json (idempotent). */
export function registerSyncGenerator(tree: Tree): boolean {
  const read = readNxJsonText(tree);
  if (!read) return createNxJson(tree, { sync: { globalGenerators: [SYNC_GENERATOR] } });
  const sync = read.json.sync as { globalGenerators?: unknown } | undefined;
  const generators = Array.isArray(sync?.globalGenerators) ? (sync.globalGenerators as unknown[]) : undefined;
  if (generators?.includes(SYNC_GENERATOR)) return false;
  editNxJson(tree, [
    generators
      ? { path: ['sync', 'globalGenerators', generators.length], value: SYNC_GENERATOR, insert: true }
      : { path: ['sync', 'globalGenerators'], value: [SYNC_GENERATOR] },
  ]);
  return true;
}

/**
 * A repository where `npm install nx` ran but never `nx init` has no nx.json: then it is created,
 * as `nx init` would.
 */
function createNxJson(tree: Tree, content: Record<string, unknown>): true {
  writeJson(tree, 'nx.json', { $schema: './node_modules/nx/schemas/nx-schema.json', ...content });
  return true;
}
