import { Tree } from '@nx/devkit';
import { GeneratorError } from '../shared/errors';
import { readUtf8Text } from '../shared/read-utf8-text';
import type { GitClient } from '../../git/git-client';
import { trackedPathsMatching } from '../../git/ignore-rules';

/**
 * Lines every uv ML workspace ignores: virtualenvs, build output, the plugin's own outputs
 * (`.mlws/`: test reports), caches, Nx's node modules and state.
 */
export const IGNORED = [
  'node_modules/',
  '.venv/',
  'dist/',
  '.mlws/',
  '__pycache__/',
  '*.egg-info/',
  '.pytest_cache/',
  '.ruff_cache/',
  '.nx/cache',
  '.nx/workspace-data',
];

/** What init of earlier builds appended (test reports went to the workspace's reports/). */
export const LEGACY_IGNORED = ['reports/'];

export interface GitignorePlan {
  /** Lines to append. */
  add: string[];
  /** Lines not added because the repository tracks files they match. */
  refused: Array<{ line: string; tracked: string[] }>;
  /** Lines an earlier init added that match tracked files (1-based line number). */
  legacy: Array<{ lineNo: number; line: string; tracked: string[] }>;
}

/**
 * Which of `lines` `.gitignore` lacks, checked with git before any is added: a line that would
 * match a tracked path (a repository that tracks its `dist/` or `reports/`) is never added — new
 * files there would silently stop showing in `git status`.
 */
export async function planGitignore(
  tree: Tree,
  git: GitClient,
  lines: readonly string[] = IGNORED,
): Promise<GitignorePlan> {
  const current = currentLines(tree);
  const have = new Set(current.map((l) => l.trim()));
  const plan: GitignorePlan = { add: [], refused: [], legacy: [] };
  for (const line of lines) {
    if (have.has(line) || have.has(line.replace(/\/$/, ''))) continue;
    const tracked = await trackedPathsMatching(git, tree.root, line);
    if (tracked.length) plan.refused.push({ line, tracked });
    else plan.add.push(line);
  }
  for (const [i, text] of current.entries()) {
    const line = text.trim();
    if (!LEGACY_IGNORED.some((l) => l === line || l.replace(/\/$/, '') === line)) continue;
    const tracked = await trackedPathsMatching(git, tree.root, line);
    if (tracked.length) plan.legacy.push({ lineNo: i + 1, line, tracked });
  }
  return plan;
}

/** The lines init prints about `.gitignore` (without the prefix). */
export function gitignoreReport(plan: GitignorePlan): string[] {
  const some = (tracked: string[]) => `${tracked[0]}${tracked.length > 1 ? ` and ${tracked.length - 1} more` : ''}`;
  return [
    ...plan.refused.map(
      (r) =>
        `.gitignore: did not add ${r.line}, the repository tracks ${some(r.tracked)}: new files there would stop showing in git status`,
    ),
    ...plan.legacy.map(
      (l) =>
        `.gitignore:${l.lineNo} ${l.line} matches tracked ${some(l.tracked)}, so new files there do not show in git status (earlier @mlws/nx builds added this line for their test reports); ` +
        `they now go to .mlws/reports/: delete the line unless you want it`,
    ),
  ];
}

/** Appends the missing lines to `.gitignore`, keeping what is there byte-for-byte. */
export function ensureGitignore(tree: Tree, lines: readonly string[] = IGNORED): string[] {
  if (tree.exists('.gitignore') && !tree.isFile('.gitignore')) {
    throw new GeneratorError(
      '.gitignore is a directory, but git reads ignore rules from a file of that name: rename the directory (mv .gitignore <other name>), then run the generator again',
    );
  }
  const current = tree.exists('.gitignore') ? (readUtf8Text(tree, '.gitignore') ?? '') : '';
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')));
  if (missing.length === 0) return [];
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  tree.write('.gitignore', `${current}${sep}${missing.join('\n')}\n`);
  return missing;
}

function currentLines(tree: Tree): string[] {
  return tree.isFile('.gitignore') ? (readUtf8Text(tree, '.gitignore') ?? '').split(/\r?\n/) : [];
}
