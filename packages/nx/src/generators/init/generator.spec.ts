import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator } from './generator';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin once', async () => {
    await initGenerator(tree, { skipFormat: true });
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toEqual(['@mlws/nx']);
    expect(readNxJson(tree)?.sync?.globalGenerators).toEqual(['@mlws/nx:sync']);
  });

  it('keeps an object-form registration with its options', async () => {
    const nxJson = readNxJson(tree) ?? {};
    nxJson.plugins = [{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }];
    updateNxJson(tree, nxJson);
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@mlws/nx', options: { defaultBackend: 'cu128' } }]);
  });

  it('appends missing ignore lines and keeps the existing file', async () => {
    tree.write('.gitignore', '# mine\nnode_modules\n.venv');
    await initGenerator(tree, { skipFormat: true });
    const text = tree.read('.gitignore', 'utf-8');
    expect(text?.startsWith('# mine\nnode_modules\n.venv\n')).toBe(true);
    expect(text).toContain('dist/\n');
    expect(text?.match(/\.venv/g)).toHaveLength(1);
  });
});
