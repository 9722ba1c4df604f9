import { fakeClients } from '../../clients/__testing__/fake-clients';
import { readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { presetGenerator } from './generator';

describe('preset generator', () => {
  it('runs init with the workspace name and ignores the options create-nx-workspace passes through', async () => {
    const tree = createTreeWithEmptyWorkspace();
    await presetGenerator(
      tree,
      { name: 'ml', interactive: false, packageManager: 'npm', nxCloud: 'skip' },
      fakeClients(),
    );
    expect(readNxJson(tree)?.plugins).toEqual(['@mlws/nx']);
    expect(tree.read('pyproject.toml', 'utf-8')).toContain('name = "ml"');
    expect(tree.exists('prod/pyproject.toml')).toBe(true);
  });
});
