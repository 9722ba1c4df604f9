import { NxJsonConfiguration, readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { DEFAULT_BACKENDS, DEFAULT_ENVIRONMENTS, MlwsPluginOptions, normalizeOptions, NormalizedOptions } from '../../plugin/options';

export const PLUGIN_NAME = '@mlws/nx';

type PluginEntry = NonNullable<NxJsonConfiguration['plugins']>[number];

const nameOf = (p: PluginEntry) => (typeof p === 'string' ? p : p.plugin);

/** The @mlws/nx options in nx.json (the first registration), `{}` when it has none. */
export function readPluginOptions(tree: Tree): MlwsPluginOptions {
  const entry = (readNxJson(tree)?.plugins ?? []).find((p) => nameOf(p) === PLUGIN_NAME);
  return entry && typeof entry !== 'string' ? ((entry.options ?? {}) as MlwsPluginOptions) : {};
}

export function readNormalizedOptions(tree: Tree): NormalizedOptions {
  return normalizeOptions(readPluginOptions(tree));
}

/**
 * Rewrites the @mlws/nx options in nx.json through `update` (the first registration; a string
 * entry becomes the object form, a missing one is added). Other plugins and keys stay as they are.
 */
export function updatePluginOptions(tree: Tree, update: (options: MlwsPluginOptions) => MlwsPluginOptions): void {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const plugins = [...(nxJson.plugins ?? [])];
  const at = plugins.findIndex((p) => nameOf(p) === PLUGIN_NAME);
  const current = at >= 0 ? plugins[at] : undefined;
  const options = update(current && typeof current !== 'string' ? { ...((current.options ?? {}) as MlwsPluginOptions) } : {});
  const entry = current && typeof current !== 'string' ? { ...current, options } : { plugin: PLUGIN_NAME, options };
  if (at >= 0) plugins[at] = entry;
  else plugins.push(entry);
  nxJson.plugins = plugins;
  updateNxJson(tree, nxJson);
}

/** The `environments` option with the defaults written out (so adding one keeps staging and prod). */
export function explicitEnvironments(options: MlwsPluginOptions): NonNullable<MlwsPluginOptions['environments']> {
  return [...(options.environments ?? DEFAULT_ENVIRONMENTS)];
}

/** The `backends` option with the defaults written out. */
export function explicitBackends(options: MlwsPluginOptions): Record<string, string | null> {
  return { ...(options.backends ?? DEFAULT_BACKENDS) };
}
