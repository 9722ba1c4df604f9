import type { ExecutorContext } from '@nx/devkit';
import type { MlwsPluginOptions } from '../../model/options';

/** The @mlws/nx options as nx.json gives them to a running executor (the first registration; `{}` without one). */
export function pluginOptionsOf(context: ExecutorContext): MlwsPluginOptions {
  const entry = (context.nxJsonConfiguration?.plugins ?? []).find(
    (p) => (typeof p === 'string' ? p : p.plugin) === '@mlws/nx',
  );
  return entry && typeof entry !== 'string' ? ((entry.options ?? {}) as MlwsPluginOptions) : {};
}
