import type { ProjectGraph, ProjectGraphProjectNode, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import PyprojectVersionActions, { afterAllProjectsVersioned } from './version-actions';

const MI = `[project]
name = "model-interface"
version = "0.1.2"  # released by tag
dependencies = [
    "bench-utils>=0.1.2",  # the workspace member
    "numpy>=1.26",
]

[project.optional-dependencies]
bench = ["bench-utils[timer]>=0.1.2,<0.2"]

[dependency-groups]
dev = ["bench-utils", "pytest>=8.3", { include-group = "lint" }]
lint = ["ruff"]
`;

async function actions(tree: Tree, name: string, root: string) {
  const node = { name, type: 'lib', data: { root } } as ProjectGraphProjectNode;
  const config = { manifestRootsToUpdate: [], preserveLocalDependencyProtocols: false } as unknown as ConstructorParameters<typeof PyprojectVersionActions>[2];
  const a = new PyprojectVersionActions({ name: '__default__' } as ConstructorParameters<typeof PyprojectVersionActions>[0], node, config);
  await a.init(tree);
  await a.validate(tree);
  return a;
}
const graph = { nodes: {}, dependencies: {} } as ProjectGraph;

describe('PyprojectVersionActions', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('packages/model-interface/pyproject.toml', MI);
  });

  it('reads [project].version; writes only that token', async () => {
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.readCurrentVersionFromSourceManifest(tree)).toEqual({ currentVersion: '0.1.2', manifestPath: 'packages/model-interface/pyproject.toml' });
    expect(await a.readCurrentVersionFromRegistry()).toBeNull();
    expect(await a.updateProjectVersion(tree, '0.1.3.dev0')).toEqual(['✍️  New version 0.1.3.dev0 written to manifest: packages/model-interface/pyproject.toml']);
    expect(tree.read('packages/model-interface/pyproject.toml', 'utf-8')).toBe(MI.replace('version = "0.1.2"  #', 'version = "0.1.3.dev0"  #'));
  });

  it('calculates PEP 440 versions from Nx specifiers', async () => {
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.calculateNewVersion('0.1.3.dev0', 'patch', 'USER_SPECIFIER', {}, '')).toEqual({
      newVersion: '0.1.3',
      logText: '❓ Applied PEP 440 "patch", from the given specifier, to 0.1.3.dev0 to get new version 0.1.3',
    });
    expect((await a.calculateNewVersion('0.1.3', 'prerelease', 'USER_SPECIFIER', {}, '')).newVersion).toBe('0.1.4.dev0');
    await expect(a.calculateNewVersion('0.1.3', 'nope', 'USER_SPECIFIER', {}, '')).rejects.toThrow('@mlws/nx: model-interface: "nope" is neither a bump');
  });

  it('reads and updates internal dependency ranges, format-preserving', async () => {
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.readCurrentVersionOfDependency(tree, graph, 'bench-utils')).toEqual({ currentVersion: '>=0.1.2', dependencyCollection: 'dependencies' });
    expect(await a.readCurrentVersionOfDependency(tree, graph, 'other')).toEqual({ currentVersion: null, dependencyCollection: null });
    const logs = await a.updateProjectDependencies(tree, graph, { 'bench-utils': '0.2.0' });
    expect(logs).toEqual([
      '✍️  packages/model-interface/pyproject.toml: dependencies "bench-utils>=0.1.2" → "bench-utils>=0.2.0"',
      '✍️  packages/model-interface/pyproject.toml: optional-dependencies.bench "bench-utils[timer]>=0.1.2,<0.2" → "bench-utils[timer]>=0.2.0"',
    ]);
    expect(tree.read('packages/model-interface/pyproject.toml', 'utf-8')).toBe(
      MI.replace('"bench-utils>=0.1.2",  # the workspace member', '"bench-utils>=0.2.0",  # the workspace member').replace('"bench-utils[timer]>=0.1.2,<0.2"', '"bench-utils[timer]>=0.2.0"'),
    );
  });

  it('refuses a dynamic version in one line', async () => {
    tree.write('packages/x/pyproject.toml', '[project]\nname = "x"\ndynamic = ["version"]\n');
    const a = await actions(tree, 'x', 'packages/x');
    await expect(a.readCurrentVersionFromSourceManifest(tree)).rejects.toThrow('@mlws/nx: packages/x/pyproject.toml has no static [project].version');
  });

  it('afterAllProjectsVersioned: nothing to do without a root pyproject, or with lock: false', async () => {
    expect(await afterAllProjectsVersioned('/nonexistent', { rootVersionActionsOptions: {} })).toEqual({ changedFiles: [], deletedFiles: [] });
    expect(await afterAllProjectsVersioned(__dirname, { rootVersionActionsOptions: { lock: false } })).toEqual({ changedFiles: [], deletedFiles: [] });
  });
});
