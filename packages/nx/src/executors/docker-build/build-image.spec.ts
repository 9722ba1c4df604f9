import type { ExecutorContext } from '@nx/devkit';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeDocker as fakeDockerClient } from '../../clients/__testing__/fake-clients';
import type { DockerClient } from '../../docker/docker-client';
import type { RunProcess } from '../../process/run-process';
import { buildImage, taskHash } from './build-image';

const PYPROJECT = '[project]\nname = "ml"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ncpu = ["torch"]\n';

/** A docker client that records argv; `buildx version` fails unless `buildx` is set; builds write `iid` (and buildx metadata). */
function fakeDocker(opts: { buildx: boolean }): DockerClient & { calls: string[][] } {
  const calls: string[][] = [];
  const docker = fakeDockerClient(async (args) => {
    calls.push([...args]);
    if (args[0] === 'buildx' && args[1] === 'version')
      return { exitCode: opts.buildx ? 0 : 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." };
    const at = (flag: string) => args[args.indexOf(flag) + 1];
    if (args.includes('--iidfile')) writeFileSync(at('--iidfile'), 'sha256:1111\n');
    if (args.includes('--metadata-file'))
      writeFileSync(at('--metadata-file'), JSON.stringify({ 'containerimage.digest': 'sha256:2222' }));
    return { exitCode: 0, stdout: '', stderr: '' };
  });
  return Object.assign(docker, { calls });
}

/** The clients buildImage takes; nvidia-smi only through `run` (a test without one never asks the driver). */
function deps(docker: DockerClient, env: NodeJS.ProcessEnv, run?: RunProcess) {
  const process: RunProcess =
    run ??
    (async (file) => {
      throw new Error(`unexpected run of ${file}`);
    });
  return { docker, env, process, log: () => undefined };
}

describe('buildImage', () => {
  let root: string;
  const context = () =>
    ({ root, projectName: 'prod', targetName: 'docker-build', configurationName: 'cpu' }) as unknown as ExecutorContext;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-build-image-'));
    writeFileSync(join(root, 'pyproject.toml'), PYPROJECT);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const options = { environment: 'prod', environmentRoot: '.', backend: 'cpu', imageName: 'reg.local:5000/ml' };

  it('a push alone is a classic build: no buildx needed, no digest until docker push', async () => {
    const docker = fakeDocker({ buildx: false });
    const r = await buildImage({ ...options, push: true }, context(), 'abc', deps(docker, {}));
    expect(r.ok).toBe(true);
    expect(docker.calls.map((c) => c[0])).toEqual(['build']);
    if (r.ok) expect(r.record.digest).toBeUndefined();
  });

  it('cacheTo without buildx stops in one line that says what to do', async () => {
    const docker = fakeDocker({ buildx: false });
    const r = await buildImage(
      { ...options, cacheTo: ['type=registry,ref=reg.local:5000/ml:cache'] },
      context(),
      'abc',
      deps(docker, {}),
    );
    expect(r).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^cacheTo and several platforms need docker buildx, which docker does not have: install the buildx plugin/,
      ),
    });
    expect(docker.calls).toEqual([['buildx', 'version']]);
  });

  it('a failed build names the tag it was building (with the backend)', async () => {
    const docker: DockerClient = fakeDockerClient(async () => ({
      exitCode: 1,
      stdout: '',
      stderr: 'ERROR: BuildKit is enabled but the buildx component is missing or broken.',
    }));
    const r = await buildImage(options, context(), 'abc', deps(docker, {}));
    expect(r).toEqual({
      ok: false,
      message: 'docker build of reg.local:5000/ml:prod-cpu failed with exit code 1 (see the build output above)',
    });
  });

  it('a buildx push records the pushed digest from the metadata file, and placeholders instead of temp paths', async () => {
    const docker = fakeDocker({ buildx: true });
    const r = await buildImage(
      { ...options, push: true, cacheTo: ['type=inline'] },
      context(),
      'abc',
      deps(docker, {}),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.digest).toBe('reg.local:5000/ml@sha256:2222');
    expect(r.record.imageId).toBe('sha256:1111');
    expect(r.record.argv).toEqual(
      expect.arrayContaining(['--iidfile', '<iidfile>', '--push', '--metadata-file', '<metadata-file>']),
    );
    expect(JSON.parse(readFileSync(join(root, r.recordFile), 'utf8')).digest).toBe('reg.local:5000/ml@sha256:2222');
  });

  describe('the backend extra goes only where the environment declares it', () => {
    const ROOT_CUDA =
      '[project]\nname = "ml"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ncu124 = ["torch"]\ncu128 = ["torch"]\n';
    const PROD_PLAIN = '[project]\nname = "ml-prod"\nversion = "0.1.0"\ndependencies = ["bench-utils"]\n';
    const backends = { cpu: null, cu124: '12.4.1', cu128: '12.8.1' };
    const build = async (prod: string, backend: string) => {
      writeFileSync(join(root, 'pyproject.toml'), ROOT_CUDA);
      mkdirSync(join(root, 'prod'), { recursive: true });
      writeFileSync(join(root, 'prod/pyproject.toml'), prod);
      const docker = fakeDocker({ buildx: false });
      const r = await buildImage(
        { environment: 'prod', environmentRoot: 'prod', backend, imageName: 'ml', backends },
        context(),
        'abc',
        deps(docker, {}),
      );
      return { r, argv: docker.calls[0] ?? [] };
    };

    it('prod without backend extras: CUDA_VERSION picks the base image, no ENV_BACKEND for its uv sync', async () => {
      const { r, argv } = await build(PROD_PLAIN, 'cu124');
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.record.buildArgs).toEqual({ BACKEND: 'cu124', CUDA_VERSION: '12.4.1' });
      expect(argv).not.toContain('ENV_BACKEND=cu124');
      expect(r.record.tags[0]).toBe('ml:prod-cu124');
    });

    it('prod declaring the backend gets it for its own uv sync too', async () => {
      const { r } = await build(`${PROD_PLAIN}\n[project.optional-dependencies]\ncu124 = ["torch"]\n`, 'cu124');
      expect(r.ok && r.record.buildArgs).toEqual({ BACKEND: 'cu124', ENV_BACKEND: 'cu124', CUDA_VERSION: '12.4.1' });
    });

    it('a backend the repository does not declare is refused, not passed', async () => {
      const { r } = await build(PROD_PLAIN, 'cpu');
      expect(r).toEqual({
        ok: false,
        message: expect.stringContaining(
          'unknown PyTorch backend "cpu" (from --backend) for the prod image (prod/pyproject.toml), which declares cu124, cu128',
        ),
      });
    });
  });
});

