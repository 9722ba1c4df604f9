import type { Tree } from '@nx/devkit';
import { appendToTomlArray, setTomlValue, TomlEditError } from '../../toml';
import { normalizeDistributionName } from '../../model/names';
import { parseRequirement } from '../../model/requirement';
import { uninitialisedMemberSubmodules } from '../shared/locate';
import type { TreeWorkspace } from '../shared/tree-workspace';
import { emptyResult, RuleResult } from './rule-result';
import { readUtf8Text } from '../shared/read-utf8-text';

/**
 * Rule: the root pyproject lists every uv workspace member in `[project].dependencies` and maps
 * it to `{ workspace = true }` in `[tool.uv.sources]` (missing ones are added). A workspace source
 * naming no member is reported (an uninitialised member submodule counts by its directory name).
 */
export function ensureRootListsMembers(tree: Tree, ws: TreeWorkspace): RuleResult {
  const result = emptyResult();
  const root = ws.model.root;
  if (!root?.workspace || !root.name) return result;
  let text = readUtf8Text(tree, 'pyproject.toml') ?? '';
  const deps = new Set(
    root.requirements
      .filter((r) => r.section.kind === 'project')
      .map((r) => parseRequirement(r.requirement)?.normalizedName),
  );
  const members = ws.model.packages.filter((p) => p.origin === 'member' && p.name);
  try {
    for (const m of members) {
      if (!deps.has(m.name)) {
        text = appendToTomlArray(text, ['project', 'dependencies'], m.name);
        result.fixed.push(`pyproject.toml: [project].dependencies lacks ${m.name} (the workspace member ${m.root})`);
      }
      if (!root.sources[m.name]) {
        text = setTomlValue(text, ['tool', 'uv', 'sources', m.name], { workspace: true });
        result.fixed.push(
          `pyproject.toml: [tool.uv.sources] lacks ${m.name} = { workspace = true } (the workspace member ${m.root})`,
        );
      }
    }
  } catch (e) {
    if (!(e instanceof TomlEditError)) throw e;
    return { fixed: [], unfixable: [`pyproject.toml: cannot add the workspace members: ${e.message}`] };
  }
  if (result.fixed.length) tree.write('pyproject.toml', text);

  const known = new Set([
    ...members.map((m) => m.name),
    ...uninitialisedMemberSubmodules(tree, ws).map((s) => normalizeDistributionName(s.path.split('/').pop() ?? '')),
  ]);
  for (const [name, entries] of Object.entries(root.sources)) {
    if (entries.some((s) => s.kind === 'workspace') && !known.has(name)) {
      result.unfixable.push(
        `pyproject.toml: [tool.uv.sources] maps ${name} to { workspace = true }, but no workspace member is named ${name}: remove it, or add the package (nx g @mlws/nx:package ${name})`,
      );
    }
  }
  return result;
}
