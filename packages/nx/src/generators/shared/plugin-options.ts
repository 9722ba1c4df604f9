import { NxJsonConfiguration, readNxJson, Tree, writeJson } from '@nx/devkit';
import { editNxJson, NxJsonChange, readNxJsonText } from './nx-json-edit';
import {
  DEFAULT_BACKENDS,
  DEFAULT_ENVIRONMENTS,
  MlwsPluginOptions,
  normalizeOptions,
  NormalizedOptions,
} from '../../model/options';

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
 * entry becomes the object form, a missing one is added). Only the changed option values are
 * rewritten (format-preserving): comments and every other byte of nx.json stay as they are.
 */
export function updatePluginOptions(tree: Tree, update: (options: MlwsPluginOptions) => MlwsPluginOptions): void {
  const read = readNxJsonText(tree);
  if (!read) {
    const options = update({});
    writeJson(tree, 'nx.json', {
      $schema: './node_modules/nx/schemas/nx-schema.json',
      plugins: [{ plugin: PLUGIN_NAME, options }],
    });
    return;
  }
  const plugins = Array.isArray(read.json.plugins) ? (read.json.plugins as PluginEntry[]) : undefined;
  const at = plugins ? plugins.findIndex((p) => nameOf(p) === PLUGIN_NAME) : -1;
  const current = at >= 0 && plugins ? plugins[at] : undefined;
  const currentOptions =
    current && typeof current !== 'string' && isObject(current.options)
      ? (current.options as MlwsPluginOptions)
      : undefined;
  const options = update({ ...(currentOptions ?? {}) });
  const changes: NxJsonChange[] = [];
  if (currentOptions) {
    const keys = new Set([...Object.keys(currentOptions), ...Object.keys(options)]) as Set<keyof MlwsPluginOptions>;
    for (const key of keys) {
      if (JSON.stringify(currentOptions[key]) !== JSON.stringify(options[key]))
        changes.push({ path: ['plugins', at, 'options', key], value: options[key] });
    }
  } else if (current && typeof current !== 'string') {
    changes.push({ path: ['plugins', at, 'options'], value: options });
  } else if (current) {
    changes.push({ path: ['plugins', at], value: { plugin: PLUGIN_NAME, options } });
  } else if (plugins) {
    changes.push({ path: ['plugins', plugins.length], value: { plugin: PLUGIN_NAME, options }, insert: true });
  } else {
    changes.push({ path: ['plugins'], value: [{ plugin: PLUGIN_NAME, options }] });
  }
  editNxJson(tree, changes);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `environments` option with the defaults written out (so adding one keeps staging and prod). */
export function explicitEnvironments(options: MlwsPluginOptions): NonNullable<MlwsPluginOptions['environments']> {
  return [...(options.environments ?? DEFAULT_ENVIRONMENTS)];
}

/** The `backends` option with the defaults written out. */
export function explicitBackends(options: MlwsPluginOptions): Record<string, string | null> {
  return { ...(options.backends ?? DEFAULT_BACKENDS) };
}
