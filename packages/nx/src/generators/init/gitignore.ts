import { Tree } from '@nx/devkit';
import { GeneratorError } from '../shared/errors';
import { readUtf8Text } from '../shared/read-utf8-text';

/** Lines every uv ML workspace ignores: virtualenvs, build output, test reports, caches, Nx's node modules. */
export const IGNORED = ['node_modules/', '.venv/', 'dist/', 'reports/', '__pycache__/', '*.egg-info/', '.pytest_cache/', '.ruff_cache/', '.nx/cache', '.nx/workspace-data'];

/** Appends the missing lines to `.gitignore`, keeping what is there byte-for-byte. */
export function ensureGitignore(tree: Tree, lines: readonly string[] = IGNORED): string[] {
  if (tree.exists('.gitignore') && !tree.isFile('.gitignore')) {
    throw new GeneratorError('.gitignore is a directory, but git reads ignore rules from a file of that name: rename the directory (mv .gitignore <other name>), then run the generator again');
  }
  const current = tree.exists('.gitignore') ? readUtf8Text(tree, '.gitignore') ?? '' : '';
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')));
  if (missing.length === 0) return [];
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  tree.write('.gitignore', `${current}${sep}${missing.join('\n')}\n`);
  return missing;
}
