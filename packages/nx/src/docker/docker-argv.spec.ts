import {
  backendBuildArgs,
  classicCacheSource,
  dockerBuildArgv,
  expandCacheRefs,
  imageTags,
  needsBuildx,
  repositoryOf,
} from './docker-argv';

const base = {
  dockerfile: 'docker/Dockerfile-uv',
  context: '.',
  target: 'prod',
  buildArgs: { CUDA_VERSION: '12.4.1', BACKEND: 'cu124' },
  tags: ['myproj:prod-cu124', 'myproj:prod-cu124-0123456789ab'],
  labels: { 'org.opencontainers.image.revision': 'abc', 'org.opencontainers.image.version': '0.1.0' },
  iidfile: '/tmp/iid',
};

describe('docker build argv', () => {
  it('builds with the classic client and BuildKit by default', () => {
    expect(dockerBuildArgv(base)).toMatchSnapshot();
  });

  it('a push alone stays a classic build (docker push follows); cache-from needs no buildx', () => {
    expect(needsBuildx({})).toBe(false);
    const argv = dockerBuildArgv({ ...base, push: true, cacheFrom: ['type=registry,ref=r/c'] });
    expect(argv.slice(0, 2)).toEqual(['build', '--file']);
    expect(argv).not.toContain('--push');
    expect(argv).not.toContain('--load');
    expect(argv).toEqual(expect.arrayContaining(['--cache-from', 'r/c']));
  });

  it('gives the classic client the image reference of a registry cache source', () => {
    expect(classicCacheSource('type=registry,ref=reg:5000/ml:cache-prod-cpu')).toBe('reg:5000/ml:cache-prod-cpu');
    expect(classicCacheSource('reg:5000/ml:prod-cpu')).toBe('reg:5000/ml:prod-cpu');
    expect(classicCacheSource('type=local,src=/tmp/cache')).toBe('type=local,src=/tmp/cache');
  });

  it('a buildx build without push loads the image into the engine', () => {
    const argv = dockerBuildArgv({ ...base, cacheTo: ['type=inline'], metadataFile: '/tmp/meta.json' });
    expect(argv.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(argv).toContain('--load');
    expect(argv).not.toContain('--metadata-file');
  });

  it('switches to buildx for cache-to or several platforms, and pushes from the build', () => {
    expect(needsBuildx({ cacheTo: ['type=registry,ref=r/c'] })).toBe(true);
    expect(needsBuildx({ platforms: ['linux/amd64', 'linux/arm64'] })).toBe(true);
    expect(needsBuildx({ platforms: ['linux/amd64'] })).toBe(false);
    expect(
      dockerBuildArgv({
        ...base,
        network: 'host',
        cacheFrom: ['type=registry,ref=r/c'],
        cacheTo: ['type=registry,ref=r/c,mode=max'],
        platforms: ['linux/amd64', 'linux/arm64'],
        secrets: ['id=hf,env=HF_TOKEN'],
        ssh: ['default'],
        push: true,
        metadataFile: '/tmp/meta.json',
      }),
    ).toMatchSnapshot();
  });

  it('reads the repository of an image reference (registry ports are not tags)', () => {
    expect(repositoryOf('127.0.0.1:5000/team/ml:prod-cpu')).toBe('127.0.0.1:5000/team/ml');
    expect(repositoryOf('127.0.0.1:5000/ml')).toBe('127.0.0.1:5000/ml');
    expect(repositoryOf('ml:dev')).toBe('ml');
    expect(repositoryOf('ghcr.io/org/ml@sha256:abc123')).toBe('ghcr.io/org/ml');
  });

  it('expands {imageName}, {environment} and {backend} in cache references', () => {
    const refs = [
      'type=registry,ref=reg:5000/{imageName}-cache:{environment}-{backend}',
      '{imageName}:{environment}-{backend}',
    ];
    expect(expandCacheRefs(refs, { imageName: 'ml', environment: 'prod', backend: 'cu124' })).toEqual([
      'type=registry,ref=reg:5000/ml-cache:prod-cu124',
      'ml:prod-cu124',
    ]);
    expect(expandCacheRefs(refs, { imageName: 'ml', environment: 'tools' })).toEqual([
      'type=registry,ref=reg:5000/ml-cache:tools',
      'ml:tools',
    ]);
    expect(expandCacheRefs(undefined, { imageName: 'ml', environment: 'prod' })).toBeUndefined();
  });

  it('maps a backend to build args', () => {
    expect(backendBuildArgs('cu128', '12.8.1')).toEqual({ BACKEND: 'cu128', CUDA_VERSION: '12.8.1' });
    expect(backendBuildArgs('cpu', null)).toEqual({ BACKEND: 'cpu' });
    expect(backendBuildArgs(undefined, undefined)).toEqual({});
    // the extra only where it is declared; CUDA_VERSION always picks the base image
    expect(backendBuildArgs('cu124', '12.4.1', { workspace: true, environment: true })).toEqual({
      BACKEND: 'cu124',
      ENV_BACKEND: 'cu124',
      CUDA_VERSION: '12.4.1',
    });
    expect(backendBuildArgs('cu124', '12.4.1', { workspace: true, environment: false })).toEqual({
      BACKEND: 'cu124',
      CUDA_VERSION: '12.4.1',
    });
    expect(backendBuildArgs('cu124', '12.4.1', { workspace: false, environment: false })).toEqual({
      CUDA_VERSION: '12.4.1',
    });
  });

  it('tags by environment, backend and content', () => {
    expect(imageTags('myproj', 'prod', 'cu124', '0123456789abcdef')).toEqual([
      'myproj:prod-cu124',
      'myproj:prod-cu124-0123456789ab',
    ]);
    expect(imageTags('myproj', 'dev', undefined, undefined)).toEqual(['myproj:dev']);
  });
});
