import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { seedsWorkspace, writeFiles } from './__testing__/fakes';
import { locatePackage, mustLocatePackage } from './locate';
import { readNormalizedOptions } from './plugin-options';
import { readTreeWorkspace } from './tree-workspace';

describe('locatePackage: one answer for a name or a directory', () => {
  function ws(files: Record<string, string> = seedsWorkspace()) {
    const tree = createTreeWithEmptyWorkspace();
    writeFiles(tree, files);
    return readTreeWorkspace(tree, readNormalizedOptions(tree));
  }

  it('finds a member by any spelling of its name and by its directory, alike', () => {
    const w = ws();
    const byName = locatePackage(w, 'Model_Qwen2.5-VL');
    expect(byName).toMatchObject({ name: 'model-qwen2-5-vl', dir: 'packages/model_qwen2.5-vl' });
    expect(byName?.submodule?.path).toBe('packages/model_qwen2.5-vl');
    expect(locatePackage(w, 'packages/model_qwen2.5-vl/')).toEqual(byName);
    expect(locatePackage(w, './packages/model_qwen2.5-vl')).toEqual(byName);
  });

  it('finds a submodule that is not initialised by its directory or the name its directory normalises to', () => {
    const files = seedsWorkspace();
    delete files['packages/bench-utils/pyproject.toml'];
    const w = ws(files);
    const byDir = locatePackage(w, 'packages/bench-utils');
    expect(byDir).toMatchObject({ name: 'bench-utils', distName: 'bench-utils', dir: 'packages/bench-utils' });
    expect(byDir?.node).toBeUndefined();
    expect(locatePackage(w, 'Bench_Utils')).toEqual(byDir);
  });

  it('says which packages there are when there is none', () => {
    expect(locatePackage(ws(), 'nope')).toBeUndefined();
    expect(() => mustLocatePackage(ws(), 'nope', 'remove')).toThrow(
      '@mlws/nx: there is no package "nope" in the workspace (packages: bench-utils, model-qwen2-5-vl): nx g @mlws/nx:remove <name>, with a name from nx show projects',
    );
  });
});
