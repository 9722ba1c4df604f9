import type { Tree } from '@nx/devkit';
import { parseGitmodules } from '../../model/gitmodules';
import { withIgnoreNone } from '../../model/gitmodules-ignore';
import { readPyproject } from '../../model/pyproject';
import { isMemberDir } from '../../model/member-dirs';
import { readUtf8Text } from '../shared/read-utf8-text';

/**
 * Rule: every submodule that is a uv workspace member has `ignore = none` in `.gitmodules`.
 * Without it `git diff` — and so `nx affected` — does not see a submodule whose only change is a
 * new untracked file. Returns the submodule paths it changed.
 */
export function ensureMemberSubmodulesIgnoreNone(tree: Tree): string[] {
  if (!tree.isFile('.gitmodules') || !tree.exists('pyproject.toml')) return []; // a .gitmodules directory is a graph problem line
  const root = readPyproject('pyproject.toml', readUtf8Text(tree, 'pyproject.toml') ?? '');
  if (!root.ok || !root.pyproject.workspace) return [];
  const { members, exclude } = root.pyproject.workspace;
  const text = readUtf8Text(tree, '.gitmodules') ?? '';
  const isMember = (p: string) => isMemberDir(p, members, exclude);
  const paths = new Set(
    parseGitmodules(text)
      .map((s) => s.path)
      .filter(isMember),
  );
  const result = withIgnoreNone(text, paths);
  if (result.changed.length) tree.write('.gitmodules', result.text);
  return result.changed;
}
