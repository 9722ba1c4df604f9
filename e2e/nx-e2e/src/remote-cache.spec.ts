/**
 * Beyond one machine: the cacheable targets lock and build are remote-cache-correct (test is not
 * proven yet: its tasks miss in the second clone, an open item of the main-job issue). Run them
 * in one clone with Nx's self-hosted HTTP remote cache, then in a second clone at another path with
 * an empty local cache: every task must be a remote hit, which fails if an input or output carried
 * an absolute path, a timestamp or machine state.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startNxCacheServer, type NxCacheServer } from '../../../tools/fixtures/nx-cache-server';
import { run } from '../../../tools/fixtures/proc';
import { assertSuccess, describeWithTools, runNx, tmpDir } from './utils';
import { createUvPlaygroundWorkspace, outputOf, startTorchIndexFixture, taskHeaders, type TorchIndexFixture } from './utils/uv';

jest.setTimeout(15 * 60 * 1000);

describeWithTools(['git', 'uv'], 'remote cache across clones', () => {
  let cache: NxCacheServer;
  let index: TorchIndexFixture;
  beforeAll(async () => {
    cache = await startNxCacheServer();
    index = await startTorchIndexFixture();
  });
  afterAll(async () => {
    await cache?.stop();
    await index?.stop();
  });

  it('lock and build run in one clone are remote hits in another clone at another path', async () => {
    const env = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url, NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: cache.token, MLWS_TORCH_BACKEND: 'cpu' };
    const first = await createUvPlaygroundWorkspace({ indexUrl: index.url });
    const targets = ['run-many', '-t', 'lock', 'build', '--output-style=static'];
    // each clone its own, empty local cache: a hit in the second clone can only come from the remote
    const a = assertSuccess(await runNx(first.root, targets, { ...env, NX_CACHE_DIRECTORY: tmpDir('cache-a') }), first.root);
    const tasks = taskHeaders(outputOf(a)).map((t) => t.task).sort();
    expect(tasks.length).toBeGreaterThanOrEqual(8); // 3 locks + 5 package builds
    expect(cache.requests.filter((r) => r.method === 'PUT' && r.status === 200).length).toBe(tasks.length);

    // another clone: the same commit at another absolute path, no local cache, no venvs
    const second = join(tmpDir('second-clone'), 'root');
    assertSuccess(await run('cp', ['-a', first.root, second], { cwd: '/' }), '/');
    for (const p of ['.nx', '.venv', 'dist']) rmSync(join(second, p), { recursive: true, force: true });
    const getsBefore = cache.requests.filter((r) => r.method === 'GET' && r.status === 200).length;
    const b = assertSuccess(await runNx(second, targets, { ...env, NX_CACHE_DIRECTORY: tmpDir('cache-b') }), second);
    const remoteHits = cache.requests.filter((r) => r.method === 'GET' && r.status === 200).length - getsBefore;
    const headers = taskHeaders(outputOf(b));
    expect(headers.map((t) => t.task).sort()).toEqual(tasks);
    // every task was a cache hit, and every hit was downloaded from the remote cache: the second
    // clone has no local cache of its own
    expect(headers.filter((t) => !t.cached).map((t) => t.task)).toEqual([]);
    expect(remoteHits).toBe(tasks.length);
  });
});
