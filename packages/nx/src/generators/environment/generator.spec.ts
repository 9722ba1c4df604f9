import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readBackendSetup } from '../shared/backend-setup';
import { initGenerator } from '../init/generator';
import { environmentGenerator } from './generator';

const quiet = fakeClients();

describe('environment generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    await initGenerator(
      tree,
      { skipFormat: true, skipDockerfile: true, name: 'ml', torchIndexUrl: 'http://127.0.0.1:8123' },
      quiet,
    );
  });
  const plugin = () => readNxJson(tree)?.plugins?.[0];

  it('writes the pyproject with the root backends and lists it with the defaults written out', async () => {
    const lines: string[] = [];
    await environmentGenerator(tree, { name: 'qa' }, { log: (l) => lines.push(l) });
    const text = tree.read('qa/pyproject.toml', 'utf-8') ?? '';
    expect(text.startsWith('# qa: internal packages pinned by git tag.\n')).toBe(true);
    expect(text).toContain('name = "ml-qa"');
    expect(text).toContain('requires-python = ">=3.11"');
    expect(readBackendSetup(text, {}).map((b) => b.index?.url)).toEqual([
      'http://127.0.0.1:8123/cpu',
      'http://127.0.0.1:8123/cu124',
      'http://127.0.0.1:8123/cu128',
    ]);
    expect(plugin()).toEqual({ plugin: '@mlws/nx', options: { environments: ['staging', 'prod', 'qa'] } });
    expect(lines).toEqual([
      '@mlws/nx: new environment qa: qa/pyproject.toml (no pins yet: nx g @mlws/nx:pin <package> --env qa --tag <tag>)',
      '@mlws/nx: listed qa in the @mlws/nx plugin options (nx.json "environments")',
    ]);
  });

  it('takes a directory and keeps other plugin options', async () => {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { defaultBackend: 'cpu', environments: ['staging'] } }];
    updateNxJson(tree, nxJson);
    await environmentGenerator(tree, { name: 'qa', directory: './envs/qa/' }, quiet);
    expect(tree.exists('envs/qa/pyproject.toml')).toBe(true);
    expect(plugin()).toEqual({
      plugin: '@mlws/nx',
      options: { defaultBackend: 'cpu', environments: ['staging', { name: 'qa', path: 'envs/qa' }] },
    });
  });

  it('adopts a pyproject that is there, byte for byte', async () => {
    tree.write('qa/pyproject.toml', '# mine\n[project]\nname = "qa"\n');
    await environmentGenerator(tree, { name: 'qa' }, quiet);
    expect(tree.read('qa/pyproject.toml', 'utf-8')).toBe('# mine\n[project]\nname = "qa"\n');
    expect(plugin()).toEqual({ plugin: '@mlws/nx', options: { environments: ['staging', 'prod', 'qa'] } });
  });

  it('recreates the missing pyproject of a listed environment without listing it twice', async () => {
    tree.delete('prod/pyproject.toml');
    await environmentGenerator(tree, { name: 'prod' }, quiet);
    expect(tree.read('prod/pyproject.toml', 'utf-8')).toContain(
      '# prod: internal packages pinned to *stable* tags; no dev tools.',
    );
    expect(plugin()).toBe('@mlws/nx');
  });

  it.each([
    [{ name: 'QA' }, '"QA" is not a valid environment name'],
    [{ name: 'dev' }, 'dev is the dev environment (the root pyproject.toml): choose another name'],
    [{ name: 'staging' }, 'staging is already an environment (staging/pyproject.toml)'],
    [{ name: 'qa', directory: '../qa' }, '--directory ../qa must be a directory inside the workspace, not the root'],
    [{ name: 'qa', directory: 'prod' }, 'prod is already the directory of the prod environment'],
    [
      { name: 'qa', directory: 'packages/qa' },
      'packages/qa is inside the uv workspace members (packages/*): an environment lives outside them',
    ],
  ])('refuses %j', async (options, message) => {
    const before = tree.listChanges().length;
    await expect(environmentGenerator(tree, options, quiet)).rejects.toThrow(message);
    expect(tree.listChanges().length).toBe(before);
  });

  it('needs a root pyproject', async () => {
    const empty = createTreeWithEmptyWorkspace();
    await expect(environmentGenerator(empty, { name: 'qa' }, quiet)).rejects.toThrow(
      'there is no pyproject.toml at the root: run nx g @mlws/nx:init first',
    );
  });
});
