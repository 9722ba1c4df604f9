/**
 * Inference on the playground: projects, targets, metadata and edges as a user sees them through
 * `nx show projects`, `nx show project` and `nx graph --file`, with real git submodules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSuccess, createPlaygroundWorkspace, describeWithTools, runNx, type PlaygroundWorkspace } from './utils';

interface GraphJson {
  graph: {
    nodes: Record<string, { name: string; type: string; data: { root: string } }>;
    dependencies: Record<string, Array<{ source: string; target: string; type: string }>>;
  };
}

function expectedEdges(ws: PlaygroundWorkspace): string[] {
  const m = ws.manifest;
  const projects = new Set(
    Object.values(m.packages)
      .filter((p) => p.initialised)
      .map((p) => p.normalisedName),
  );
  for (const p of m.pathPackages) projects.add(p.normalisedName);
  const edges = new Set<string>();
  for (const p of Object.values(m.packages)) {
    if (!p.initialised) continue;
    for (const d of p.deps) if (projects.has(d.target)) edges.add(`${p.normalisedName} -> ${d.target}`);
  }
  for (const p of Object.values(m.packages)) if (p.initialised) edges.add(`dev -> ${p.normalisedName}`);
  for (const p of m.pathPackages) edges.add(`dev -> ${p.normalisedName}`);
  for (const env of ['staging', 'prod'] as const) {
    for (const pin of m.environments[env].pins) if (projects.has(pin.target)) edges.add(`${env} -> ${pin.target}`);
  }
  return [...edges].sort();
}

describeWithTools(['git'], 'project graph of the playground', () => {
  let ws: PlaygroundWorkspace;
  beforeAll(async () => {
    ws = await createPlaygroundWorkspace();
  });

  it('lists packages by normalised name, environments, and the path-source package', async () => {
    const r = assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root);
    const names = (JSON.parse(r.stdout) as string[]).sort();
    const packages = Object.values(ws.manifest.packages)
      .filter((p) => p.initialised)
      .map((p) => p.normalisedName);
    expect(names).toEqual([...packages, 'release-tool', 'dev', 'staging', 'prod'].sort());
    expect(names).toContain('model-qwen2-5-vl');
    expect(names).not.toContain('docs-site');
    expect(names).not.toContain('prompt-handler');
  });

  it('names the uninitialised member submodule and the fix in one line, without a stack trace', async () => {
    const r = assertSuccess(await runNx(ws.root, ['show', 'projects']), ws.root);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toContain(
      '@mlws/nx: packages/prompt-handler is a uv workspace member but has no pyproject.toml (submodule not initialised?): run git submodule update --init packages/prompt-handler',
    );
    expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('shows a package whose directory differs from its name, with targets, configurations and metadata', async () => {
    const r = assertSuccess(await runNx(ws.root, ['show', 'project', 'model-qwen2-5-vl', '--json']), ws.root);
    const p = JSON.parse(r.stdout);
    expect(p.root).toBe('packages/model_qwen2.5-vl');
    expect(p.metadata.technologies).toEqual(['python', 'uv']);
    expect(p.metadata.mlws).toMatchObject({
      kind: 'package',
      distribution: 'model-qwen2_5-vl',
      submodule: { path: 'packages/model_qwen2.5-vl' },
    });
    expect(p.tags).toEqual(expect.arrayContaining(['python', 'uv:package', 'git:submodule']));
    expect(Object.keys(p.targets).sort()).toEqual(['build', 'lint', 'release', 'sync', 'test']);
    expect(Object.keys(p.targets.sync.configurations).sort()).toEqual(['dev', 'prod', 'staging']);
    expect(p.targets.sync.configurations.staging).toEqual({ environment: 'staging', environmentRoot: 'staging' });
    expect(p.targets.build).toMatchObject({
      executor: '@mlws/nx:build',
      cache: true,
      outputs: ['{projectRoot}/dist'],
      options: { package: 'model-qwen2_5-vl' },
    });
    expect(p.targets.build.metadata.description).toMatch(/^uv build --package model-qwen2_5-vl/);
  });

  it('shows environments with lock, lock-check and sync', async () => {
    const staging = JSON.parse(
      assertSuccess(await runNx(ws.root, ['show', 'project', 'staging', '--json']), ws.root).stdout,
    );
    expect(staging.root).toBe('staging');
    expect(Object.keys(staging.targets).sort()).toEqual(['lock', 'lock-check', 'sync']);
    expect(staging.targets.lock.outputs).toEqual(['{workspaceRoot}/staging/uv.lock']);
    expect(staging.targets.lock.inputs).toEqual(
      expect.arrayContaining(['{workspaceRoot}/staging/pyproject.toml', '{workspaceRoot}/.python-version']),
    );
    expect(staging.targets.sync.parallelism).toBe(false);
    const dev = JSON.parse(assertSuccess(await runNx(ws.root, ['show', 'project', 'dev', '--json']), ws.root).stdout);
    expect(dev.root).toBe('.');
    expect(dev.targets.lock.inputs).toEqual(
      expect.arrayContaining([
        '{workspaceRoot}/pyproject.toml',
        '{workspaceRoot}/packages/*/pyproject.toml',
        '{workspaceRoot}/tools/release_tool/pyproject.toml',
      ]),
    );
  });

  it('writes the edges the pyprojects declare: package → package, environment → package', async () => {
    assertSuccess(await runNx(ws.root, ['graph', '--file=graph.json']), ws.root);
    const g = JSON.parse(readFileSync(join(ws.root, 'graph.json'), 'utf8')) as GraphJson;
    const edges = Object.values(g.graph.dependencies)
      .flat()
      .filter((d) => !d.target.startsWith('npm:'))
      .map((d) => `${d.source} -> ${d.target}`)
      .sort();
    expect(edges).toEqual(expectedEdges(ws));
    // the direct reference and the dev dependency group of model-qwen2_5-vl, and staging's pins by URL
    expect(edges).toEqual(
      expect.arrayContaining([
        'model-qwen2-5-vl -> model-interface',
        'model-qwen2-5-vl -> bench-utils',
        'staging -> model-qwen2-5-vl',
      ]),
    );
    expect(
      Object.values(g.graph.dependencies)
        .flat()
        .every((d) => d.type === 'static'),
    ).toBe(true);
    expect(g.graph.nodes['model-qwen2-5-vl'].data.root).toBe('packages/model_qwen2.5-vl');
  });
});
