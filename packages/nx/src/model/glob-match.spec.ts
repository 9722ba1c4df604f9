import { minimatch } from 'minimatch';
import { globMatch } from './glob-match';

describe('globMatch', () => {
  it.each([
    ['packages/a', 'packages/*', false],
    ['packages/a/src', 'packages/*', false],
    ['packages', 'packages/*', true],
    ['packages/a', 'packages/*/x', true],
    ['packages/.hidden', 'packages/*', false],
    ['tools/x', 'packages/**', true],
    ['packages/a/b/c', 'packages/**', false],
  ])('%s against %s (partial %s) answers as minimatch does', (path, pattern, partial) => {
    expect(globMatch(path, pattern, partial)).toBe(minimatch(path, pattern, { dot: true, partial }));
    expect(globMatch(path, pattern, partial)).toBe(minimatch(path, pattern, { dot: true, partial })); // from the cache
  });
});
