import { showCommand } from '../../plan/command';
import { lockFilesOf } from '../../plan/relock';
import { relockSteps } from './relock';

describe('relock steps', () => {
  it('relocks the changed environments that have a lock; dev as asked', () => {
    const environments = [
      { name: 'dev', path: '.' },
      { name: 'staging', path: 'staging' },
      { name: 'prod', path: 'prod' },
      { name: 'qa', path: 'envs/qa' },
    ];
    const changed = new Set(['staging/pyproject.toml', 'envs/qa/pyproject.toml', 'prod/pyproject.toml']);
    const lockBefore = (p: string) => (p === 'prod' ? null : `lock of ${p}\n`);
    const args = (dev: 'if-changed' | 'if-locked' | 'always') =>
      relockSteps({ environments, changed, lockBefore, dev, devArgs: ['--upgrade-package', 'a'] }).map((s) =>
        showCommand(s.command),
      );
    expect(args('if-changed')).toEqual(['uv lock --project staging', 'uv lock --project envs/qa']);
    expect(args('if-locked')).toEqual([
      'uv lock --upgrade-package a',
      'uv lock --project staging',
      'uv lock --project envs/qa',
    ]);
    const steps = relockSteps({
      environments,
      changed: new Set(),
      lockBefore: () => null,
      dev: 'always',
    });
    // a failed relock rolls back like any step: its undo puts the lock back as it was (here: none)
    expect(steps).toEqual([
      {
        command: { program: 'uv', cwd: '.', args: ['lock'] },
        undo: [{ program: 'restore', path: 'uv.lock', content: null }],
        environment: 'dev',
      },
    ]);
    expect(
      relockSteps({ environments, changed, lockBefore, dev: 'if-locked' }).find((s) => s.environment === 'staging')
        ?.undo,
    ).toEqual([{ program: 'restore', path: 'staging/uv.lock', content: 'lock of staging\n' }]);
    expect(lockFilesOf(relockSteps({ environments, changed, lockBefore, dev: 'if-locked' }))).toEqual([
      'uv.lock',
      'staging/uv.lock',
      'envs/qa/uv.lock',
    ]);
  });
});
