import { join } from 'node:path';
import type { GitClient } from '../../git/git-client';
import { declaredBackends } from '../../model/backend';
import { detectTagPrefix } from '../../model/tag-prefix';
import type { NormalizedOptions } from '../../plugin/options';
import type { TreeWorkspace } from '../shared/tree-workspace';

const describePrefix = (prefix: string) => (prefix === '' ? 'unprefixed' : `"${prefix}"`);

/**
 * `release tags found: unprefixed versions (1.2.3) in a, b; prefix "v" (v1.2.3) in c; …`: what
 * release will use for each package, by the one detection release and promote use
 * (model/tag-prefix.ts). Pure.
 */
export function tagReport(tagsByPackage: ReadonlyArray<{ name: string; tags: readonly string[] }>): string | undefined {
  if (tagsByPackage.length === 0) return undefined;
  const groups = new Map<string, string[]>();
  for (const { name, tags } of tagsByPackage) {
    const { prefix, counts } = detectTagPrefix(tags, []);
    const key =
      prefix === undefined
        ? 'no version tags'
        : counts.length > 1
          ? `mixed prefixes (${counts.map((c) => `${describePrefix(c.prefix)} ×${c.count}`).join(', ')})`
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
 */
export async function memberTags(
  git: GitClient,
  workspaceRoot: string,
  ws: TreeWorkspace,
): Promise<Array<{ name: string; tags: string[] }>> {
  const out: Array<{ name: string; tags: string[] }> = [];
  for (const p of ws.model.packages.filter((x) => x.origin === 'member' && x.submodule)) {
    const r = await git
      .run(['tag', '--list'], { cwd: join(workspaceRoot, p.root), stream: false })
      .catch(() => undefined);
    if (!r || r.exitCode !== 0) continue;
    out.push({
      name: p.name,
      tags: r.stdout
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean),
    });
  }
  return out;
}
