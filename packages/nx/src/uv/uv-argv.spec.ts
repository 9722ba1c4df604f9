import { buildArgv, lockArgv, runArgv, syncArgv } from './uv-argv';

describe('uv argv', () => {
  it.each([
    [{ project: '.' }, ['lock']],
    [{ project: 'staging' }, ['lock', '--project', 'staging']],
    [{ project: 'prod', check: true }, ['lock', '--project', 'prod', '--locked']],
    [{ project: '.', extraArgs: ['--upgrade-package', 'torch'] }, ['lock', '--upgrade-package', 'torch']],
  ])('lock %j', (o, argv) => expect(lockArgv(o)).toEqual(argv));

  it.each([
    [{ project: '.', backend: 'cu124', allPackages: true }, ['sync', '--all-packages', '--extra', 'cu124']],
    [{ project: 'staging', frozen: true }, ['sync', '--project', 'staging', '--frozen']],
    [
      { project: 'prod', frozen: true, locked: true, backend: 'cpu' },
      ['sync', '--project', 'prod', '--locked', '--extra', 'cpu'],
    ],
    [{ project: '.', extraArgs: ['--no-dev'] }, ['sync', '--no-dev']],
  ])('sync %j', (o, argv) => expect(syncArgv(o)).toEqual(argv));

  it('build', () => {
    expect(buildArgv({ package: 'model-qwen2_5-vl', outDir: 'packages/model_qwen2.5-vl/dist' })).toEqual([
      'build',
      '--package',
      'model-qwen2_5-vl',
      '--out-dir',
      'packages/model_qwen2.5-vl/dist',
      '--no-progress',
    ]);
  });

  it('build of a local path source (not a workspace member)', () => {
    expect(buildArgv({ source: 'tools/release_tool', outDir: 'tools/release_tool/dist' })).toEqual([
      'build',
      'tools/release_tool',
      '--out-dir',
      'tools/release_tool/dist',
      '--no-progress',
    ]);
  });

  it('run', () => {
    expect(runArgv({ package: 'bench-utils', command: ['pytest', '-q'], noSync: true })).toEqual([
      'run',
      '--package',
      'bench-utils',
      '--no-sync',
      '--',
      'pytest',
      '-q',
    ]);
    expect(runArgv({ package: 'x', command: ['ruff', 'check', '.'], frozen: true })).toEqual([
      'run',
      '--package',
      'x',
      '--frozen',
      '--',
      'ruff',
      'check',
      '.',
    ]);
    // the whole dev environment with its backend, exactly from the lock
    expect(
      runArgv({ allPackages: true, locked: true, extras: ['cu124'], command: ['python', '-m', 'pytest'] }),
    ).toEqual(['run', '--all-packages', '--locked', '--extra', 'cu124', '--', 'python', '-m', 'pytest']);
  });
});
