import { buildWorkspaceModel } from './workspace';
import { normalizeOptions } from './options';
import { readPyproject, type Pyproject } from './pyproject';

const py = (file: string, text: string): Pyproject => {
  const r = readPyproject(file, text);
  if (!r.ok) throw new Error(r.error.message);
  return r.pyproject;
};

const ROOT = (path: string) =>
  `[project]\nname = "ws"\ndependencies = ["release-tool"]\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[tool.uv.sources]\nrelease-tool = { path = "${path}", editable = true }\n`;

describe('path sources that point nowhere', () => {
  const model = (
    path: string,
    exists: (p: string) => boolean = () => false,
    extra: Pyproject[] = [py('tools/release_tool/pyproject.toml', '[project]\nname = "Release_Tool"\n')],
  ) =>
    buildWorkspaceModel({
      pyprojects: [py('pyproject.toml', ROOT(path)), ...extra],
      errors: [],
      submodules: [],
      dockerfiles: [],
      options: normalizeOptions({}),
      pathExists: exists,
    });

  it('are a problem at graph time naming the directory that holds the package', () => {
    expect(model('release_tool').problems).toEqual([
      {
        level: 'error',
        kind: 'missing-path-source',
        message:
          'pyproject.toml: [tool.uv.sources] release-tool = { path = "release_tool" } points at release_tool, which does not exist; tools/release_tool holds release-tool: write path = "tools/release_tool" in pyproject.toml, then lock again',
      },
    ]);
  });

  it('say so when no directory holds the package', () => {
    expect(model('release_tool', () => false, []).problems.map((p) => p.message)).toEqual([
      'pyproject.toml: [tool.uv.sources] release-tool = { path = "release_tool" } points at release_tool, which does not exist, and no directory of the workspace holds release-tool: fix the path, or check the package out there (git submodule update --init)',
    ]);
  });

  it('are not a problem when the path exists (a package, a wheel, a directory Nx does not list) or lies outside the workspace', () => {
    expect(model('tools/release_tool').problems).toEqual([]);
    expect(model('dist/release_tool-0.1.0-py3-none-any.whl', (p) => p.startsWith('dist/')).problems).toEqual([]);
    expect(model('../elsewhere/release_tool').problems).toEqual([]);
  });

  it('are not checked without a way to look at the filesystem', () => {
    const m = buildWorkspaceModel({
      pyprojects: [py('pyproject.toml', ROOT('release_tool'))],
      errors: [],
      submodules: [],
      dockerfiles: [],
      options: normalizeOptions({}),
    });
    expect(m.problems).toEqual([]);
  });

  it('relative paths in member and environment pyprojects resolve from their own directory', () => {
    const env = py(
      'staging/pyproject.toml',
      '[project]\nname = "s"\n[tool.uv.sources]\nrelease-tool = { path = "../release_tool" }\n',
    );
    const m = buildWorkspaceModel({
      pyprojects: [
        py('pyproject.toml', ROOT('tools/release_tool')),
        py('tools/release_tool/pyproject.toml', '[project]\nname = "release-tool"\n'),
        env,
      ],
      errors: [],
      submodules: [],
      dockerfiles: [],
      options: normalizeOptions({}),
      pathExists: () => false,
    });
    expect(m.problems.map((p) => p.message)).toEqual([
      'staging/pyproject.toml: [tool.uv.sources] release-tool = { path = "../release_tool" } points at release_tool, which does not exist; tools/release_tool holds release-tool: write path = "../tools/release_tool" in staging/pyproject.toml, then lock again',
    ]);
  });
});
