import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { fakeClients } from '../../clients/__testing__/fake-clients';
import { dockerfileGenerator } from './generator';

describe('dockerfile generator', () => {
  it('writes docker/Dockerfile-uv and says so through the clients bundle', async () => {
    const tree = createTreeWithEmptyWorkspace();
    const clients = fakeClients();
    await dockerfileGenerator(tree, {}, clients);
    expect(tree.exists('docker/Dockerfile-uv')).toBe(true);
    expect(clients.lines).toEqual(['@mlws/nx: wrote docker/Dockerfile-uv']);
  });
});
