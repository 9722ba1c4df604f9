/**
 * CUDA images with a real Docker engine: docker/Dockerfile-uv from the generator, dev and prod
 * images built by `docker-build` through BuildKit with `--network=host` against loopback stand-ins
 * (torch index, package remotes over HTTP), labels, versions inside the images, cache soundness
 * after `docker image rm`, and `nx affected -t docker-build`.
 *
 * No image registry is reachable: the base images are built locally with debootstrap + docker
 * import (tools/fixtures/docker-base/build.sh), uv's image from the pinned uv binary. Pushes go to
 * a real registry on loopback (Debian's docker-registry, tools/fixtures/docker-registry).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerRegistry } from '../../../tools/fixtures/docker-registry';
import { startGitHttp, type GitHttpServer } from '../../../tools/fixtures/git-http';
import { run } from '../../../tools/fixtures/proc';
import { assertSuccess, describeWithTools, git, REPO_ROOT, runNx, uvCommand, type PlaygroundWorkspace } from './utils';
import {
  createUvPlaygroundWorkspace,
  outputOf,
  startTorchIndexFixture,
  taskHeaders,
  type TorchIndexFixture,
} from './utils/uv';

jest.setTimeout(20 * 60 * 1000);

const DOCKER = process.env['DOCKER'] || '/usr/bin/docker';

async function docker(args: string[], cwd = '/') {
  return run(DOCKER, args, { cwd, env: { DOCKER_BUILDKIT: '1' }, timeoutMs: 15 * 60 * 1000 });
}

async function inImage(image: string, code: string): Promise<string> {
  const r = await docker(['run', '--rm', image, 'python', '-c', code]);
  if (r.code !== 0) throw new Error(`python in ${image} failed: ${r.stderr}`);
  return r.stdout.trim();
}

const VERSIONS =
  "import importlib.metadata as m, torch; print(m.version('bench-utils'), m.version('model-interface'), torch.__version__)";

describeWithTools(['git', 'uv', 'docker'], 'docker images', () => {
  let index: TorchIndexFixture;
  let remotes: GitHttpServer;
  let ws: PlaygroundWorkspace;
  let images: Record<string, string>;

  beforeAll(async () => {
    const base = await run('bash', [join(REPO_ROOT, 'tools/fixtures/docker-base/build.sh'), DOCKER, uvCommand()], {
      cwd: REPO_ROOT,
      timeoutMs: 15 * 60 * 1000,
    });
    if (base.code !== 0) throw new Error(`base images: ${base.stderr}`);
    images = Object.fromEntries(
      base.stdout
        .trim()
        .split(/\s+/)
        .map((kv) => kv.split('=') as [string, string]),
    );

    index = await startTorchIndexFixture();
    ws = await createUvPlaygroundWorkspace({ indexUrl: index.url, pluginOptions: { imageName: 'mlplay' } });
    remotes = await startGitHttp(ws.remotesDir);
    // the images fetch the pinned packages over HTTP, like from GitHub: point the pins there
    for (const env of ['staging', 'prod']) {
      const file = join(ws.root, env, 'pyproject.toml');
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`file://${ws.remotesDir}`, remotes.url));
    }
    // how a team points the Dockerfile at its own base images: nx.json targetDefaults
    const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8'));
    nxJson.targetDefaults = { 'docker-build': { options: { network: 'host', buildArgs: images } } };
    writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
    assertSuccess(await runNx(ws.root, ['g', '@mlws/nx:dockerfile', '--no-interactive']), ws.root);
    assertSuccess(await runNx(ws.root, ['run-many', '-t', 'lock']), ws.root);
    await git(ws.root, ['add', '--all']);
    await git(ws.root, ['commit', '--quiet', '-m', 'Dockerfile, locks, HTTP pins']);
  });

  afterAll(async () => {
    await remotes?.stop();
    await index?.stop();
  });

  it('the generated Dockerfile has the documented stages and no syntax line', () => {
    const text = readFileSync(join(ws.root, 'docker', 'Dockerfile-uv'), 'utf8');
    expect(text).not.toMatch(/^# syntax=/m);
    for (const stage of ['base', 'deps-dev', 'wheel', 'build-dev', 'deps-prod', 'dev', 'prod'])
      expect(text).toMatch(new RegExp(`AS ${stage}$`, 'm'));
  });

  it('builds dev (working trees) and prod (stable pins) with the backend, tags and labels', async () => {
    const dev = assertSuccess(
      await runNx(ws.root, ['run', 'dev:docker-build:cu128', '--output-style=static']),
      ws.root,
    );
    expect(outputOf(dev)).toContain('CUDA_VERSION=12.8.1');
    const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/dev.json'), 'utf8'));
    expect(record.tags[0]).toBe('mlplay:dev-cu128');
    expect(record.tags[1]).toMatch(/^mlplay:dev-cu128-[0-9a-f]{12}$/);
    expect(record.buildArgs).toMatchObject({
      BACKEND: 'cu128',
      CUDA_VERSION: '12.8.1',
      BASE_IMAGE: images['BASE_IMAGE'],
    });
    // dev = the members' working trees: bench-utils at its submodule commit (0.1.3.dev0)
    const bench = ws.manifest.packages['packages/bench-utils']!;
    const mi = ws.manifest.packages['packages/model-interface']!;
    expect(await inImage('mlplay:dev-cu128', VERSIONS)).toBe(`${bench.version} ${mi.version} 2.5.1+cu128`);

    const labels = JSON.parse(
      (await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', 'mlplay:dev-cu128'])).stdout,
    );
    const head = (await git(ws.root, ['rev-parse', 'HEAD'])).trim();
    expect(labels).toMatchObject({
      'org.opencontainers.image.revision': head,
      'org.opencontainers.image.source': 'docker/Dockerfile-uv',
      'dev.mlws.environment': 'dev',
      'dev.mlws.backend': 'cu128',
    });
    expect(labels['org.opencontainers.image.version']).toBe(record.tags[1].split('-').pop());

    assertSuccess(await runNx(ws.root, ['run', 'prod:docker-build:cpu']), ws.root);
    // prod = the stable tags pinned in prod/pyproject.toml
    const stable = ws.manifest.environments.prod.pins;
    const pinned = (name: string) => stable.find((p) => p.target === name)?.tag.replace(/^v/, '');
    expect(await inImage('mlplay:prod-cpu', VERSIONS)).toBe(
      `${pinned('bench-utils')} ${pinned('model-interface')} 2.5.1+cpu`,
    );
    // no build tools in the final image
    expect(
      (await docker(['run', '--rm', 'mlplay:prod-cpu', 'sh', '-c', 'command -v uv git || echo none'])).stdout.trim(),
    ).toBe('none');
  });

  it('a cache hit after docker image rm: docker-run rebuilds the image instead of failing', async () => {
    assertSuccess(await runNx(ws.root, ['run', 'prod:docker-build:cpu']), ws.root);
    const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/prod.json'), 'utf8'));
    for (const tag of record.tags) await docker(['image', 'rm', '--force', tag]);
    await docker(['image', 'rm', '--force', record.imageId]);
    expect((await docker(['image', 'inspect', record.imageId])).code).not.toBe(0);

    const hit = assertSuccess(await runNx(ws.root, ['run', 'prod:docker-build:cpu', '--output-style=static']), ws.root);
    expect(taskHeaders(outputOf(hit))).toEqual([{ task: 'prod:docker-build:cpu', cached: true }]);

    const r = assertSuccess(
      await runNx(ws.root, [
        'run',
        'prod:docker-run:cpu',
        '--output-style=static',
        '--command=python',
        '--command=-c',
        "--command=import bench_utils; print('ran', bench_utils.__name__)",
      ]),
      ws.root,
    );
    expect(outputOf(r)).toContain('@mlws/nx: the engine did not have mlplay:prod-cpu: rebuilt it');
    expect(outputOf(r)).toContain('ran bench_utils');
    expect((await docker(['image', 'inspect', 'mlplay:prod-cpu'])).code).toBe(0);
  });

  it('a cache hit with the moving tag removed, then moved to another image: docker-run puts it back on the recorded image and says so', async () => {
    assertSuccess(await runNx(ws.root, ['run', 'prod:docker-build:cpu']), ws.root);
    const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/prod.json'), 'utf8')) as {
      imageId: string;
      tags: string[];
    };
    const moving = record.tags[0];
    expect(moving).toBe('mlplay:prod-cpu');
    const idOf = async (ref: string) => (await docker(['image', 'inspect', '--format', '{{.Id}}', ref])).stdout.trim();
    const dockerRun = async () => {
      const r = assertSuccess(
        await runNx(ws.root, ['run', 'prod:docker-run:cpu', '--output-style=static', '--command=true']),
        ws.root,
      );
      expect(taskHeaders(outputOf(r))).toContainEqual({ task: 'prod:docker-build:cpu', cached: true });
      return outputOf(r);
    };

    // removed: another tag keeps the image in the engine, the moving tag is gone
    assertSuccess(await docker(['tag', record.imageId, 'mlplay:keep']));
    assertSuccess(await docker(['image', 'rm', moving]));
    expect(await idOf(record.imageId)).toBe(record.imageId);
    expect((await docker(['image', 'inspect', moving])).code).not.toBe(0);
    expect(await dockerRun()).toContain(
      `@mlws/nx: put the tag ${moving} back on the recorded image ${record.imageId.slice(0, 19)} (it was missing)`,
    );
    expect(await idOf(moving)).toBe(record.imageId);

    // moved: a docker tag (or a build on another branch) made it name another image
    const other = await idOf(images['RUNTIME_IMAGE']!);
    expect(other).not.toBe(record.imageId);
    assertSuccess(await docker(['tag', images['RUNTIME_IMAGE']!, moving]));
    expect(await dockerRun()).toContain(
      `@mlws/nx: put the tag ${moving} back on the recorded image ${record.imageId.slice(0, 19)} (it named ${other.slice(0, 19)})`,
    );
    expect(await idOf(moving)).toBe(record.imageId);

    // nothing to put back: nothing said
    expect(await dockerRun()).not.toContain('put the tag');
  });

  it('nx affected -t docker-build: a package edit rebuilds dev and leaves prod alone; a new prod pin rebuilds prod', async () => {
    assertSuccess(
      await runNx(ws.root, ['run-many', '-t', 'docker-build', '-c', 'cpu', '--projects=dev,prod']),
      ws.root,
    );
    appendFileSync(join(ws.root, 'packages', 'bench-utils', 'src', 'bench_utils', '__init__.py'), '\nEDITED = True\n');
    const first = assertSuccess(
      await runNx(ws.root, ['affected', '-t', 'docker-build', '-c', 'cpu', '--base=HEAD', '--output-style=static']),
      ws.root,
    );
    const tasks = Object.fromEntries(taskHeaders(outputOf(first)).map((t) => [t.task, t.cached]));
    expect(tasks['dev:docker-build:cpu']).toBe(false);
    // Nx 24 selects tasks by their inputs: prod's (its pyproject + lock) did not change, so prod is
    // not even selected (in legacy mode it would run as a cache hit)
    expect(tasks['prod:docker-build:cpu']).toBeUndefined();
    expect(await inImage('mlplay:dev-cpu', 'import bench_utils; print(bench_utils.EDITED)')).toBe('True');

    // a new prod pin: model-interface back to its dev tag in prod (a pin change is a pin change)
    const prodFile = join(ws.root, 'prod', 'pyproject.toml');
    const mi = ws.manifest.packages['packages/model-interface']!;
    const devTag = mi.tags.find((t) => /dev/.test(t))!;
    const stableTag = ws.manifest.environments.prod.pins.find((p) => p.target === 'model-interface')!.tag;
    writeFileSync(prodFile, readFileSync(prodFile, 'utf8').replace(`tag = "${stableTag}"`, `tag = "${devTag}"`));
    assertSuccess(await runNx(ws.root, ['run', 'prod:lock']), ws.root);
    const second = assertSuccess(
      await runNx(ws.root, ['affected', '-t', 'docker-build', '-c', 'cpu', '--base=HEAD', '--output-style=static']),
      ws.root,
    );
    const again = Object.fromEntries(taskHeaders(outputOf(second)).map((t) => [t.task, t.cached]));
    expect(again['prod:docker-build:cpu']).toBe(false);
    expect(
      await inImage('mlplay:prod-cpu', "import importlib.metadata as m; print(m.version('model-interface'))"),
    ).toBe(devTag.replace(/^v/, ''));
  });

  it('--push records the registry digest; after docker image rm, docker-run pulls by digest instead of rebuilding', async () => {
    const registry = await startDockerRegistry();
    try {
      // how a team pushes from CI: the registry's image name and push in nx.json targetDefaults
      const imageName = `${registry.host}/mlplay`;
      const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8'));
      Object.assign(nxJson.targetDefaults['docker-build'].options, { imageName, push: true });
      writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
      const built = assertSuccess(
        await runNx(ws.root, ['run', 'prod:docker-build:cpu', '--output-style=static']),
        ws.root,
      );
      expect(outputOf(built)).toMatch(/@mlws\/nx: pushed 127\.0\.0\.1:\d+\/mlplay@sha256:[0-9a-f]{64}/);
      const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/prod.json'), 'utf8'));
      expect(record.tags[0]).toBe(`${imageName}:prod-cpu`);
      expect(record.digest).toMatch(new RegExp(`^${imageName.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`));
      // the registry serves the manifest by that digest
      const manifest = await fetch(`http://${registry.host}/v2/mlplay/manifests/${record.digest.split('@')[1]}`, {
        method: 'HEAD',
        headers: {
          accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
        },
      });
      expect(manifest.status).toBe(200);

      // the engine loses the image (another machine, a prune); docker-run's docker-build is a cache
      // hit that restores the record, which names the image by digest
      for (const tag of record.tags) await docker(['image', 'rm', '--force', tag]);
      await docker(['image', 'rm', '--force', record.imageId]);
      expect((await docker(['image', 'inspect', record.imageId])).code).not.toBe(0);
      const r = assertSuccess(
        await runNx(ws.root, [
          'run',
          'prod:docker-run:cpu',
          '--output-style=static',
          '--command=python',
          '--command=-c',
          "--command=import bench_utils; print('ran', bench_utils.__name__)",
        ]),
        ws.root,
      );
      expect(taskHeaders(outputOf(r))).toContainEqual({ task: 'prod:docker-build:cpu', cached: true });
      expect(outputOf(r)).toContain(`@mlws/nx: the engine did not have ${imageName}:prod-cpu: pulled it`);
      expect(outputOf(r)).toContain('ran bench_utils');
      // the same image, back under its tags
      const id = (await docker(['image', 'inspect', '--format', '{{.Id}}', `${imageName}:prod-cpu`])).stdout.trim();
      expect(id).toBe(record.imageId);
    } finally {
      await registry.stop();
    }
  });

  it('cacheFrom a registry image (inline cache): a machine with an empty build cache reuses the pushed layers', async () => {
    const registry = await startDockerRegistry();
    try {
      // a CI fleet: every build pushes its image with inline cache metadata and starts from the last one
      const imageName = `${registry.host}/mlplay`;
      const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8'));
      const options = nxJson.targetDefaults['docker-build'].options;
      Object.assign(options, {
        imageName,
        push: true,
        cacheFrom: ['type=registry,ref={imageName}:{environment}-{backend}'],
      });
      options.buildArgs = { ...options.buildArgs, BUILDKIT_INLINE_CACHE: '1' };
      writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
      const first = assertSuccess(
        await runNx(ws.root, ['run', 'prod:docker-build:cpu', '--skip-nx-cache', '--output-style=static']),
        ws.root,
      );
      expect(outputOf(first)).toContain(`--cache-from ${imageName}:prod-cpu`);

      // another machine: no image, no build cache
      const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/prod.json'), 'utf8'));
      for (const tag of record.tags) await docker(['image', 'rm', '--force', tag]);
      await docker(['image', 'rm', '--force', record.imageId]);
      assertSuccess(await docker(['builder', 'prune', '--all', '--force']));
      const second = assertSuccess(
        await runNx(ws.root, ['run', 'prod:docker-build:cpu', '--skip-nx-cache', '--output-style=static']),
        ws.root,
      );
      const out = outputOf(second);
      expect(out).toContain(`importing cache manifest from ${imageName}:prod-cpu`);
      // the dependency layer (uv sync of prod) came from the registry: BuildKit did not run it
      const step = /#(\d+) \[deps-prod \d\/\d\] RUN [^\n]*uv sync/.exec(out)?.[1];
      expect(step).toBeDefined();
      expect(out).toContain(`#${step} CACHED`);
      expect(out).not.toMatch(new RegExp(`#${step} DONE`));
    } finally {
      await registry.stop();
    }
  });

  it('an environment without backend extras: the backend picks the CUDA base image, its uv sync gets no --extra', async () => {
    // the plain build options of beforeAll (the registry of the cache test is gone)
    const nxJson = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8'));
    nxJson.targetDefaults = { 'docker-build': { options: { network: 'host', buildArgs: images } } };
    writeFileSync(join(ws.root, 'nx.json'), JSON.stringify(nxJson, null, 2));
    // prod as real repositories write it: torch comes through the packages, no backend extras of its own
    const prodFile = join(ws.root, 'prod', 'pyproject.toml');
    const text = readFileSync(prodFile, 'utf8');
    const head = text.slice(0, text.indexOf('\n]\n', text.indexOf('dependencies = [')) + 3);
    const pins = text.split('\n').filter((l) => /^[a-z0-9-]+\s*=\s*\{ git = /.test(l));
    writeFileSync(prodFile, `${head}\n[tool.uv.sources]\n${pins.join('\n')}\n`);
    expect(readFileSync(prodFile, 'utf8')).not.toContain('optional-dependencies');
    assertSuccess(await runNx(ws.root, ['run', 'prod:lock']), ws.root);

    const r = assertSuccess(await runNx(ws.root, ['run', 'prod:docker-build:cu128', '--output-style=static']), ws.root);
    const out = outputOf(r);
    expect(out).not.toContain('is not defined');
    // deps-dev (the root declares cu128) syncs with the extra, deps-prod without (with it, uv fails:
    // "Extra `cu128` is not defined in the `optional-dependencies` table")
    expect(out).toMatch(
      /\[deps-prod \d\/\d\] RUN [^\n]*uv sync --locked --no-dev --no-install-project --project prod\s+&&/,
    );
    expect(out).not.toMatch(/\[deps-prod \d\/\d\] RUN [^\n]*--extra/);
    const record = JSON.parse(readFileSync(join(ws.root, 'dist/docker/prod.json'), 'utf8'));
    expect(record.tags[0]).toBe('mlplay:prod-cu128');
    expect(record.buildArgs).toMatchObject({ CUDA_VERSION: '12.8.1', BACKEND: 'cu128' });
    expect(record.buildArgs.ENV_BACKEND).toBeUndefined();
    const stable = ws.manifest.environments.prod.pins;
    const pinned = (name: string) => stable.find((p) => p.target === name)?.tag.replace(/^v/, '');
    expect(await inImage('mlplay:prod-cu128', "import importlib.metadata as m; print(m.version('bench-utils'))")).toBe(
      pinned('bench-utils'),
    );
  });
});
