/**
 * Beyond one machine, Docker: `dev:docker-build:cpu` built in one clone is a remote-cache hit in
 * a second, real clone at another path (Nx's self-hosted HTTP remote cache on loopback, an empty
 * local cache per clone). The hit restores the image record (dist/docker/dev.json) byte for byte
 * — no timestamps or paths in it — and `docker-run` finds the recorded image id in the engine the
 * clones share (as CI runners sharing a BuildKit engine or a registry would), so it runs that
 * image instead of rebuilding. Needs a Docker engine: skipped only the way docker.spec.ts is.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNxCacheServer, type NxCacheServer } from '../../../tools/fixtures/nx-cache-server';
import { run } from '../../../tools/fixtures/proc';
import {
  assertSuccess,
  describeWithTools,
  git,
  REPO_ROOT,
  runNx,
  tmpDir,
  uvCommand,
  type PlaygroundWorkspace,
} from './utils';
import { cloneWorkspace } from './utils/clone';
import {
  createUvPlaygroundWorkspace,
  outputOf,
  startTorchIndexFixture,
  taskHeaders,
  type TorchIndexFixture,
} from './utils/uv';

jest.setTimeout(20 * 60 * 1000);

const DOCKER = process.env['DOCKER'] || '/usr/bin/docker';
const docker = (args: string[]) =>
  run(DOCKER, args, { cwd: '/', env: { DOCKER_BUILDKIT: '1' }, timeoutMs: 15 * 60 * 1000 });

describeWithTools(['git', 'uv', 'docker'], 'docker-build through the remote cache', () => {
  let cache: NxCacheServer;
  let index: TorchIndexFixture;
  let first: PlaygroundWorkspace;

  beforeAll(async () => {
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
    cache = await startNxCacheServer();
    index = await startTorchIndexFixture();
    // an image name of its own: other suites may build (and retag) mlplay in the same engine
    first = await createUvPlaygroundWorkspace({ indexUrl: index.url, pluginOptions: { imageName: 'mlremote' } });
    const nxJson = JSON.parse(readFileSync(join(first.root, 'nx.json'), 'utf8'));
    nxJson.targetDefaults = { 'docker-build': { options: { network: 'host', buildArgs: images } } };
    writeFileSync(join(first.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
    assertSuccess(await runNx(first.root, ['g', '@mlws/nx:dockerfile', '--no-interactive']), first.root);
    assertSuccess(await runNx(first.root, ['run', 'dev:lock']), first.root);
    await git(first.root, ['add', '--all']);
    await git(first.root, ['commit', '--quiet', '-m', 'Dockerfile and the dev lock']);
  });

  afterAll(async () => {
    await cache?.stop();
    await index?.stop();
  });

  it('dev:docker-build:cpu from one clone is a remote hit in another; the restored record runs the same image', async () => {
    const env = {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: cache.token,
    };
    const a = assertSuccess(
      await runNx(first.root, ['run', 'dev:docker-build:cpu', '--output-style=static'], {
        ...env,
        NX_CACHE_DIRECTORY: tmpDir('cache-a'),
      }),
      first.root,
    );
    expect(taskHeaders(outputOf(a))).toEqual([{ task: 'dev:docker-build:cpu', cached: false }]);
    expect(cache.count('PUT', 200)).toBe(1);
    const recordA = readFileSync(join(first.root, 'dist/docker/dev.json'), 'utf8');
    const record = JSON.parse(recordA);
    expect(record.tags[0]).toBe('mlremote:dev-cpu');

    const second = await cloneWorkspace(first.root, 'docker-clone');
    const runArgs = [
      'run',
      'dev:docker-run:cpu',
      '--output-style=static',
      '--command=python',
      '--command=-c',
      "--command=import bench_utils; print('ran', bench_utils.__name__)",
    ];
    const b = assertSuccess(await runNx(second, runArgs, { ...env, NX_CACHE_DIRECTORY: tmpDir('cache-b') }), second);
    // docker-build: a hit, downloaded from the remote (the second clone has no local cache)
    expect(taskHeaders(outputOf(b))).toEqual([
      { task: 'dev:docker-build:cpu', cached: true },
      { task: 'dev:docker-run:cpu', cached: false },
    ]);
    expect(cache.count('GET', 200)).toBe(1);
    expect(cache.count('PUT', 200)).toBe(1);
    // the record came back as it was written, and it is still true: the engine has that image,
    // so docker-run ran it (no pull, no rebuild)
    expect(readFileSync(join(second, 'dist/docker/dev.json'), 'utf8')).toBe(recordA);
    expect((await docker(['image', 'inspect', '--format', '{{.Id}}', record.imageId])).stdout.trim()).toBe(
      record.imageId,
    );
    expect(outputOf(b)).not.toContain('the engine did not have');
    expect(outputOf(b)).toContain('ran bench_utils');

    // the record names nothing of the first clone: with that clone gone and the image removed
    // from the engine, the second clone rebuilds it from the record's (context-relative) argv
    expect(recordA).not.toContain(first.dir);
    rmSync(first.root, { recursive: true, force: true });
    for (const tag of record.tags) await docker(['image', 'rm', '--force', tag]);
    await docker(['image', 'rm', '--force', record.imageId]);
    expect((await docker(['image', 'inspect', record.imageId])).code).not.toBe(0);
    const c = assertSuccess(await runNx(second, runArgs, { ...env, NX_CACHE_DIRECTORY: tmpDir('cache-c') }), second);
    expect(taskHeaders(outputOf(c))).toContainEqual({ task: 'dev:docker-build:cpu', cached: true });
    expect(outputOf(c)).toContain('@mlws/nx: the engine did not have mlremote:dev-cpu: rebuilt it');
    expect(outputOf(c)).toContain('ran bench_utils');
  });
});
