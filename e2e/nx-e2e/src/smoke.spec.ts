/**
 * Smoke: the plugin, installed from the local registry into a workspace created like a user
 * does, loads in real Nx on the playground (root repo = Nx workspace).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  assertSuccess,
  createPlaygroundWorkspace,
  createWorkspaceFromTemplate,
  describeWithTools,
  e2eNxVersion,
  runGit,
  runNx,
} from './utils';

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describeWithTools(['git'], 'smoke', () => {
  it('the template has nx and @mlws/nx from the local registry, and the plugin in nx.json', async () => {
    const ws = await createWorkspaceFromTemplate();
    const NX_VERSION = e2eNxVersion();
    const ownVersion = readJson(join(REPO_ROOT, 'packages', 'nx', 'package.json')).version;
    expect(readJson(join(ws, 'node_modules', 'nx', 'package.json')).version).toBe(NX_VERSION);
    expect(readJson(join(ws, 'node_modules', '@mlws', 'nx', 'package.json')).version).toBe(ownVersion);
    expect(readJson(join(ws, 'package.json')).devDependencies).toEqual({ nx: NX_VERSION, '@mlws/nx': ownVersion });
    expect(readJson(join(ws, 'nx.json')).plugins).toEqual(['@mlws/nx']);
    const lock = readFileSync(join(ws, 'package-lock.json'), 'utf8');
    expect(lock).toContain('"node_modules/@mlws/nx"');

    const r = assertSuccess(await runNx(ws, ['--version']), ws);
    expect(r.stdout).toContain(NX_VERSION);
  });

  it('nx show projects --json exits 0 in the playground workspace', async () => {
    const ws = await createPlaygroundWorkspace();
    const status = assertSuccess(await runGit(ws.root, ['status', '--porcelain']), ws.root);
    expect(status.stdout).toBe(''); // Nx files committed, node_modules ignored

    const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
    const projects: unknown = JSON.parse(r.stdout);
    expect(Array.isArray(projects)).toBe(true);
  });
});
