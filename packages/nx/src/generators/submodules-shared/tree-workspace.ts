import type { Tree } from '@nx/devkit';
import { parseGitmodules } from '../../model/gitmodules';
import { dirOf, normalizeWorkspacePath, resolveFrom } from '../../model/paths';
import { Pyproject, PyprojectError, readPyproject } from '../../model/pyproject';
import { buildWorkspaceModel, WorkspaceModel } from '../../model/workspace';
import type { NormalizedOptions } from '../../plugin/options';
import { findMemberDirs } from './member-dirs';
import { userError } from './user-error';

/** The workspace model read from a generator's tree, with the text of every pyproject it read. */
export interface TreeWorkspace {
  model: WorkspaceModel;
  /** Workspace-relative pyproject path → text. */
  texts: Map<string, string>;
  gitmodules: string;
  options: NormalizedOptions;
}

/**
 * Reads the root pyproject, the members, the environments' pyprojects, local path sources and
 * `.gitmodules` from the tree. A root pyproject without `[tool.uv.workspace]`, or one that does not
 * parse, stops the generator (one line); other unreadable pyprojects are left out.
 */
export function readTreeWorkspace(tree: Tree, options: NormalizedOptions): TreeWorkspace {
  const texts = new Map<string, string>();
  const pyprojects: Pyproject[] = [];
  const errors: PyprojectError[] = [];
  const read = (file: string) => {
    if (texts.has(file) || !tree.exists(file)) return;
    const text = tree.read(file, 'utf-8') ?? '';
    texts.set(file, text);
    const r = readPyproject(file, text);
    if (r.ok) pyprojects.push(r.pyproject);
    else errors.push(r.error);
  };

  read('pyproject.toml');
  const rootError = errors.find((e) => e.file === 'pyproject.toml');
  if (rootError) throw userError(`${rootError.message}: fix pyproject.toml first`);
  const root = pyprojects.find((p) => p.file === 'pyproject.toml');
  if (!root?.workspace) {
    throw userError(
      `${root ? 'pyproject.toml has no [tool.uv.workspace]' : 'there is no pyproject.toml at the workspace root'}: this is not a uv workspace yet; run nx g @mlws/nx:init`,
    );
  }
  const { members, exclude } = root.workspace;
  const memberDirs = findMemberDirs(
    members,
    exclude,
    (dir) => tree.children(dir),
    (p) => tree.exists(p) && !tree.isFile(p),
    (dir) => tree.isFile(`${dir}/pyproject.toml`),
  );
  for (const dir of memberDirs) read(`${dir}/pyproject.toml`);
  for (const env of options.environments) {
    const dir = normalizeWorkspacePath(env.path);
    if (dir !== undefined) read(dir === '.' ? 'pyproject.toml' : `${dir}/pyproject.toml`);
  }
  for (const p of [...pyprojects]) {
    for (const entries of Object.values(p.sources)) {
      for (const s of entries) {
        if (s.kind !== 'path') continue;
        const dir = resolveFrom(dirOf(p.file), s.path);
        if (dir !== undefined && dir !== '.') read(`${dir}/pyproject.toml`);
      }
    }
  }

  const gitmodules = tree.exists('.gitmodules') ? (tree.read('.gitmodules', 'utf-8') ?? '') : '';
  const model = buildWorkspaceModel({ pyprojects, errors, submodules: parseGitmodules(gitmodules), dockerfiles: [], options });
  return { model, texts, gitmodules, options };
}
