import type { Tree } from '@nx/devkit';
import { BENCH_UTILS, diskTree, ROOT_PYPROJECT } from '../../shared/__testing__/fake-git-uv';

/** The workspace of the package generator specs: a uv workspace with one member, in a real temporary directory. */
export const URL = 'https://git.example.com/ml/model-qwen.git';

export function workspace(extra: Record<string, string> = {}): Tree {
  return diskTree({
    'pyproject.toml': ROOT_PYPROJECT,
    'packages/bench-utils/pyproject.toml': BENCH_UTILS,
    '.python-version': '3.11\n',
    ...extra,
  });
}

export const changes = (tree: Tree) =>
  tree
    .listChanges()
    .map((c) => `${c.type} ${c.path}`)
    .sort();
