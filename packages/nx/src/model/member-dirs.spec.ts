import { findMemberDirs, isMemberDir } from './member-dirs';

describe('member directories', () => {
  it('finds member directories by walking only where a glob can match', () => {
    const dirs: Record<string, string[]> = {
      '.': ['packages', 'node_modules', 'docs', 'pyproject.toml'],
      packages: ['a', 'b', 'docs-site', 'README.md'],
      'packages/a': ['pyproject.toml', 'src'],
      'packages/b': ['src'],
      'packages/docs-site': ['pyproject.toml'],
    };
    const visited: string[] = [];
    const found = findMemberDirs(
      ['packages/*'],
      ['packages/docs-site'],
      (d) => (visited.push(d), dirs[d] ?? []),
      (p) => p in dirs,
      (d) => (dirs[d] ?? []).includes('pyproject.toml'),
    );
    expect(found).toEqual(['packages/a']);
    expect(visited).not.toContain('node_modules');
    expect(visited).not.toContain('docs');
    expect(isMemberDir('packages/docs-site', ['packages/*'], ['packages/docs-site'])).toBe(false);
  });
});
