import { isRelativeGitUrl, resolveRelativeGitUrl } from './relative-url';

describe('resolveRelativeGitUrl', () => {
  it.each([
    ['https://github.com/org/root.git', '../bench-utils.git', 'https://github.com/org/bench-utils.git'],
    ['https://github.com/org/root.git/', '../bench-utils.git', 'https://github.com/org/bench-utils.git'],
    ['git@github.com:org/root.git', '../bench-utils.git', 'git@github.com:org/bench-utils.git'],
    ['file:///srv/remotes/root.git', '../x.git', 'file:///srv/remotes/x.git'],
    ['/srv/remotes/root.git', './x.git', '/srv/remotes/root.git/x.git'],
    ['https://host/a/b/root.git', '../../x.git', 'https://host/a/x.git'],
  ])('%s + %s → %s', (base, rel, out) => {
    expect(resolveRelativeGitUrl(base, rel)).toBe(out);
  });

  it('leaves absolute URLs alone', () => {
    expect(isRelativeGitUrl('https://x/y.git')).toBe(false);
    expect(resolveRelativeGitUrl('https://x/root.git', 'https://x/y.git')).toBeUndefined();
  });
});
