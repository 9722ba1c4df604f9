import { lockFilesOf, relockSteps } from './relock';
import { commandLine } from './steps';

describe('relock steps', () => {
  it('relocks the changed environments that have a lock; dev as asked', () => {
    const environments = [
      { name: 'dev', path: '.' },
      { name: 'staging', path: 'staging' },
      { name: 'prod', path: 'prod' },
      { name: 'qa', path: 'envs/qa' },
    ];
    const changed = new Set(['staging/pyproject.toml', 'envs/qa/pyproject.toml', 'prod/pyproject.toml']);
    const hasLock = (p: string) => p !== 'prod';
    const args = (dev: 'if-changed' | 'if-locked' | 'always') =>
      relockSteps({ environments, changed, hasLock, dev, devArgs: ['--upgrade-package', 'a'] }).map((s) =>
        commandLine(s.command),
      );
    expect(args('if-changed')).toEqual(['uv lock --project staging', 'uv lock --project envs/qa']);
    expect(args('if-locked')).toEqual([
      'uv lock --upgrade-package a',
      'uv lock --project staging',
      'uv lock --project envs/qa',
    ]);
    const steps = relockSteps({ environments, changed: new Set(), hasLock: () => false, dev: 'always' });
    expect(steps).toEqual([{ command: { kind: 'uv', cwd: '.', args: ['lock'] }, resumeOnFailure: true }]);
    expect(lockFilesOf(relockSteps({ environments, changed, hasLock, dev: 'if-locked' }))).toEqual([
      'uv.lock',
      'staging/uv.lock',
      'envs/qa/uv.lock',
    ]);
  });
});
