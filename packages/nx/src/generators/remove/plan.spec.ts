import { removePlan } from './plan';

describe('remove plan', () => {
  it('never suggests a bare git add --all (git rm staged the removal)', () => {
    const plan = removePlan({
      name: 'scratch',
      dir: 'packages/scratch',
      plain: true,
      changedFiles: [],
      relock: [],
      restoreFiles: [],
    });
    expect(plan.done).toBe('removed scratch (packages/scratch); commit it: git commit -m "Remove scratch"');
    expect(plan.steps.map((s) => s.command)).toEqual([
      { program: 'git', cwd: '.', args: ['rm', '-r', '--quiet', '--', 'packages/scratch'] },
      { program: 'rm', path: 'packages/scratch' },
    ]);
  });
});
