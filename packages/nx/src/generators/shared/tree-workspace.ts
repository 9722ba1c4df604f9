import type { Tree } from '@nx/devkit';
import { parseGitmodules, Submodule } from '../../model/gitmodules';
import { dirOf, normalizeWorkspacePath, resolveFrom } from '../../model/paths';
import { Pyproject, PyprojectError, readPyproject } from '../../model/pyproject';
import { buildWorkspaceModel, WorkspaceModel } from '../../model/workspace';
import type { NormalizedOptions } from '../../model/options';
import { GeneratorError } from './errors';
import { findMemberDirs } from '../../model/member-dirs';
import { readUtf8Text } from './read-utf8-text';

/**
 * The workspace model as the generators see it: read from the Nx Tree, so pending writes count,
 * with the text of every pyproject it read (edits splice into these texts).
 */
export interface TreeWorkspace {
  model: WorkspaceModel;
  /** Workspace-relative pyproject path → text. */
  texts: Map<string, string>;
  /** Pyprojects that did not parse (left out of the model). */
  errors: PyprojectError[];
  /** `.gitmodules` as text ('' when there is none) and parsed. */
  gitmodules: string;
  submodules: Submodule[];
  options: NormalizedOptions;
}

/**
 * Reads the root pyproject, the members (`members` minus `exclude`), the environments' pyprojects,
 * every local `path` source (relative to the pyproject declaring it) and `.gitmodules`. Never
 * throws: unreadable pyprojects are in `errors`, a repository without a uv workspace has no members.
 */
export function readTreeWorkspace(tree: Tree, options: NormalizedOptions): TreeWorkspace {
  const texts = new Map<string, string>();
  const pyprojects: Pyproject[] = [];
  const errors: PyprojectError[] = [];
  const read = (file: string) => {
    if (texts.has(file) || !tree.isFile(file)) return;
    const text = readUtf8Text(tree, file) ?? '';
    texts.set(file, text);
    const r = readPyproject(file, text);
    if (r.ok) pyprojects.push(r.pyproject);
    else errors.push(r.error);
  };

  read('pyproject.toml');
  const root = pyprojects.find((p) => p.file === 'pyproject.toml');
  if (root?.workspace) {
    const { members, exclude } = root.workspace;
    const isDir = (p: string) => tree.exists(p) && !tree.isFile(p);
    for (const dir of findMemberDirs(
      members,
      exclude,
      (d) => tree.children(d),
      isDir,
      (d) => tree.isFile(`${d}/pyproject.toml`),
    )) {
      read(`${dir}/pyproject.toml`);
    }
  }
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

  const gitmodules = tree.isFile('.gitmodules') ? (readUtf8Text(tree, '.gitmodules') ?? '') : '';
  const submodules = parseGitmodules(gitmodules);
  // submodules outside the members (tools/release_tool): where a path source that points nowhere should point
  for (const s of submodules) {
    const dir = normalizeWorkspacePath(s.path);
    if (dir === undefined || dir === '.') continue;
    try {
      read(`${dir}/pyproject.toml`);
    } catch (e) {
      // a package no generator edits (vendored, not UTF-8) never stops one: it is only looked up
      if (!(e instanceof GeneratorError)) throw e;
    }
  }
  const model = buildWorkspaceModel({
    pyprojects,
    errors,
    submodules,
    dockerfiles: [],
    options,
    pathExists: (p) => tree.exists(p),
  });
  return { model, texts, errors, gitmodules, submodules, options };
}

/**
 * readTreeWorkspace for generators that change members: a root pyproject that does not parse, or
 * has no `[tool.uv.workspace]`, stops the generator in one line with the command that fixes it.
 */
export function readUvTreeWorkspace(tree: Tree, options: NormalizedOptions): TreeWorkspace {
  if (tree.exists('.gitmodules') && !tree.isFile('.gitmodules')) {
    throw new GeneratorError(
      '.gitmodules is a directory, but git reads submodules from a file of that name: rename the directory (mv .gitmodules <other name>), then restore the file with git checkout -- .gitmodules',
    );
  }
  const ws = readTreeWorkspace(tree, options);
  const rootError = ws.errors.find((e) => e.file === 'pyproject.toml');
  if (rootError) throw new GeneratorError(`${rootError.message}: fix pyproject.toml first`);
  const root = ws.model.root;
  if (!root?.workspace) {
    throw new GeneratorError(
      `${root ? 'pyproject.toml has no [tool.uv.workspace]' : 'there is no pyproject.toml at the workspace root'}: this is not a uv workspace yet; run nx g @mlws/nx:init`,
    );
  }
  return ws;
}
