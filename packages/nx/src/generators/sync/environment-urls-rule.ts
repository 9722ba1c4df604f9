import type { Tree } from '@nx/devkit';
import { repositoryKey, sameRepository, unsafeGitUrlReason, uvGitUrl } from '../../model/git-url';
import type { NormalizedOptions } from '../../model/options';
import { setTomlValue, TomlEditError } from '../../toml';
import { environmentFile, locatePackage } from '../shared/locate';
import { gitSourcesOf } from '../../uv/pin-source';
import type { TreeWorkspace } from '../shared/tree-workspace';
import { emptyResult, RuleResult } from './rule-result';
import { readUtf8Text } from '../shared/read-utf8-text';

/**
 * Rule: an environment's git source of a package points at the repository `.gitmodules` names
 * for it (compared by repository key, so `…/x`, `…/x.git/` and `git@host:…/x` are the same).
 * When the submodule's URL changed, the source gets the new one; only that token changes. The URL is
 * written the way uv reads it (uvGitUrl: a plain path becomes file://), and a source spelled in a
 * way uv cannot read is repaired. `resolvedUrls` (submodule path → URL) holds relative `.gitmodules`
 * URLs resolved against the root's remote, as git does; without one a relative URL is left alone.
 */
export function ensureEnvironmentUrls(
  tree: Tree,
  ws: TreeWorkspace,
  options: NormalizedOptions,
  resolvedUrls: ReadonlyMap<string, string> = new Map(),
): RuleResult {
  const result = emptyResult();
  for (const env of options.environments) {
    if (env.path === '.') continue;
    const file = environmentFile(env);
    const before = readUtf8Text(tree, file);
    if (before === null) continue;
    let text = before;
    for (const source of gitSourcesOf(before)) {
      const sub = locatePackage(ws, source.name)?.submodule;
      if (!sub) continue;
      const subUrl = resolvedUrls.get(sub.path) ?? sub.url;
      // never written into an environment; gitmodules-urls-rule reports a refused URL once
      if (unsafeGitUrlReason(subUrl)) continue;
      // the same repository keeps its own spelling, converted (git@host:org/x → ssh://git@host/org/x)
      const same = sameRepository(source.url, subUrl);
      // already a spelling uv reads (a `git+` prefix is one of them): the pin keeps it
      if (same && uvGitUrl(source.url) === source.url.trim().replace(/^git\+/, '')) continue;
      const wanted = (same ? uvGitUrl(source.url) : undefined) ?? uvGitUrl(subUrl);
      // relative submodule URLs without a resolvable remote: no comparison possible
      if (!wanted || repositoryKey(subUrl) === undefined) continue;
      try {
        text = setTomlValue(text, ['tool', 'uv', 'sources', source.key, 'git'], wanted);
        result.fixed.push(
          same
            ? `${file}: ${source.name} pins ${source.url}, which uv cannot read as a git URL ("relative URL without a base"); the URL uv reads is ${wanted}`
            : `${file}: ${source.name} pins ${source.url}, but .gitmodules has ${sub.url} for ${sub.path}${wanted !== sub.url ? ` (written as ${wanted}, the spelling uv reads)` : ''}`,
        );
      } catch (e) {
        if (!(e instanceof TomlEditError)) throw e;
        result.unfixable.push(`${file}: cannot update the URL of ${source.name}: ${e.message}`);
      }
    }
    if (text !== before) tree.write(file, text);
  }
  return result;
}
