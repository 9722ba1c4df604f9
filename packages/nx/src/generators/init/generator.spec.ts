import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator } from './generator';
import { fakeRepo, quiet } from './__testing__/fake-repo';
describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin once', async () => {
    await initGenerator(tree, { skipFormat: true }, quiet);
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(readNxJson(tree)?.plugins).toEqual(['@mlws/nx']);
    expect(readNxJson(tree)?.sync?.globalGenerators).toEqual(['@mlws/nx:sync']);
  });

  it('creates nx.json when there is none (npm install nx, then nx g @mlws/nx:init)', async () => {
    tree.delete('nx.json');
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(JSON.parse(tree.read('nx.json', 'utf-8') ?? '{}')).toEqual({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      plugins: ['@mlws/nx'],
      sync: { globalGenerators: ['@mlws/nx:sync'] },
    });
    expect(tree.read('.gitignore', 'utf-8')).toMatch(/^node_modules\/$/m);
  });

  it('keeps an object-form registration with its options', async () => {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }];
    updateNxJson(tree, nxJson);
    await initGenerator(tree, { skipFormat: true }, quiet);
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }]);
  });

  it('appends missing ignore lines and keeps the existing file', async () => {
    tree.write('.gitignore', '# mine\nnode_modules\n.venv');
    await initGenerator(tree, { skipFormat: true }, quiet);
    const text = tree.read('.gitignore', 'utf-8');
    expect(text?.startsWith('# mine\nnode_modules\n.venv\n')).toBe(true);
    expect(text).toContain('dist/\n');
    expect(text?.match(/\.venv/g)).toHaveLength(1);
    expect(text).toContain('.mlws/\n');
    expect(text).not.toMatch(/^reports\/?$/m);
  });

  it('never adds an ignore line over a path the repository tracks, and says which line a tracked path keeps out', async () => {
    tree.write('.gitignore', 'node_modules\nreports/\n');
    const lines: string[] = [];
    const git = fakeRepo({
      tracked: { 'dist/': ['docs/dist/index.html'], 'reports/': ['reports/bench.md', 'reports/2024.md'] },
    });
    await initGenerator(tree, { skipFormat: true }, { log: (l) => lines.push(l), git });
    const text = tree.read('.gitignore', 'utf-8') ?? '';
    expect(text.startsWith('node_modules\nreports/\n')).toBe(true);
    expect(text).not.toMatch(/^dist\/$/m);
    expect(text).toMatch(/^\.venv\/$/m);
    expect(lines).toContain(
      '@mlws/nx: .gitignore: did not add dist/, the repository tracks docs/dist/index.html: new files there would stop showing in git status',
    );
    expect(lines.find((l) => l.startsWith('@mlws/nx: .gitignore:2 reports/'))).toMatch(
      /matches tracked reports\/bench\.md and 1 more, so new files there do not show in git status .*they now go to \.mlws\/reports\/: delete the line unless you want it$/,
    );
  });

  it('.gitignore as a directory is one line with the fix, not EISDIR', async () => {
    tree.write('.gitignore/x', '');
    await expect(initGenerator(tree, { skipFormat: true }, quiet)).rejects.toThrow(
      '@mlws/nx: .gitignore is a directory, but git reads ignore rules from a file of that name: rename the directory (mv .gitignore <other name>), then run the generator again',
    );
  });

  describe('in an empty repository', () => {
    it('scaffolds the uv workspace, the environments, .python-version and the Dockerfile', async () => {
      const lines: string[] = [];
      await initGenerator(
        tree,
        { skipFormat: true, name: 'ml', torchIndexUrl: 'http://127.0.0.1:8123/whl/' },
        fakeClients({ log: (l) => lines.push(l) }),
      );
      for (const f of [
        'pyproject.toml',
        'staging/pyproject.toml',
        'prod/pyproject.toml',
        '.python-version',
        'docker/Dockerfile-uv',
      ]) {
        expect(tree.exists(f)).toBe(true);
      }
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('url = "http://127.0.0.1:8123/whl/cu128"');
      expect(tree.read('prod/pyproject.toml', 'utf-8')).toContain('name = "ml-prod"');
      expect(lines).toEqual([
        '@mlws/nx: added to the plugins in nx.json',
        '@mlws/nx: new uv workspace "ml": backends cpu, cu124, cu128 (indexes under http://127.0.0.1:8123/whl/), Python 3.11',
      ]);
    });

    it('scaffolds the configured environments and backends, and keeps files that exist', async () => {
      const nxJson = readNxJson(tree) ?? {};
      nxJson.plugins = [
        {
          plugin: '@mlws/nx',
          options: {
            environments: ['staging', { name: 'qa', path: 'envs/qa' }],
            backends: { cpu: null, cu126: '12.6.3' },
          },
        },
      ];
      updateNxJson(tree, nxJson);
      tree.write('.python-version', '3.12\n');
      const lines: string[] = [];
      await initGenerator(
        tree,
        { skipFormat: true, skipDockerfile: true, name: 'ml' },
        fakeClients({ log: (l) => lines.push(l) }),
      );
      expect(tree.exists('envs/qa/pyproject.toml')).toBe(true);
      expect(tree.exists('prod/pyproject.toml')).toBe(false);
      expect(tree.exists('docker/Dockerfile-uv')).toBe(false);
      expect(tree.read('.python-version', 'utf-8')).toBe('3.12\n');
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('cu126 = ["torch>=2.5"]');
      expect(lines).toContain('@mlws/nx: kept as they are: .python-version');
    });

    it('writes no Dockerfile when no environment has the prod role, and says how to add one', async () => {
      const nxJson = readNxJson(tree) ?? {};
      nxJson.plugins = [
        { plugin: '@mlws/nx', options: { environments: [{ name: 'qa', path: 'qa', role: 'staging' }] } },
      ];
      updateNxJson(tree, nxJson);
      const lines: string[] = [];
      await initGenerator(tree, { skipFormat: true, name: 'ml' }, fakeClients({ log: (l) => lines.push(l) }));
      expect(tree.exists('qa/pyproject.toml')).toBe(true);
      expect(tree.exists('docker/Dockerfile-uv')).toBe(false);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^@mlws\/nx: docker\/Dockerfile-uv was not written: no environment has the prod role.*--role prod/,
        ),
      );
    });

    it('takes the name from package.json', async () => {
      tree.write('package.json', JSON.stringify({ name: '@acme/vision-lab' }));
      await initGenerator(tree, { skipFormat: true }, quiet);
      expect(tree.read('pyproject.toml', 'utf-8')).toContain('name = "vision-lab"');
    });

    it('validates its options before writing anything', async () => {
      await expect(initGenerator(tree, { name: 'bad name', torchIndexUrl: 'ext::sh' }, quiet)).rejects.toThrow(
        '@mlws/nx: "bad name" is not a valid Python distribution name (PEP 508: letters, digits, and "-", "_", "." inside)\n@mlws/nx: --torch-index-url ext::sh is not an http(s) or file URL',
      );
      expect(tree.exists('pyproject.toml')).toBe(false);
      expect(readNxJson(tree)?.plugins).toBeUndefined();
    });
  });
});
