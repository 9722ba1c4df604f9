import type { Tree } from '@nx/devkit';
import type { GitClient } from '../../git/git-client';
import { hidingRules } from '../../git/ignore-rules';
import {
  describeRule,
  HiddenPath,
  hiddenMembersMessage,
  IgnoreRule,
  nxignoreBlock,
  nxignoreScopes,
  nxReadsSource,
  withNxignoreBlock,
} from '../../model/nx-visibility';
import { readUtf8Text } from '../shared/read-utf8-text';
import type { TreeWorkspace } from '../shared/tree-workspace';

/**
 * The members' files an ignore rule of the repository hides from Nx (asked of git for the
 * members' pyprojects and top-level entries only), grouped by member directory. Rules of a
 * member's own repository (`packages/x/.gitignore`) are its own business and left alone.
 */
export async function hiddenMemberFiles(
  tree: Tree,
  git: GitClient,
  memberDirs: readonly string[],
): Promise<Map<string, HiddenPath[]>> {
  const paths: string[] = [];
  for (const dir of memberDirs) {
    paths.push(`${dir}/pyproject.toml`);
    for (const child of tree.children(dir))
      if (child !== '.git' && child !== 'pyproject.toml') paths.push(`${dir}/${child}`);
  }
  const byDir = new Map<string, HiddenPath[]>();
  for (const hit of await hidingRules(git, tree.root, paths)) {
    const dir = memberDirs.find((d) => hit.path.startsWith(`${d}/`));
    if (!dir || !nxReadsSource(hit.source) || hit.source.startsWith(`${dir}/`)) continue;
    byDir.set(dir, [...(byDir.get(dir) ?? []), hit]);
  }
  return byDir;
}

/**
 * Lets Nx see the members a git ignore rule hides from it: a block in `.nxignore` (read by Nx
 * only, so git answers as before) re-includes them, the Python tool state inside stays hidden.
 * With `write` false (the user declined) it only says which rule hides what and the fix.
 * Returns the lines for init's report.
 */
export async function showMembersToNx(
  tree: Tree,
  git: GitClient,
  ws: TreeWorkspace,
  write: boolean,
): Promise<string[]> {
  const memberDirs = ws.model.packages.filter((p) => p.origin === 'member').map((p) => p.root);
  const hidden = await hiddenMemberFiles(tree, git, memberDirs);
  if (hidden.size === 0)
    return memberDirs.length ? ['ignore rules: no git ignore rule of the repository hides the members from Nx'] : [];
  const dirs = [...hidden.keys()].sort();
  const scopes = nxignoreScopes(dirs, ws.model.root?.workspace?.members ?? []);
  const rules = uniqueRules([...hidden.values()].flat());
  if (!write)
    return rules.map((r) =>
      hiddenMembersMessage(
        dirs.filter((d) => hidden.get(d)?.some((h) => sameRule(h, r))),
        r,
        scopes,
      ),
    );
  const current = tree.exists('.nxignore') ? (readUtf8Text(tree, '.nxignore') ?? '') : '';
  const next = withNxignoreBlock(current, nxignoreBlock(scopes));
  if (next !== current) tree.write('.nxignore', next);
  return [
    `ignore rules: ${rules.map(describeRule).join(', ')} hid ${dirs.length} member${dirs.length === 1 ? '' : 's'} from Nx; ` +
      `.nxignore re-includes ${scopes.map((s) => `/${s}/**`).join(', ')} for Nx only (git status and git check-ignore answer as before), the Python tool state in them stays hidden`,
  ];
}

function sameRule(a: IgnoreRule, b: IgnoreRule): boolean {
  return a.source === b.source && a.line === b.line && a.pattern === b.pattern;
}

function uniqueRules(hits: readonly IgnoreRule[]): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const h of hits)
    if (!out.some((r) => sameRule(r, h))) out.push({ source: h.source, line: h.line, pattern: h.pattern });
  return out;
}
