import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { syncGenerator } from './generator';

describe('sync generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('pyproject.toml', '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/docs"]\n');
    tree.write(
      '.gitmodules',
      '[submodule "packages/a"]\n\tpath = packages/a\n\turl = ../a.git\n[submodule "packages/docs"]\n\tpath = packages/docs\n\turl = ../docs.git\n',
    );
  });

  it('declares member submodules ignore = none and reports what was out of sync', async () => {
    const r = await syncGenerator(tree);
    expect(r.outOfSyncMessage).toBe('.gitmodules: packages/a need "ignore = none" so nx affected sees untracked files inside them (nx sync writes it)');
    expect(tree.read('.gitmodules', 'utf-8')).toBe(
      '[submodule "packages/a"]\n\tpath = packages/a\n\turl = ../a.git\n\tignore = none\n[submodule "packages/docs"]\n\tpath = packages/docs\n\turl = ../docs.git\n',
    );
    expect(await syncGenerator(tree)).toEqual({});
  });

  it('does nothing without submodules', async () => {
    tree.delete('.gitmodules');
    expect(await syncGenerator(tree)).toEqual({});
  });
});
