import type { Tree } from '@nx/devkit';
import { repositoryKey, sameRepository, unsafeGitUrlReason } from '../../model/git-url';
import type { NormalizedOptions } from '../../plugin/options';
import { setTomlValue, TomlEditError } from '../../toml';
import { environmentFile, locatePackage } from '../shared/locate';
import { gitSourcesOf } from '../shared/pin-source';
import type { TreeWorkspace } from '../shared/tree-workspace';
import { emptyResult, RuleResult } from './rule-result';
import { readUtf8Text } from '../shared/read-utf8-text';

/**
 * Rule: an environment's git source of a package points at the repository `.gitmodules` names
 * for it (compared by repository key, so `…/x`, `…/x.git/` and `git@host:…/x` are the same).
 * When the submodule's URL changed, the source gets the new one; only that token changes.
 */
export function ensureEnvironmentUrls(tree: Tree, ws: TreeWorkspace, options: NormalizedOptions): RuleResult {
  const result = emptyResult();
  for (const env of options.environments) {
    if (env.path === '.') continue;
    const file = environmentFile(env);
    const before = readUtf8Text(tree, file);
    if (before === null) continue;
    let text = before;
    for (const source of gitSourcesOf(before)) {
      const sub = locatePackage(ws, source.name)?.submodule;
      // relative submodule URLs need the root's remote: no comparison without it
      if (!sub || repositoryKey(sub.url) === undefined || sameRepository(source.url, sub.url)) continue;
      if (unsafeGitUrlReason(sub.url)) continue; // never written into an environment; gitmodules-urls-rule reports it
      try {
        text = setTomlValue(text, ['tool', 'uv', 'sources', source.key, 'git'], sub.url);
        result.fixed.push(`${file}: ${source.name} pins ${source.url}, but .gitmodules has ${sub.url} for ${sub.path}`);
      } catch (e) {
        if (!(e instanceof TomlEditError)) throw e;
        result.unfixable.push(`${file}: cannot update the URL of ${source.name}: ${e.message}`);
      }
    }
    if (text !== before) tree.write(file, text);
  }
  return result;
}
