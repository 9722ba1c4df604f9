/**
 * The Nx-facing surface in one workspace, run on every Nx major the plugin's peer range claims
 * (`npm test` runs it once per version in tools/setup/versions.env: NX_VERSION and
 * NX_OLDER_MAJORS): inference, a lock and a sync, a generator through `nx g`, `nx sync --check`,
 * `nx release version` with the plugin's version actions, and a docker-build where an engine runs.
 * Affected (both modes) is affected-tasks.spec.ts, which runs on every major too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../../tools/fixtures/proc';
import {
  assertSuccess,
  describeWithTools,
  e2eNxVersion,
  git,
  REPO_ROOT,
  runNx,
  uvCommand,
  type PlaygroundWorkspace,
} from './utils';
import {
  createUvPlaygroundWorkspace,
  outputOf,
  startTorchIndexFixture,
  venvPython,
  type TorchIndexFixture,
} from './utils/uv';

jest.setTimeout(20 * 60 * 1000);

const read = (root: string, file: string) => readFileSync(join(root, file), 'utf8');
const DOCKER = process.env['DOCKER'] || '/usr/bin/docker';

describeWithTools(['git', 'uv'], `the Nx-facing surface on nx@${e2eNxVersion()}`, () => {
  let index: TorchIndexFixture;
  let ws: PlaygroundWorkspace;

  beforeAll(async () => {
    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, pluginOptions: { imageName: 'mlcompat' } });
  });
  afterAll(async () => {
    await index?.stop();
  });

  it('runs the Nx the workspace installed', async () => {
    const v = assertSuccess(await runNx(ws.root, ['--version']), ws.root);
    expect(v.stdout).toContain(`v${e2eNxVersion()}`);
  });

  it('infers the projects, targets and edges', async () => {
    const projects = JSON.parse(
      assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root).stdout,
    ) as string[];
    expect(projects).toEqual(
      expect.arrayContaining(['bench-utils', 'model-interface', 'model-qwen2-5-vl', 'dev', 'staging', 'prod']),
    );
    const bench = JSON.parse(
      assertSuccess(await runNx(ws.root, ['show', 'project', 'bench-utils', '--json']), ws.root).stdout,
    );
    expect(Object.keys(bench.targets)).toEqual(expect.arrayContaining(['build', 'test', 'lint', 'sync']));
    expect(bench.namedInputs['python-sources']).toContain('{workspaceRoot}/packages/bench-utils');
    const graphFile = join(ws.dir, 'graph.json');
    assertSuccess(await runNx(ws.root, ['graph', `--file=${graphFile}`]), ws.root);
    const deps = JSON.parse(readFileSync(graphFile, 'utf8')).graph.dependencies as Record<
      string,
      Array<{ target: string; type: string }>
    >;
    expect(deps['model-interface']).toEqual(
      expect.arrayContaining([expect.objectContaining({ target: 'bench-utils', type: 'static' })]),
    );
  });

  it('locks (then hits the cache) and syncs the dev environment with the chosen backend', async () => {
    assertSuccess(await runNx(ws.root, ['run', 'dev:lock']), ws.root);
    assertSuccess(await runNx(ws.root, ['run', 'dev:lock']), ws.root);
    const third = assertSuccess(await runNx(ws.root, ['run', 'dev:lock']), ws.root);
    expect(outputOf(third)).toMatch(/local cache|existing outputs match the cache/);
    assertSuccess(await runNx(ws.root, ['run', 'dev:sync', '--backend=cpu']), ws.root);
    const torch = assertSuccess(await venvPython(ws.root, 'dev', 'import torch; print(torch.__version__)'), ws.root);
    expect(torch.stdout.trim()).toBe('2.5.1+cpu');
    await git(ws.root, ['add', '--', 'uv.lock']);
    await git(ws.root, ['commit', '--quiet', '-m', 'dev lock']);
  });

  it('runs a generator through nx g, and nx sync --check agrees with it', async () => {
    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:environment', 'qa', '--no-interactive']), ws.root);
    expect(read(ws.root, 'qa/pyproject.toml')).toContain('[project]');
    const projects = JSON.parse(
      assertSuccess(await runNx(ws.root, ['show', 'projects', '--json']), ws.root).stdout,
    ) as string[];
    expect(projects).toContain('qa');
    assertSuccess(await runNx(ws.root, ['sync']), ws.root);
    assertSuccess(await runNx(ws.root, ['sync', '--check']), ws.root);
    await git(ws.root, ['add', '--all']);
    await git(ws.root, ['commit', '--quiet', '-m', 'qa environment, nx sync']);
  });

  it('nx release version versions a package by PEP 440 through the version actions', async () => {
    const nxJson = JSON.parse(read(ws.root, 'nx.json'));
    nxJson.release = {
      projects: ['bench-utils', 'model-interface'],
      projectsRelationship: 'independent',
      version: { versionActions: '@mlws/nx/release/version-actions' },
    };
    writeFileSync(join(ws.root, 'nx.json'), `${JSON.stringify(nxJson, null, 2)}\n`);
    await git(ws.root, ['commit', '--quiet', '-am', 'nx release config']);
    const r = assertSuccess(
      await runNx(ws.root, [
        'release',
        'version',
        'patch',
        '--projects=bench-utils',
        '--git-commit=false',
        '--git-tag=false',
        '--stage-changes=false',
      ]),
      ws.root,
    );
    expect(outputOf(r)).toContain('Applied PEP 440 "patch"');
    expect(read(ws.root, 'packages/bench-utils/pyproject.toml')).toContain('version = "0.1.3"\n');
    expect(read(ws.root, 'packages/model-interface/pyproject.toml')).toContain('"bench-utils>=0.1.3",');
    expect(read(ws.root, 'uv.lock')).toContain('name = "bench-utils"\nversion = "0.1.3"');
  });
});

describeWithTools(['git', 'uv', 'docker'], `docker-build on nx@${e2eNxVersion()}`, () => {
  it('builds the dev image, then hits the cache with the image still there', async () => {
    const index = await startTorchIndexFixture();
    try {
      const base = await run('bash', [join(REPO_ROOT, 'tools/fixtures/docker-base/build.sh'), DOCKER, uvCommand()], {
        cwd: REPO_ROOT,
        timeoutMs: 15 * 60 * 1000,
      });
      if (base.code !== 0) throw new Error(`base images: ${base.stderr}`);
      const images = Object.fromEntries(
        base.stdout
          .trim()
          .split(/\s+/)
          .map((kv) => kv.split('=') as [string, string]),
      );
      const ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, pluginOptions: { imageName: 'mlcompat' } });
      const nxJson = JSON.parse(read(ws.root, 'nx.json'));
      nxJson.targetDefaults = { 'docker-build': { options: { network: 'host', buildArgs: images } } };
      writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
      assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:dockerfile', '--no-interactive']), ws.root);
      // prod pins by file:// URL, which the build cannot reach: build the dev image (working trees)
      assertSuccess(await runNx(ws.root, ['run', 'dev:lock']), ws.root);
      await git(ws.root, ['add', '--all']);
      await git(ws.root, ['commit', '--quiet', '-m', 'Dockerfile, lock']);
      const first = assertSuccess(await runNx(ws.root, ['run', 'dev:docker-build:cpu']), ws.root);
      expect(outputOf(first)).toContain('mlcompat:dev-cpu');
      const record = JSON.parse(read(ws.root, 'dist/docker/dev.json'));
      const inspect = await run(DOCKER, ['image', 'inspect', '--format', '{{.Id}}', 'mlcompat:dev-cpu'], { cwd: '/' });
      expect(inspect.stdout.trim()).toBe(record.imageId);
      const second = assertSuccess(await runNx(ws.root, ['run', 'dev:docker-build:cpu']), ws.root);
      expect(outputOf(second)).toMatch(/local cache|existing outputs match the cache/);
    } finally {
      await index.stop();
    }
  });
});
