import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const config = {
    manifestRootsToUpdate: [],
    preserveLocalDependencyProtocols: false,
  } as unknown as ConstructorParameters<typeof PyprojectVersionActions>[2];
  const a = new PyprojectVersionActions(
    { name: '__default__' } as ConstructorParameters<typeof PyprojectVersionActions>[0],
    node,
    config,
  );
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
    expect(await a.readCurrentVersionFromSourceManifest(tree)).toEqual({
      currentVersion: '0.1.2',
      manifestPath: 'packages/model-interface/pyproject.toml',
    });
    expect(await a.readCurrentVersionFromRegistry()).toBeNull();
    expect(await a.updateProjectVersion(tree, '0.1.3.dev0')).toEqual([
      '✍️  New version 0.1.3.dev0 written to manifest: packages/model-interface/pyproject.toml',
    ]);
    expect(tree.read('packages/model-interface/pyproject.toml', 'utf-8')).toBe(
      MI.replace('version = "0.1.2"  #', 'version = "0.1.3.dev0"  #'),
    );
  });

  it('calculates PEP 440 versions from Nx specifiers', async () => {
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.calculateNewVersion('0.1.3.dev0', 'patch', 'USER_SPECIFIER', {}, '')).toEqual({
      newVersion: '0.1.3',
      logText: '❓ Applied PEP 440 "patch", from the given specifier, to 0.1.3.dev0 to get new version 0.1.3',
    });
    expect((await a.calculateNewVersion('0.1.3', 'prerelease', 'USER_SPECIFIER', {}, '')).newVersion).toBe(
      '0.1.4.dev0',
    );
    await expect(a.calculateNewVersion('0.1.3', 'nope', 'USER_SPECIFIER', {}, '')).rejects.toThrow(
      '@mlws/nx: model-interface: "nope" is neither a bump',
    );
  });

  it('reads and updates internal dependency ranges, format-preserving', async () => {
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.readCurrentVersionOfDependency(tree, graph, 'bench-utils')).toEqual({
      currentVersion: '>=0.1.2',
      dependencyCollection: 'dependencies',
    });
    expect(await a.readCurrentVersionOfDependency(tree, graph, 'other')).toEqual({
      currentVersion: null,
      dependencyCollection: null,
    });
    const logs = await a.updateProjectDependencies(tree, graph, { 'bench-utils': '0.2.0' });
    expect(logs).toEqual([
      '✍️  packages/model-interface/pyproject.toml: dependencies "bench-utils>=0.1.2" → "bench-utils>=0.2.0"',
      '✍️  packages/model-interface/pyproject.toml: optional-dependencies.bench "bench-utils[timer]>=0.1.2,<0.2" → "bench-utils[timer]>=0.2.0"',
    ]);
    expect(tree.read('packages/model-interface/pyproject.toml', 'utf-8')).toBe(
      MI.replace(
        '"bench-utils>=0.1.2",  # the workspace member',
        '"bench-utils>=0.2.0",  # the workspace member',
      ).replace('"bench-utils[timer]>=0.1.2,<0.2"', '"bench-utils[timer]>=0.2.0"'),
    );
  });

  it("bumps a member's range declared in [tool.uv] dev-dependencies (uv's legacy dev group)", async () => {
    const text = `[project]\nname = "model-interface"\nversion = "0.1.2"\n\n[tool.uv]\ndev-dependencies = ["bench-utils>=0.1.2"]\n`;
    tree.write('packages/model-interface/pyproject.toml', text);
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    expect(await a.readCurrentVersionOfDependency(tree, graph, 'bench-utils')).toEqual({
      currentVersion: '>=0.1.2',
      dependencyCollection: 'tool.uv.dev-dependencies',
    });
    expect(await a.updateProjectDependencies(tree, graph, { 'bench-utils': '0.2.0' })).toEqual([
      '✍️  packages/model-interface/pyproject.toml: tool.uv.dev-dependencies "bench-utils>=0.1.2" → "bench-utils>=0.2.0"',
    ]);
    expect(tree.read('packages/model-interface/pyproject.toml', 'utf-8')).toBe(
      text.replace('"bench-utils>=0.1.2"', '"bench-utils>=0.2.0"'),
    );
  });

  it('refuses a dynamic version in one line', async () => {
    tree.write('packages/x/pyproject.toml', '[project]\nname = "x"\ndynamic = ["version"]\n');
    const a = await actions(tree, 'x', 'packages/x');
    await expect(a.readCurrentVersionFromSourceManifest(tree)).rejects.toThrow(
      '@mlws/nx: packages/x/pyproject.toml has no static [project].version',
    );
  });

  it('refuses a manifest that is not UTF-8 in one line and writes nothing', async () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${MI}`)]);
    tree.write('packages/model-interface/pyproject.toml', latin1);
    const a = await actions(tree, 'model-interface', 'packages/model-interface');
    await expect(a.readCurrentVersionFromSourceManifest(tree)).rejects.toThrow(
      '@mlws/nx: packages/model-interface/pyproject.toml is not UTF-8 (byte 0xe9 on line 1)',
    );
    await expect(a.updateProjectVersion(tree, '0.1.3')).rejects.toThrow('is not UTF-8');
    expect(tree.read('packages/model-interface/pyproject.toml')?.equals(latin1)).toBe(true);
  });

  it('afterAllProjectsVersioned: a dev relock that uv refuses is explained like the lock target explains it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlws-version-actions-'));
    const uv = join(dir, 'fake-uv');
    // uv 0.13.8's output for a member the root's [tool.uv.sources] does not map
    const stderr =
      'error: Failed to build `a @ file:///w/packages/a`\n  cause: Failed to parse entry: `b`\n  cause: `b` is included as a workspace member, but is missing an entry in `tool.uv.sources` (e.g., `b = { workspace = true }`)';
    writeFileSync(
      uv,
      `#!/bin/sh\nif [ "$1" = --version ]; then echo "uv 0.13.8"; exit 0; fi\nprintf '%s\\n' '${stderr}' >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    writeFileSync(
      join(dir, 'pyproject.toml'),
      '[project]\nname = "ml"\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    );
    const before = process.env.UV;
    process.env.UV = uv;
    try {
      await expect(afterAllProjectsVersioned(dir, { rootVersionActionsOptions: {} })).rejects.toThrow(
        '@mlws/nx: uv lock failed after versioning: the workspace member b has no b = { workspace = true } in [tool.uv.sources] of pyproject.toml: run nx sync (it adds the sources and dependencies of every member) or add that line, then lock again; the new versions are written; fix that and run uv lock',
      );
    } finally {
      if (before === undefined) delete process.env.UV;
      else process.env.UV = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('afterAllProjectsVersioned: a failed relock puts back the locks refreshed before it (the one relock policy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlws-version-actions-'));
    const uv = join(dir, 'fake-uv');
    // dev locks (and rewrites uv.lock), staging fails
    writeFileSync(
      uv,
      `#!/bin/sh\nif [ "$1" = --version ]; then echo "uv 0.13.8"; exit 0; fi\nif [ "$2" = --project ]; then echo 'error: boom' >&2; exit 1; fi\necho relocked > uv.lock\n`,
      { mode: 0o755 },
    );
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "ml"\n');
    writeFileSync(join(dir, 'uv.lock'), 'the dev lock\n');
    const before = process.env.UV;
    process.env.UV = uv;
    try {
      await expect(
        afterAllProjectsVersioned(dir, { rootVersionActionsOptions: { lockEnvironments: ['staging'] } }),
      ).rejects.toThrow(
        '@mlws/nx: uv lock --project staging failed after versioning (boom); the new versions are written; fix that and run uv lock --project staging',
      );
      expect(readFileSync(join(dir, 'uv.lock'), 'utf8')).toBe('the dev lock\n');
    } finally {
      if (before === undefined) delete process.env.UV;
      else process.env.UV = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('afterAllProjectsVersioned: nothing to do without a root pyproject, or with lock: false', async () => {
    expect(await afterAllProjectsVersioned('/nonexistent', { rootVersionActionsOptions: {} })).toEqual({
      changedFiles: [],
      deletedFiles: [],
    });
    expect(await afterAllProjectsVersioned(__dirname, { rootVersionActionsOptions: { lock: false } })).toEqual({
      changedFiles: [],
      deletedFiles: [],
    });
  });
});
