import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { fakeDeps, REMOTES, seedsWorkspace, writeFiles } from '../shared/__testing__/fakes';
import { promoteGenerator } from './generator';

describe('promote generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeFiles(tree, seedsWorkspace());
  });
  const prod = () => tree.read('prod/pyproject.toml', 'utf-8') ?? '';

  it('prints the plan and pins the stable successors in prod, then relocks prod', async () => {
    const deps = fakeDeps({
      tags: {
        [`${REMOTES}/bench-utils`]: ['0.1.2', 'v0.1.3.dev0', '0.1.3'],
        [`${REMOTES}/model-qwen2_5-vl/`]: ['v0.1.2.dev0'],
      },
    });
    const before = prod();
    const task = await promoteGenerator(tree, {}, deps);
    expect(deps.lines).toEqual([
      '@mlws/nx: promote staging → prod:',
      '  package           staging tag  prod now  prod after  note',
      '  ----------------  -----------  --------  ----------  ----------------------------',
      '  bench-utils       v0.1.3.dev0  0.1.2     0.1.3       final release of v0.1.3.dev0',
      '  model-qwen2-5-vl  v0.1.2.dev0  —         —           no stable 0.1.2 tag yet',
      '@mlws/nx: pin in prod (prod/pyproject.toml): bench-utils 0.1.3',
      '@mlws/nx: then: uv lock --project prod',
    ]);
    expect(prod()).toBe(before.replace('tag = "0.1.2"', 'tag = "0.1.3"'));
    expect(typeof task).toBe('function');
    expect(deps.uvCalls).toEqual([]);
  });

  it('writes nothing when prod is up to date', async () => {
    const deps = fakeDeps({
      tags: { [`${REMOTES}/bench-utils`]: ['0.1.2', 'v0.1.3.dev0'], [`${REMOTES}/model-qwen2_5-vl/`]: ['v0.1.2.dev0'] },
    });
    expect(await promoteGenerator(tree, {}, deps)).toBeUndefined();
    expect(deps.lines[deps.lines.length - 1]).toBe(
      '@mlws/nx: prod has every stable tag staging leads to: nothing to promote',
    );
    expect(tree.listChanges().some((c) => c.path === 'prod/pyproject.toml' && c.type === 'UPDATE')).toBe(false);
  });

  it('stops on an unreachable remote before writing anything', async () => {
    const deps = fakeDeps({ tags: { [`${REMOTES}/bench-utils`]: ['v0.1.3'] } });
    await expect(promoteGenerator(tree, {}, deps)).rejects.toThrow(
      `@mlws/nx: cannot list the tags of ${REMOTES}/model-qwen2_5-vl/`,
    );
    expect(tree.listChanges().some((c) => c.path === 'prod/pyproject.toml' && c.type === 'UPDATE')).toBe(false);
  });

  it('refuses a tagPrefix in nx.json that cannot start a git tag, before reading any remote', async () => {
    const nxJson = JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}');
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { tagPrefix: 'v..' } }];
    tree.write('nx.json', JSON.stringify(nxJson));
    const deps = fakeDeps();
    await expect(promoteGenerator(tree, {}, deps)).rejects.toThrow(
      '@mlws/nx: the tagPrefix option of @mlws/nx in nx.json ("v..") cannot start a git tag: it contains ".." (git check-ref-format rules); set "tagPrefix" in nx.json to e.g. "v" or "pkg/v"',
    );
    expect(deps.gitCalls).toEqual([]);
  });

  it('defaults --from and --to to the staging and prod roles, whatever the environments are named', async () => {
    const nxJson = JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}');
    nxJson.plugins = [
      {
        plugin: '@mlws/nx',
        options: {
          environments: [
            { name: 'qa', path: 'staging', role: 'staging' },
            { name: 'live', path: 'prod', role: 'prod' },
          ],
        },
      },
    ];
    tree.write('nx.json', JSON.stringify(nxJson));
    const deps = fakeDeps({
      tags: { [`${REMOTES}/bench-utils`]: ['0.1.2', 'v0.1.3.dev0', '0.1.3'], [`${REMOTES}/model-qwen2_5-vl/`]: [] },
    });
    const before = prod();
    await promoteGenerator(tree, {}, deps);
    expect(deps.lines[0]).toBe('@mlws/nx: promote qa → live:');
    expect(prod()).toBe(before.replace('tag = "0.1.2"', 'tag = "0.1.3"'));
  });

  it('without a staging role, promote asks for --from in one line', async () => {
    const nxJson = JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}');
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { environments: [{ name: 'live', path: 'prod' }] } }];
    tree.write('nx.json', JSON.stringify(nxJson));
    await expect(promoteGenerator(tree, {}, fakeDeps())).rejects.toThrow(
      '@mlws/nx: no environment has the staging role (environments: dev (dev), live (prod)): pass --from <environment>, or set "role": "staging" on one in the @mlws/nx plugin options in nx.json',
    );
  });

  it('validates the environments', async () => {
    await expect(promoteGenerator(tree, { from: 'staging', to: 'staging' }, fakeDeps())).rejects.toThrow(
      '--from and --to are both staging',
    );
    await expect(promoteGenerator(tree, { to: 'qa' }, fakeDeps())).rejects.toThrow('unknown environment "qa"');
  });

  it('refuses a dangerous URL in the source environment', async () => {
    tree.write(
      'staging/pyproject.toml',
      '[project]\nname = "s"\n[tool.uv.sources]\nx = { git = "fd::17", tag = "v1.dev0" }\n',
    );
    const deps = fakeDeps();
    await expect(promoteGenerator(tree, {}, deps)).rejects.toThrow(
      '@mlws/nx: staging/pyproject.toml: x has the URL "fd::17", which @mlws/nx refuses',
    );
    expect(deps.gitCalls).toEqual([]);
  });
});
