import { lockedPackageNames } from './lock-packages';

describe('lockedPackageNames', () => {
  it('lists the [[package]] names of a uv.lock, not their dependencies', () => {
    const lock = [
      'version = 1',
      'requires-python = ">=3.10"',
      '',
      '[[package]]',
      'name = "bench-utils"',
      'version = "0.1.2"',
      'source = { git = "file:///srv/git/bench-utils.git?tag=0.1.2#abc" }',
      'dependencies = [',
      '    { name = "numpy" },',
      ']',
      '',
      '[[package]]',
      'name = "ml-staging"',
      'version = "0.1.0"',
      'source = { virtual = "." }',
      '',
    ].join('\n');
    expect([...lockedPackageNames(lock)]).toEqual(['bench-utils', 'ml-staging']);
    expect(lockedPackageNames('')).toEqual(new Set());
  });
});
