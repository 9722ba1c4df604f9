import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext, CreateDependenciesContext, ProjectConfiguration } from '@nx/devkit';
import { createDependencies } from './create-dependencies';
import { createNodes, createNodesV2 } from './create-nodes';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mlws-nodes-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

const files = {
  'pyproject.toml':
    '[project]\nname = "ws"\ndependencies = ["a"]\n[tool.uv.workspace]\nmembers = ["packages/*"]\n[tool.uv.sources]\na = { workspace = true }\n',
  'packages/a/pyproject.toml': '[project]\nname = "A_pkg"\nversion = "1.0.0"\n',
  'packages/b/pyproject.toml':
    '[project]\nname = "b"\ndependencies = ["a-pkg"]\n[tool.uv.sources]\na-pkg = { workspace = true }\n',
  'prod/pyproject.toml':
    '[project]\nname = "ws"\ndependencies = ["b"]\n[tool.uv.sources]\nb = { git = "https://github.com/o/b", tag = "1.0.0" }\n',
  'docker/Dockerfile-uv': 'FROM scratch AS base\nFROM base AS dev\nFROM base AS prod\n',
  '.gitmodules': '',
};

async function run(root: string, options = {}) {
  process.env.NX_WORKSPACE_DATA_DIRECTORY = join(root, '.nx', 'workspace-data');
  const ctx = { workspaceRoot: root, nxJsonConfiguration: {} } as CreateNodesContext;
  const results = await createNodes[1](Object.keys(files), options, ctx);
  const projects: Record<string, ProjectConfiguration> = {};
  for (const [, r] of results)
    for (const [projectRoot, p] of Object.entries(r.projects ?? {}))
      projects[projectRoot] = { ...p, root: projectRoot } as ProjectConfiguration;
  return projects;
}

describe('createNodes', () => {
  afterEach(() => {
    delete process.env.NX_WORKSPACE_DATA_DIRECTORY;
    delete process.env.NX_CACHE_PROJECT_GRAPH;
  });

  it('is exported with the v2 signature and a createNodesV2 alias', () => {
    expect(createNodesV2).toBe(createNodes);
    expect(typeof createNodes[0]).toBe('string');
  });

  it('offers the backends the root declares (no cpu from the defaults when it declares only CUDA extras)', async () => {
    const root = workspace({
      ...files,
      'pyproject.toml': `${files['pyproject.toml']}[project.optional-dependencies]\ncu124 = ["torch"]\ncu128 = ["torch"]\n`,
    });
    const projects = await run(root);
    for (const p of ['.', 'prod']) {
      expect(Object.keys(projects[p].targets?.['docker-build'].configurations ?? {})).toEqual(['cu124', 'cu128']);
      expect(Object.keys(projects[p].targets?.['docker-run'].configurations ?? {})).toEqual(['cu124', 'cu128']);
      expect(projects[p].targets?.['docker-build'].options.backends).toEqual({ cu124: '12.4.1', cu128: '12.8.1' });
    }
    expect(JSON.stringify(projects)).not.toContain('"cpu"');
  });

  it('creates package, environment and image projects with targets', async () => {
    const root = workspace(files);
    const projects = await run(root);
    expect(Object.fromEntries(Object.values(projects).map((p) => [p.name, p.root]))).toEqual({
      'a-pkg': 'packages/a',
      b: 'packages/b',
      dev: '.',
      prod: 'prod',
    });
    expect(Object.keys(projects['packages/a'].targets ?? {})).toEqual(['sync', 'build', 'test', 'lint']);
    expect(Object.keys(projects['prod'].targets ?? {})).toEqual([
      'lock',
      'lock-check',
      'sync',
      'docker-build',
      'docker-run',
    ]);
    expect(projects['prod'].targets?.['docker-build'].inputs).not.toContain('{workspaceRoot}/packages/*/**/*');
    expect(projects['.'].targets?.['docker-build'].inputs).toContain('{workspaceRoot}/packages/*/**/*');
    expect(projects['prod'].targets?.['docker-build'].outputs).toEqual(['{workspaceRoot}/dist/docker/prod.json']);
    expect(Object.keys(projects['prod'].targets?.['docker-build'].configurations ?? {})).toEqual([
      'cpu',
      'cu124',
      'cu128',
    ]);
    expect(projects['packages/a'].targets?.sync.configurations).toEqual({
      dev: { environment: 'dev', environmentRoot: '.' },
      prod: { environment: 'prod', environmentRoot: 'prod' },
    });
    expect(projects['prod'].targets?.lock.outputs).toEqual(['{workspaceRoot}/prod/uv.lock']);
    expect(projects['prod'].targets?.lock.inputs).toContain('{workspaceRoot}/prod/pyproject.toml');
    expect(projects['prod'].targets?.lock.inputs).not.toContain('{workspaceRoot}/packages/*/pyproject.toml');
    expect(projects['.'].targets?.lock.inputs).toContain('{workspaceRoot}/packages/*/pyproject.toml');
  });

  it('renames and disables targets from the options', async () => {
    const root = workspace(files);
    const projects = await run(root, { targetNames: { build: 'wheel', lint: false, lockCheck: false } });
    expect(Object.keys(projects['packages/a'].targets ?? {})).toEqual(['sync', 'wheel', 'test']);
    expect(Object.keys(projects['prod'].targets ?? {})).toEqual(['lock', 'sync', 'docker-build', 'docker-run']);
  });

  it('caches parsed pyprojects in the workspace data directory, and not when NX_CACHE_PROJECT_GRAPH=false', async () => {
    const root = workspace(files);
    await run(root);
    const data = join(root, '.nx', 'workspace-data');
    expect(readdirSync(data).filter((f) => f.startsWith('mlws-nx-'))).toHaveLength(1);
    const cacheFile = readdirSync(data).find((f) => f.startsWith('mlws-nx-')) ?? 'missing';
    writeFileSync(join(data, cacheFile), '{torn');
    expect(Object.keys(await run(root))).toHaveLength(4); // a torn cache is a cold cache

    const other = workspace(files);
    process.env.NX_CACHE_PROJECT_GRAPH = 'false';
    await run(other);
    expect(existsSync(join(other, '.nx', 'workspace-data'))).toBe(false);
  });

  it('creates static edges from the declaring pyproject', async () => {
    const root = workspace(files);
    const projects = await run(root);
    const ctx = {
      workspaceRoot: root,
      projects: Object.fromEntries(Object.values(projects).map((p) => [p.root, p])),
      nxJsonConfiguration: {},
      fileMap: { projectFileMap: {}, nonProjectFiles: [] },
      filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    } as unknown as CreateDependenciesContext;
    const deps = await createDependencies({}, ctx);
    expect(
      deps.map((d) => `${d.source}>${d.target}@${(d as { sourceFile?: string }).sourceFile}:${d.type}`).sort(),
    ).toEqual([
      'b>a-pkg@packages/b/pyproject.toml:static',
      'dev>a-pkg@pyproject.toml:static',
      'dev>b@pyproject.toml:static',
      'prod>b@prod/pyproject.toml:static',
    ]);
  });
});
