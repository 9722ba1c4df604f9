import type { Tree } from '@nx/devkit';
import { minimatch } from 'minimatch';
import { parseGitmodules, Submodule } from '../../model/gitmodules';
import { normalizeWorkspacePath, resolveFrom } from '../../model/paths';
import { Pyproject, PyprojectError, readPyproject } from '../../model/pyproject';
import { buildWorkspaceModel, WorkspaceModel } from '../../model/workspace';
import type { NormalizedOptions } from '../../plugin/options';

/** The workspace model as the generators see it: read from the Nx Tree (so pending writes count). */
export interface TreeWorkspace {
  model: WorkspaceModel;
  submodules: Submodule[];
  errors: PyprojectError[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '.nx', 'dist', '__pycache__', '.tox', '.nox']);
const MAX_GLOBSTAR_DEPTH = 4;

export function readTreeWorkspace(tree: Tree, options: NormalizedOptions): TreeWorkspace {
  const pyprojects: Pyproject[] = [];
  const errors: PyprojectError[] = [];
  const seen = new Set<string>();
  const read = (file: string): Pyproject | undefined => {
    if (seen.has(file) || !tree.isFile(file)) return undefined;
    seen.add(file);
    const r = readPyproject(file, tree.read(file, 'utf-8') ?? '');
    if (r.ok) pyprojects.push(r.pyproject);
    else errors.push(r.error);
    return r.ok ? r.pyproject : undefined;
  };
  const root = read('pyproject.toml');
  for (const env of options.environments) read(env.path === '.' ? 'pyproject.toml' : `${env.path}/pyproject.toml`);
  for (const glob of root?.workspace?.members ?? []) {
    for (const dir of expandDirGlob(tree, glob)) read(`${dir}/pyproject.toml`);
  }
  for (const entries of Object.values(root?.sources ?? {})) {
    for (const s of entries) {
      const dir = s.kind === 'path' ? resolveFrom('.', s.path) : undefined;
      if (dir && dir !== '.') read(`${dir}/pyproject.toml`);
    }
  }
  const submodules = tree.isFile('.gitmodules') ? parseGitmodules(tree.read('.gitmodules', 'utf-8') ?? '') : [];
  const model = buildWorkspaceModel({ pyprojects, errors, submodules, dockerfiles: [], options });
  return { model, submodules, errors };
}

/** Directories of the tree matching a workspace-members glob (`packages/*`, `libs/**`). */
export function expandDirGlob(tree: Tree, glob: string): string[] {
  const g = normalizeWorkspacePath(glob);
  if (g === undefined || g === '.') return [];
  let current = ['.'];
  for (const segment of g.split('/')) {
    const next: string[] = [];
    for (const dir of current) {
      if (segment === '**') next.push(dir, ...descendants(tree, dir, MAX_GLOBSTAR_DEPTH));
      else if (!/[*?[\]{}!]/.test(segment)) {
        const p = join(dir, segment);
        if (isDir(tree, p)) next.push(p);
      } else {
        for (const child of tree.children(dir)) {
          const p = join(dir, child);
          if (!SKIP_DIRS.has(child) && isDir(tree, p) && minimatch(child, segment, { dot: true })) next.push(p);
        }
      }
    }
    current = [...new Set(next)];
  }
  return current.filter((d) => d !== '.').sort();
}

function descendants(tree: Tree, dir: string, depth: number): string[] {
  if (depth === 0) return [];
  const out: string[] = [];
  for (const child of tree.children(dir)) {
    const p = join(dir, child);
    if (SKIP_DIRS.has(child) || !isDir(tree, p)) continue;
    out.push(p, ...descendants(tree, p, depth - 1));
  }
  return out;
}

const join = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);
const isDir = (tree: Tree, path: string) => tree.exists(path) && !tree.isFile(path);
