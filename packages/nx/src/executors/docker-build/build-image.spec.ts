import type { ExecutorContext } from '@nx/devkit';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from '../../docker/docker-client';
import { buildImage } from './build-image';

const PYPROJECT = '[project]\nname = "ml"\nversion = "0.1.0"\n\n[project.optional-dependencies]\ncpu = ["torch"]\n';

/** A docker client that records argv; `buildx version` fails unless `buildx` is set; builds write `iid` (and buildx metadata). */
function fakeDocker(opts: { buildx: boolean }): DockerClient & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    program: 'docker',
    calls,
    run: async (args) => {
      calls.push([...args]);
      if (args[0] === 'buildx' && args[1] === 'version') return { exitCode: opts.buildx ? 0 : 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." };
      const at = (flag: string) => args[args.indexOf(flag) + 1];
      if (args.includes('--iidfile')) writeFileSync(at('--iidfile'), 'sha256:1111\n');
      if (args.includes('--metadata-file')) writeFileSync(at('--metadata-file'), JSON.stringify({ 'containerimage.digest': 'sha256:2222' }));
      return { exitCode: 0, stdout: '', stderr: '' };
    },
  };
}

describe('buildImage', () => {
  let root: string;
  const context = () => ({ root, projectName: 'prod', targetName: 'docker-build', configurationName: 'cpu' }) as unknown as ExecutorContext;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-build-image-'));
    writeFileSync(join(root, 'pyproject.toml'), PYPROJECT);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const options = { environment: 'prod', environmentRoot: '.', backend: 'cpu', imageName: 'reg.local:5000/ml' };

  it('a push alone is a classic build: no buildx needed, no digest until docker push', async () => {
    const docker = fakeDocker({ buildx: false });
    const r = await buildImage({ ...options, push: true }, context(), docker, {}, 'abc');
    expect(r.ok).toBe(true);
    expect(docker.calls.map((c) => c[0])).toEqual(['build']);
    if (r.ok) expect(r.record.digest).toBeUndefined();
  });

  it('cacheTo without buildx stops in one line that says what to do', async () => {
    const docker = fakeDocker({ buildx: false });
    const r = await buildImage({ ...options, cacheTo: ['type=registry,ref=reg.local:5000/ml:cache'] }, context(), docker, {}, 'abc');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^cacheTo and several platforms need docker buildx, which docker does not have: install the buildx plugin/) });
    expect(docker.calls).toEqual([['buildx', 'version']]);
  });

  it('a failed build names the tag it was building (with the backend)', async () => {
    const docker: DockerClient = { program: 'docker', run: async () => ({ exitCode: 1, stdout: '', stderr: 'ERROR: BuildKit is enabled but the buildx component is missing or broken.' }) };
    const r = await buildImage(options, context(), docker, {}, 'abc');
    expect(r).toEqual({ ok: false, message: 'docker build of reg.local:5000/ml:prod-cpu failed with exit code 1 (see the build output above)' });
  });

  it('a buildx push records the pushed digest from the metadata file, and placeholders instead of temp paths', async () => {
    const docker = fakeDocker({ buildx: true });
    const r = await buildImage({ ...options, push: true, cacheTo: ['type=inline'] }, context(), docker, {}, 'abc');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.digest).toBe('reg.local:5000/ml@sha256:2222');
    expect(r.record.imageId).toBe('sha256:1111');
    expect(r.record.argv).toEqual(expect.arrayContaining(['--iidfile', '<iidfile>', '--push', '--metadata-file', '<metadata-file>']));
    expect(JSON.parse(readFileSync(join(root, r.recordFile), 'utf8')).digest).toBe('reg.local:5000/ml@sha256:2222');
  });
});
