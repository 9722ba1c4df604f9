import type { Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Submodule } from '../../model/gitmodules';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { configuredSubmoduleBase } from '../shared/git-remote';
import { readNormalizedOptions } from '../shared/plugin-options';
import { isRelativeGitUrl, resolveRelativeGitUrl } from '../shared/relative-url';
import { readTreeWorkspace } from '../shared/tree-workspace';
import { ensureEnvironmentUrls } from './environment-urls-rule';
import { checkGitmodulesUrls } from './gitmodules-urls-rule';
import { ensureRootListsMembers } from './root-members-rule';
import { ensureMemberSubmodulesIgnoreNone } from './submodule-ignore-rule';

/**
 * The `nx sync` generator of @mlws/nx. Each rule changes the tree only where it is out of sync:
 * - member submodules are `ignore = none` in `.gitmodules` (so nx affected sees untracked files);
 * - the root's dependencies and `{ workspace = true }` sources list every workspace member;
 * - environments' git sources point at the repositories `.gitmodules` names;
 * - no `.gitmodules` URL is one the plugin refuses (cannot be fixed by nx sync).
 * `nx sync --check` prints one line per problem. Problems nx sync cannot fix (a workspace source
 * naming no member) make the generator fail with one line each, so `--check` keeps failing.
 */
export interface SyncGeneratorResult {
  outOfSyncMessage?: string;
  outOfSyncDetails?: string[];
}

type SyncClients = Pick<Clients, 'git' | 'log'>;

export async function syncGenerator(tree: Tree): Promise<SyncGeneratorResult>;
export async function syncGenerator(
  tree: Tree,
  options: Record<string, unknown>,
  clients?: SyncClients,
): Promise<undefined>;
export async function syncGenerator(
  tree: Tree,
  options?: Record<string, unknown>,
  clients: SyncClients = defaultClients(),
): Promise<SyncGeneratorResult | undefined> {
  const result = await checkAndFix(tree, clients);
  // `nx sync` calls a sync generator with the tree alone and reads the returned messages;
  // `nx g @mlws/nx:sync` passes options and runs whatever is returned as its task
  if (options === undefined) return result;
  if (result.outOfSyncMessage) clients.log([result.outOfSyncMessage, ...(result.outOfSyncDetails ?? [])].join('\n'));
  return undefined;
}

async function checkAndFix(tree: Tree, clients: SyncClients): Promise<SyncGeneratorResult> {
  const opts = readNormalizedOptions(tree);
  const fixed: string[] = [];
  const ignoreNone = ensureMemberSubmodulesIgnoreNone(tree);
  if (ignoreNone.length)
    fixed.push(
      `.gitmodules: ${ignoreNone.join(', ')} need "ignore = none" so nx affected sees untracked files inside them`,
    );
  const ws = readTreeWorkspace(tree, opts);
  const rules = [
    ensureRootListsMembers(tree, ws),
    ensureEnvironmentUrls(tree, ws, opts, await relativeSubmoduleUrls(clients, tree.root, ws.submodules)),
    checkGitmodulesUrls(ws),
  ];
  for (const r of rules) fixed.push(...r.fixed);
  const unfixable = [
    ...rules.flatMap((r) => r.unfixable),
    ...ws.model.problems.filter((p) => p.kind === 'missing-path-source').map((p) => p.message),
  ];

  if (fixed.length === 0 && unfixable.length === 0) return {};
  if (fixed.length === 0) {
    throw new Error(
      `@mlws/nx: ${unfixable.length === 1 ? 'a problem' : `${unfixable.length} problems`} nx sync cannot fix:\n${unfixable.join('\n')}`,
    );
  }
  if (fixed.length === 1 && unfixable.length === 0) return { outOfSyncMessage: `${fixed[0]} (nx sync writes it)` };
  return {
    outOfSyncMessage: `${fixed.length} problem${fixed.length === 1 ? '' : 's'} in the uv workspace files (nx sync fixes ${fixed.length === 1 ? 'it' : 'them'}${unfixable.length ? `; ${unfixable.length} more it cannot fix` : ''}):`,
    outOfSyncDetails: [...fixed, ...unfixable.map((u) => `${u} (nx sync cannot fix this)`)],
  };
}

/** Relative `.gitmodules` URLs (`../x.git`) resolved the way git does, by submodule path. */
async function relativeSubmoduleUrls(
  clients: SyncClients,
  root: string,
  submodules: readonly Submodule[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const relative = submodules.filter((s) => isRelativeGitUrl(s.url));
  if (!relative.length || !existsSync(join(root, '.git'))) return out; // not a git checkout: nothing to resolve against
  // without a configured remote git resolves them against this checkout's directory: a path of
  // this machine, never written into a committed environment file
  const base = await configuredSubmoduleBase(clients.git, root).catch(() => undefined);
  if (!base) return out;
  for (const s of relative) {
    const url = resolveRelativeGitUrl(base, s.url);
    if (url) out.set(s.path, url);
  }
  return out;
}

export default syncGenerator;
