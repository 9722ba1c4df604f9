import { readNxJson, Tree } from '@nx/devkit';
import { MlwsPluginOptions, normalizeOptions, NormalizedOptions } from '../../plugin/options';

const PLUGIN = '@mlws/nx';

/** The plugin's options as written in nx.json (`plugins: ["@mlws/nx"]` or `{ plugin, options }`), normalised. */
export function readPluginOptions(tree: Tree): NormalizedOptions {
  const plugins = readNxJson(tree)?.plugins ?? [];
  const entry = plugins.find((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN);
  const options = entry && typeof entry !== 'string' ? (entry.options as MlwsPluginOptions | undefined) : undefined;
  return normalizeOptions(options);
}
