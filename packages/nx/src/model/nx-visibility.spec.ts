import {
  escapeIgnorePattern,
  hiddenMembersMessage,
  NXIGNORE_BEGIN,
  NXIGNORE_END,
  nxignoreBlock,
  nxignoreScopes,
  nxReadsSource,
  withNxignoreBlock,
} from './nx-visibility';

describe('members hidden from Nx', () => {
  it('re-includes a members glob of plain characters (later members too), else each directory escaped', () => {
    expect(nxignoreScopes(['packages/a', 'packages/b'], ['packages/*'])).toEqual(['packages/*']);
    expect(nxignoreScopes(['libs/x', 'packages/a'], ['packages/*', 'libs/x'])).toEqual(['packages/*', 'libs/x']);
    // globs gitignore reads differently, or that reach outside, are not copied
    expect(nxignoreScopes(['pkgs/[x]#1', 'packages/a'], ['pkgs/[x]*', './packages/*/', '../other/*'])).toEqual([
      'packages/*',
      'pkgs/\\[x\\]\\#1',
    ]);
    expect(escapeIgnorePattern('a/!b* ')).toBe('a/\\!b\\*\\ ');
  });

  it('re-includes the scope for Nx and hides the Python tool state in it again (a reports/ a package may track is not tool state)', () => {
    const block = nxignoreBlock(['packages/*']);
    expect(block[0]).toBe(NXIGNORE_BEGIN);
    // the directories from the top first (packages/** hides packages/a itself), then the contents
    expect(block.slice(1, 4)).toEqual(['!/packages/', '!/packages/*/', '!/packages/*/**']);
    expect(block).toEqual(
      expect.arrayContaining([
        '/packages/*/**/.venv/',
        '/packages/*/**/dist/',
        '/packages/*/**/__pycache__/',
        '/packages/*/**/*.egg-info/',
      ]),
    );
    expect(block.some((l) => l.includes('reports'))).toBe(false);
    expect(block[block.length - 1]).toBe(NXIGNORE_END);
  });

  it('puts the block first (the user lines after it still win), replaces its own block in place, keeps every other byte', () => {
    const mine = '# mine\ndata/\r\n!keep\n';
    const once = withNxignoreBlock(mine, nxignoreBlock(['packages/*']));
    expect(once.endsWith(mine)).toBe(true);
    expect(withNxignoreBlock(once, nxignoreBlock(['packages/*']))).toBe(once);
    const changed = withNxignoreBlock(once, nxignoreBlock(['packages/*', 'libs/x']));
    expect(changed.endsWith(mine)).toBe(true);
    expect(changed).toContain('!/libs/x/**\n');
    expect(changed.match(/>>> @mlws\/nx/g)).toHaveLength(1);
    expect(withNxignoreBlock('', nxignoreBlock(['a']))).toBe(`${nxignoreBlock(['a']).join('\n')}\n`);
  });

  it("counts the repository's ignore files, not git's per-user excludes file (Nx does not read it)", () => {
    expect(nxReadsSource('.gitignore')).toBe(true);
    expect(nxReadsSource('packages/.gitignore')).toBe(true);
    expect(nxReadsSource('.git/info/exclude')).toBe(true);
    expect(nxReadsSource('/home/me/.config/git/ignore')).toBe(false);
  });

  it('names the ignore file, the line and the fix in one line', () => {
    const rule = { source: '.gitignore', line: 12, pattern: 'packages/*/*' };
    expect(hiddenMembersMessage(['packages/a', 'packages/b'], rule, ['packages/*'])).toBe(
      'packages/a, packages/b are uv workspace members that Nx does not see: .gitignore:12 (packages/*/*) hides their files from Nx, so Nx finds no pyproject.toml and no sources there: ' +
        'run nx g @mlws/nx:init (it re-includes them for Nx in .nxignore; git is unchanged), or put these lines in .nxignore: !/packages/ !/packages/*/ !/packages/*/**',
    );
    expect(hiddenMembersMessage(['packages/a'], undefined, ['packages/*'])).toMatch(
      /^packages\/a is a uv workspace member that Nx does not see: an ignore rule \(\.nxignore/,
    );
    expect(hiddenMembersMessage(['packages/a'], rule, ['packages/*'])).not.toContain('\n');
  });
});