describe('buildImage with defaultBackend auto (resolved like sync, test and lint)', () => {
  let root: string;
  const context = () =>
    ({ root, projectName: 'dev', targetName: 'docker-build', configurationName: 'auto' }) as unknown as ExecutorContext;
  const ROOT =
    '[project]\nname = "ml"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ncpu = ["torch"]\ncu124 = ["torch"]\ncu128 = ["torch"]\n';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-build-auto-'));
    writeFileSync(join(root, 'pyproject.toml'), ROOT);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** nvidia-smi as a driver reporting `cuda` (undefined: no driver). */
  const nvidiaSmi = (cuda: string | undefined) => {
    const calls: string[] = [];
    const run: RunProcess = async (file) => {
      calls.push(file);
      return cuda
        ? { exitCode: 0, stdout: `| NVIDIA-SMI 550.54  Driver Version: 550.54  CUDA Version: ${cuda} |\n`, stderr: '' }
        : { exitCode: 127, stdout: '', stderr: '', startError: 'ENOENT' };
    };
    return { run, calls };
  };
  const options = {
    environment: 'dev',
    environmentRoot: '.',
    defaultBackend: 'auto',
    imageName: 'ml',
    backends: { cpu: null, cu124: '12.4.1', cu128: '12.8.1' },
  };

  it('takes the highest declared CUDA backend the driver supports', async () => {
    const docker = fakeDocker({ buildx: false });
    const smi = nvidiaSmi('12.6');
    const r = await buildImage(options, context(), 'abc', deps(docker, {}, smi.run));
    expect(smi.calls).toEqual(['nvidia-smi']);
    expect(r.ok && r.record.backend).toBe('cu124');
    expect(r.ok && r.record.buildArgs).toEqual({ BACKEND: 'cu124', CUDA_VERSION: '12.4.1' });
    expect(r.ok && r.record.tags[0]).toBe('ml:dev-cu124');
  });

  it('takes cpu without a driver, and MLWS_TORCH_BACKEND=auto asks the driver too', async () => {
    const none = await buildImage(
      options,
      context(),
      'abc',
      deps(fakeDocker({ buildx: false }), {}, nvidiaSmi(undefined).run),
    );
    expect(none.ok && none.record.backend).toBe('cpu');
    const smi = nvidiaSmi('12.8');
    const fromEnv = await buildImage(
      { ...options, defaultBackend: undefined },
      context(),
      'abc',
      deps(fakeDocker({ buildx: false }), { MLWS_TORCH_BACKEND: 'auto' }, smi.run),
    );
    expect(fromEnv.ok && fromEnv.record.backend).toBe('cu128');
  });

  it('an explicit --backend does not ask the driver', async () => {
    const smi = nvidiaSmi('12.8');
    const r = await buildImage(
      { ...options, backend: 'cpu' },
      context(),
      'abc',
      deps(fakeDocker({ buildx: false }), {}, smi.run),
    );
    expect(smi.calls).toEqual([]);
    expect(r.ok && r.record.backend).toBe('cpu');
  });
});

describe('taskHash', () => {
  const context = {
    projectName: 'dev',
    targetName: 'docker-build',
    configurationName: 'cpu',
    taskGraph: { tasks: {} },
  } as unknown as ExecutorContext;
  const own = {
    NX_TASK_TARGET_PROJECT: 'dev',
    NX_TASK_TARGET_TARGET: 'docker-build',
    NX_TASK_TARGET_CONFIGURATION: 'cpu',
    NX_TASK_HASH: '123abc',
  };

  it('takes the hash from the task graph (Nx <= 23), else NX_TASK_HASH of this very task (Nx 24)', () => {
    const graph = {
      ...context,
      taskGraph: { tasks: { 'dev:docker-build:cpu': { hash: 'fromgraph' } } },
    } as unknown as ExecutorContext;
    expect(taskHash(graph, own)).toBe('fromgraph');
    expect(taskHash(context, own)).toBe('123abc');
  });

  it("never takes another task's NX_TASK_HASH", () => {
    expect(taskHash(context, { ...own, NX_TASK_TARGET_PROJECT: 'prod' })).toBeUndefined();
    expect(taskHash(context, { ...own, NX_TASK_TARGET_CONFIGURATION: 'cu124' })).toBeUndefined();
    expect(taskHash(context, { ...own, NX_TASK_HASH: undefined })).toBeUndefined();
  });
});
