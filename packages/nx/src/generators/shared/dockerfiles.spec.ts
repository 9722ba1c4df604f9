import { addProjectConfiguration, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { dockerfileStages } from '../../docker/dockerfile-uv';
import { writeDockerfiles } from './dockerfiles';
import { updatePluginOptions } from './plugin-options';

describe('dockerfile generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('writes docker/Dockerfile-uv with the documented stages and build args, and .dockerignore', () => {
    writeDockerfiles(tree);
    const text = tree.read('docker/Dockerfile-uv', 'utf-8') ?? '';
    expect(dockerfileStages(text)).toEqual([
      'uv',
      'base',
      'deps-dev',
      'wheel',
      'build-dev',
      'deps-prod',
      'dev',
      'prod',
    ]);
    for (const arg of ['CUDA_VERSION', 'BASE_IMAGE', 'RUNTIME_IMAGE', 'UV_IMAGE', 'BACKEND', 'FLASH_ATTN_VERSION'])
      expect(text).toMatch(new RegExp(`^ARG ${arg}=`, 'm'));
    expect(text).not.toMatch(/^# syntax=/m);
    expect(text).toContain('--mount=type=cache,target=/root/.cache/uv');
    expect(text).toContain('UV_LINK_MODE=copy');
    expect(text).toContain('UV_COMPILE_BYTECODE=1');
    expect(text).toContain('uv sync --frozen --no-install-local ${BACKEND:+--extra "$BACKEND"}');
    // prod's uv sync takes the extra only when prod declares it (ENV_BACKEND), the workspace stages BACKEND
    expect(text).toContain(
      'uv sync --locked --no-dev --no-install-project --project prod ${ENV_BACKEND:+--extra "$ENV_BACKEND"}',
    );
    expect(text.slice(text.indexOf('AS deps-prod'), text.indexOf('AS dev\n'))).not.toContain('$BACKEND');
    expect(tree.read('.dockerignore', 'utf-8')).toContain('**/.venv');
  });

  it('dev image: the third-party venv is a layer of its own, below the sources and the members installs', () => {
    writeDockerfiles(tree);
    const text = tree.read('docker/Dockerfile-uv', 'utf-8') ?? '';
    const dev = text.slice(text.indexOf('AS dev\n'), text.indexOf('AS prod\n'));
    const copies = dev.split('\n').filter((l) => l.startsWith('COPY '));
    expect(copies).toEqual([
      'COPY --from=base /opt/uv-python /opt/uv-python',
      'COPY --from=deps-dev /app/.venv /app/.venv',
      'COPY . /app',
      'COPY --from=build-dev /members/venv/ /',
    ]);
    // the members' step collects what it wrote to the venv, and skips the whole-venv bytecode pass
    const buildDev = text.slice(text.indexOf('AS build-dev\n'), text.indexOf('AS deps-prod\n'));
    expect(buildDev).toContain('export UV_COMPILE_BYTECODE=0');
    expect(buildDev).toContain('find app/.venv -newer /tmp/before-members');
    expect(buildDev).toContain('-C /members/venv');
  });

  it('refuses to overwrite without --overwrite', () => {
    writeDockerfiles(tree);
    expect(() => writeDockerfiles(tree)).toThrow(
      'docker/Dockerfile-uv already exists: keep it, or replace it with nx g @mlws/nx:dockerfile --overwrite',
    );
    expect(() => writeDockerfiles(tree, { overwrite: true })).not.toThrow();
  });

  it('writes a package image Dockerfile next to the package', () => {
    addProjectConfiguration(tree, 'model-x', {
      root: 'packages/model_x',
      metadata: { mlws: { kind: 'package', distribution: 'model_x' } },
    } as never);
    expect(writeDockerfiles(tree, { project: 'model-x' })).toBe('packages/model_x/Dockerfile');
    expect(tree.read('packages/model_x/Dockerfile', 'utf-8')).toContain('--package model_x');
  });

  it('installs the environment with the prod role, and stops in one line when no environment has it', () => {
    updatePluginOptions(tree, () => ({ environments: [{ name: 'live', path: 'envs/live', role: 'prod' }] }));
    writeDockerfiles(tree);
    expect(tree.read('docker/Dockerfile-uv', 'utf-8')).toContain('--project envs/live ');
    updatePluginOptions(tree, () => ({ environments: [{ name: 'qa', path: 'envs/qa', role: 'other' }] }));
    expect(() => writeDockerfiles(tree, { overwrite: true })).toThrow(
      'no environment has the prod role, and the Dockerfile installs the prod environment: give one environment role "prod" in the @mlws/nx plugin options of nx.json, or pass --prodEnvironment <dir>',
    );
    expect(() => writeDockerfiles(tree, { overwrite: true, prodEnvironment: 'envs/qa' })).not.toThrow();
    expect(tree.read('docker/Dockerfile-uv', 'utf-8')).toContain('--project envs/qa ');
  });
});
