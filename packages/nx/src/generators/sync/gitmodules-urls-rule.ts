import { refusedSubmoduleUrls } from '../../model/submodule-urls';
import type { TreeWorkspace } from '../shared/tree-workspace';
import { emptyResult, RuleResult } from './rule-result';

/**
 * Rule: every submodule URL in `.gitmodules` is one @mlws/nx (and git's safe defaults) accept.
 * nx sync cannot choose the right URL, so a refused one keeps `nx sync --check` failing.
 */
export function checkGitmodulesUrls(ws: TreeWorkspace): RuleResult {
  const result = emptyResult();
  result.unfixable.push(...refusedSubmoduleUrls(ws.submodules));
  return result;
}
