import { join } from 'node:path';
import type { GitClient } from '../../git/git-client';
import { declaredBackends } from '../../model/backend';
import type { NormalizedOptions } from '../../plugin/options';
import type { TreeWorkspace } from '../shared/tree-workspace';

/** A release tag: an optional prefix, then a PEP 440 version (`0.1.2`, `v0.1.3.dev1`, `1.0rc1`). */
const VERSION_TAG = /^(.*?)(\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?)$/;

/**
 * The tag prefix a package's existing tags use (`v`, `''` for bare versions), the most common one
 * when they differ; undefined when no tag is a version. Pure.
 */
export function tagPrefixOf(tags: readonly string[]): string | undefined {
  const counts = tagPrefixCounts(tags);
  let best: string | undefined;
  for (const [prefix, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = prefix;
  return best;
}

/** How many version tags use each prefix. Pure. */
export function tagPrefixCounts(tags: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tags) {
    const m = VERSION_TAG.exec(t);
    if (!m || /[\s/]/.test(m[1])) continue;
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
}

const describePrefix = (prefix: string) => (prefix === '' ? 'unprefixed' : `"${prefix}"`);

/** `tags: unprefixed (0.1.2) in a, b; prefix "v" in c; no version tags in d`. Pure. */
export function tagReport(tagsByPackage: ReadonlyArray<{ name: string; tags: readonly string[] }>): string | undefined {
  if (tagsByPackage.length === 0) return undefined;
  const groups = new Map<string, string[]>();
  for (const { name, tags } of tagsByPackage) {
    const counts = tagPrefixCounts(tags);
    const prefix = tagPrefixOf(tags);
    const key =
      prefix === undefined
        ? 'no version tags'
        : counts.size > 1
          ? `mixed prefixes (${[...counts].map(([p, n]) => `${describePrefix(p)} ×${n}`).join(', ')})`
          : prefix === ''
            ? 'unprefixed versions (1.2.3)'
            : `prefix "${prefix}" (${prefix}1.2.3)`;
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return `release tags found: ${[...groups].map(([k, names]) => `${k} in ${names.join(', ')}`).join('; ')}`;
}

/** `backends: cu124, cu128 (declared in pyproject.toml)` or what the defaults mean when none is declared. */
export function backendReport(ws: TreeWorkspace, options: NormalizedOptions): string | undefined {
  const root = ws.model.root;
  if (!root) return undefined;
  const declared = declaredBackends(root.extras, options.backends);
  return declared.length
    ? `PyTorch backends: ${declared.join(', ')} (the extras pyproject.toml declares)`
    : 'PyTorch backends: none declared in pyproject.toml (nx g @mlws/nx:backend <name> adds one)';
}

/**
 * The tags of each member submodule, read with git (`git tag --list` in its checkout). Members
 * that are not checked out are left out.
 *
 * To unify with the release tag-prefix detection once it exists: this only reports.
 */
export async function memberTags(git: GitClient, workspaceRoot: string, ws: TreeWorkspace): Promise<Array<{ name: string; tags: string[] }>> {
  const out: Array<{ name: string; tags: string[] }> = [];
  for (const p of ws.model.packages.filter((x) => x.origin === 'member' && x.submodule)) {
    const r = await git.run(join(workspaceRoot, p.root), ['tag', '--list'], { stream: false }).catch(() => undefined);
    if (!r || r.exitCode !== 0) continue;
    out.push({ name: p.name, tags: r.stdout.split('\n').map((t) => t.trim()).filter(Boolean) });
  }
  return out;
}
