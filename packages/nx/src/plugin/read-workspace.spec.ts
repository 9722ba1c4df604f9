import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normalizeOptions } from '../model/options';
import { readWorkspaceModel } from './read-workspace';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mlws-read-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

describe('readWorkspaceModel: what the files say that leaves the workspace', () => {
  const ROOT = '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n';
  beforeEach(() => (process.env.NX_CACHE_PROJECT_GRAPH = 'false'));
  afterEach(() => delete process.env.NX_CACHE_PROJECT_GRAPH);

  it('a member that is a symlink out of the workspace is a problem line, not a silent gap', () => {
    const root = workspace({ 'pyproject.toml': ROOT, 'packages/a/pyproject.toml': '[project]\nname = "a"\n' });
    const outside = workspace({ 'pyproject.toml': '[project]\nname = "evil"\n' });
    symlinkSync(outside, join(root, 'packages/evil'));
    symlinkSync(join(root, 'packages/a'), join(root, 'packages/a-again'));
    const model = readWorkspaceModel(
      root,
      { pyprojects: ['pyproject.toml', 'packages/a/pyproject.toml'], dockerfiles: [] },
      normalizeOptions({}),
    );
    expect(model.problems.map((p) => p.message)).toEqual([
      'packages/evil is a symlink to a directory outside the workspace and matches [tool.uv.workspace] members in pyproject.toml, so @mlws/nx leaves it out of the graph while uv still locks it: replace the symlink by the directory (or a submodule) inside the workspace, or add "packages/evil" to exclude',
    ]);
  });

  it('.gitmodules as a directory is one line with the fix, not EISDIR', () => {
    const root = workspace({ 'pyproject.toml': ROOT, '.gitmodules/x': '' });
    const model = readWorkspaceModel(root, { pyprojects: ['pyproject.toml'], dockerfiles: [] }, normalizeOptions({}));
    expect(model.problems).toEqual([
      {
        level: 'error',
        message:
          '.gitmodules is a directory, but git reads submodules from a file of that name: rename the directory (mv .gitmodules <other name>), then restore the file with git checkout -- .gitmodules',
      },
    ]);
  });
});
