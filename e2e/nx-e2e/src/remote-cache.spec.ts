/**
 * Beyond one machine: the cacheable uv targets (lock, build, test) are remote-cache-correct with
 * Nx's own self-hosted HTTP remote cache (NX_SELF_HOSTED_REMOTE_CACHE_SERVER against a loopback
 * server). They run in one clone; a second, real `git clone --recurse-submodules` at another path,
 * with its own empty local cache and a venv uv made there, must get every task as a remote hit.
 * That fails if an input or an output carries an absolute path, a timestamp or machine state —
 * including the state a machine had *before* the run (a venv; tests are hashed from the lock
 * dev:lock leaves, see testInputs in packages/nx/src/plugin/targets.ts). The Docker part is remote-cache-docker.spec.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNxCacheServer, type NxCacheServer } from '../../../tools/fixtures/nx-cache-server';
import { run } from '../../../tools/fixtures/proc';
import { assertSuccess, describeWithTools, git, runNx, tmpDir, uvCommand } from './utils';
import { cloneWorkspace } from './utils/clone';
import {
  createUvPlaygroundWorkspace,
  outputOf,
  startTorchIndexFixture,
  taskHeaders,
  type TorchIndexFixture,
} from './utils/uv';

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

  it('lock, build and test run in one clone are remote hits in a real clone at another path with its own venv', async () => {
    const env = {
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: cache.token,
      MLWS_TORCH_BACKEND: 'cpu',
    };
    const first = await createUvPlaygroundWorkspace({ indexUrl: index.url });
    // prompt-handler declares no test dependency (pytest is in the root's dev group, which
    // `uv run --package prompt-handler` does not install): the package's owner adds it, pushed,
    // so that the second clone gets it from the remote like every other submodule commit
    const ph = join(first.root, 'packages/prompt-handler');
    const pyproject = readFileSync(join(ph, 'pyproject.toml'), 'utf8');
    writeFileSync(
      join(ph, 'pyproject.toml'),
      pyproject.replace('\n[build-system]', '\n[dependency-groups]\ndev = ["pytest>=8.3"]\n\n[build-system]'),
    );
    await git(ph, ['commit', '--quiet', '-am', 'Test dependencies']);
    await git(ph, ['push', '--quiet', 'origin', 'HEAD:main']);
    // the team's state: the locks are committed (`lock` hashes the lock it starts from, so two
    // machines share a result only when they start from the same lock)
    for (const args of [['lock'], ['lock', '--project', 'staging'], ['lock', '--project', 'prod']]) {
      assertSuccess(
        await run(uvCommand(), ['--quiet', ...args], { cwd: first.root, env: { VIRTUAL_ENV: undefined } }),
        first.root,
      );
    }
    await git(first.root, ['add', '--', 'uv.lock', 'staging/uv.lock', 'prod/uv.lock']);
    await git(first.root, ['commit', '--quiet', '-am', 'prompt-handler: test dependencies; locks']);

    const targets = ['run-many', '-t', 'lock', 'build', 'test', '--output-style=static'];
    // each clone its own, empty local cache: a hit in the second clone can only come from the remote
    const a = assertSuccess(
      await runNx(first.root, targets, { ...env, NX_CACHE_DIRECTORY: tmpDir('cache-a') }),
      first.root,
    );
    const ran = taskHeaders(outputOf(a));
    const tasks = ran.map((t) => t.task).sort();
    const byTarget = (t: string) => tasks.filter((x) => x.endsWith(`:${t}`)).length;
    expect([byTarget('lock'), byTarget('build'), byTarget('test')]).toEqual([3, 5, 4]); // dev/staging/prod; 4 members + release-tool; 4 members
    expect(ran.filter((t) => t.cached)).toEqual([]);
    expect(cache.count('PUT', 200)).toBe(tasks.length);
    // the reports went to the workspace's .mlws/reports/, not into the packages' own repositories
    const dirty = (await git(first.root, ['status', '--porcelain', '--ignore-submodules=none']))
      .split('\n')
      .filter((l) => l.includes('packages/'));
    expect(dirty).toEqual([]);

    // another machine: a real clone at another path, where someone already ran `uv sync` (a venv
    // of its own, made before Nx ran)
    const second = await cloneWorkspace(first.root, 'second-clone');
    for (const p of ['.nx', '.venv', 'packages/bench-utils/dist', '.mlws'])
      expect(existsSync(join(second, p))).toBe(false);
    assertSuccess(
      await run(uvCommand(), ['sync', '--quiet', '--extra', 'cpu'], { cwd: second, env: { VIRTUAL_ENV: undefined } }),
      second,
    );
    expect(existsSync(join(second, '.venv'))).toBe(true);

    const getsBefore = cache.count('GET', 200);
    const putsBefore = cache.requests.filter((r) => r.method === 'PUT').length;
    const cacheB = tmpDir('cache-b');
    const b = assertSuccess(await runNx(second, targets, { ...env, NX_CACHE_DIRECTORY: cacheB }), second);
    const headers = taskHeaders(outputOf(b));
    expect(headers.map((t) => t.task).sort()).toEqual(tasks);
    // every task was a cache hit, every hit was downloaded from the remote cache (the second
    // clone has no local cache of its own), and nothing new was uploaded
    expect(headers.filter((t) => !t.cached).map((t) => t.task)).toEqual([]);
    expect(cache.count('GET', 200) - getsBefore).toBe(tasks.length);
    expect(cache.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);

    // the outputs were restored where the first clone had them
    for (const lock of ['uv.lock', 'staging/uv.lock', 'prod/uv.lock']) {
      expect(readFileSync(join(second, lock), 'utf8')).toBe(readFileSync(join(first.root, lock), 'utf8'));
    }
    for (const dir of [
      'packages/bench-utils',
      'packages/model-interface',
      'packages/model_qwen2.5-vl',
      'packages/prompt-handler',
      'tools/release_tool',
    ]) {
      expect(readdirSync(join(second, dir, 'dist')).sort()).toEqual(readdirSync(join(first.root, dir, 'dist')).sort());
    }
    for (const dir of [
      'packages/bench-utils',
      'packages/model-interface',
      'packages/model_qwen2.5-vl',
      'packages/prompt-handler',
    ]) {
      expect(readFileSync(join(second, '.mlws', 'reports', dir, 'junit.xml'), 'utf8')).toMatch(
        /<testsuites?\b[^>]*\bfailures="0"/,
      );
    }

    // the other side of the same rule: a root pyproject edit that only changes the lock (no
    // package source changes) re-runs the tests, because they are hashed from the lock dev:lock
    // writes, not from the one on disk when the command started
    const locked = /\nname = "pytest"\nversion = "([^"]+)"/.exec(readFileSync(join(second, 'uv.lock'), 'utf8'))?.[1];
    expect(locked).toBeDefined();
    const root = join(second, 'pyproject.toml');
    writeFileSync(
      root,
      readFileSync(root, 'utf8').replace(
        '\n[tool.uv]\n',
        `\n[tool.uv]\nconstraint-dependencies = ["pytest!=${locked}"]\n`,
      ),
    );
    const c = assertSuccess(
      await runNx(second, ['run-many', '-t', 'test', '--output-style=static'], { ...env, NX_CACHE_DIRECTORY: cacheB }),
      second,
    );
    const relocked = Object.fromEntries(taskHeaders(outputOf(c)).map((t) => [t.task, t.cached]));
    expect(relocked['dev:lock']).toBe(false);
    expect(readFileSync(join(second, 'uv.lock'), 'utf8')).not.toContain(`\nname = "pytest"\nversion = "${locked}"`);
    expect(
      Object.entries(relocked)
        .filter(([t]) => t.endsWith(':test'))
        .sort(),
    ).toEqual(
      ['bench-utils', 'model-interface', 'model-qwen2-5-vl', 'prompt-handler'].map((p) => [`${p}:test`, false]),
    );
  });
});
