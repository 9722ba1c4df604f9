import { backendBuildArgs, dockerBuildArgv, imageTags, needsBuildx } from './docker-argv';

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

  it('switches to buildx for cache-to, several platforms or push', () => {
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
      }),
    ).toMatchSnapshot();
  });

  it('maps a backend to build args', () => {
    expect(backendBuildArgs('cu128', '12.8.1')).toEqual({ BACKEND: 'cu128', CUDA_VERSION: '12.8.1' });
    expect(backendBuildArgs('cpu', null)).toEqual({ BACKEND: 'cpu' });
    expect(backendBuildArgs(undefined, undefined)).toEqual({});
  });

  it('tags by environment, backend and content', () => {
    expect(imageTags('myproj', 'prod', 'cu124', '0123456789abcdef')).toEqual(['myproj:prod-cu124', 'myproj:prod-cu124-0123456789ab']);
    expect(imageTags('myproj', 'dev', undefined, undefined)).toEqual(['myproj:dev']);
  });
});
