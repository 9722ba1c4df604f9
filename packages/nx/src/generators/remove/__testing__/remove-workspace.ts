import type { Tree } from '@nx/devkit';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskTree } from '../../shared/__testing__/fake-git-uv';

/** The workspace of the remove generator specs: two submodule packages, staging pinning them, locks. */
export const ROOT = [
  '[project]',
  'name = "ml"',
  'version = "0.1.0"',
  'requires-python = ">=3.11"',
  'dependencies = [',
  '    "model-a",',
  '    "model-b",  # the second one',
  ']',
  '',
  '[dependency-groups]',
  'dev = ["pytest>=8", "model-b"]',
  '',
  '[tool.uv.workspace]',
  'members = ["packages/*"]',
  '',
  '[tool.uv.sources]',
  'model-a = { workspace = true }',
  'model-b = { workspace = true }',
  '',
].join('\n');

export const STAGING = [
  '[project]',
  'name = "staging"',
  'version = "0"',
  'dependencies = ["model-a", "model-b"]',
  '',
  '[tool.uv.sources]',
  'model-a = { git = "https://git.example.com/ml/model-a", tag = "v0.1.0.dev0" }',
  'model-b = { git = "https://git.example.com/ml/model-b", tag = "v0.1.0.dev0" }',
  '',
].join('\n');

export const GITMODULES = [
  '[submodule "packages/model-a"]',
  '\tpath = packages/model-a',
  '\turl = https://git.example.com/ml/model-a.git',
  '\tignore = none',
  '[submodule "packages/model-b"]',
  '\tpath = packages/model-b',
  '\turl = https://git.example.com/ml/model-b.git',
  '\tignore = none',
  '',
].join('\n');

export function workspace(extra: Record<string, string> = {}): Tree {
  const tree = diskTree({
    'pyproject.toml': ROOT,
    'uv.lock': 'version = 1\n',
    'staging/pyproject.toml': STAGING,
    'staging/uv.lock': 'version = 1\n',
    'prod/pyproject.toml': '[project]\nname = "prod"\nversion = "0"\ndependencies = []\n',
    '.gitmodules': GITMODULES,
    'packages/model-a/pyproject.toml': '[project]\nname = "model-a"\nversion = "0.1.0"\ndependencies = []\n',
    'packages/model-a/.git': 'gitdir: ../../.git/modules/packages/model-a\n',
    'packages/model-b/pyproject.toml':
      '[project]\nname = "model_b"\nversion = "0.1.0"\ndependencies = ["model-a>=0.1"]\n',
    'packages/model-b/.git': 'gitdir: ../../.git/modules/packages/model-b\n',
    ...extra,
  });
  for (const p of ['model-a', 'model-b']) mkdirSync(join(tree.root, '.git/modules/packages', p), { recursive: true });
  return tree;
}

export const read = (tree: Tree, f: string) => readFileSync(join(tree.root, f), 'utf8');
