import {
  checkOutputDir,
  containmentProblems,
  isDistributionFile,
  memberGlobProblem,
  submoduleNameProblem,
  submodulePathProblem,
  unsafeSubmoduleMessage,
} from './contained-path';

describe('submodule names (git check_submodule_name and what would leave .git/modules)', () => {
  it.each(['packages/model-a', 'model-a', 'a..b', '..a/b', 'x/...'])('accepts %s', (name) =>
    expect(submoduleNameProblem(name)).toBeUndefined(),
  );
  it.each([
    ['', 'is empty'],
    ['../../../victim', 'has a ".." part'],
    ['../../packages/other', 'has a ".." part'],
    ['a/../b', 'has a ".." part'],
    ['a\\..\\b', 'has a ".." part'],
    ['..', 'has a ".." part'],
    ['/etc/x', 'is an absolute path'],
    ['C:x', 'is an absolute path'],
    ['a/.git/b', 'has a ".git" part'],
    ['a\nb', 'has a control character'],
    ['x'.repeat(300), 'has a part longer than 255 bytes'],
  ])('refuses %j', (name, reason) => expect(submoduleNameProblem(name)).toBe(reason));
});

describe('submodule paths', () => {
  it.each(['packages/a', 'a.b/c'])('accepts %s', (p) => expect(submodulePathProblem(p)).toBeUndefined());
  it.each([
    ['../x', 'has a ".." part'],
    ['packages/../../x', 'has a ".." part'],
    ['/tmp/x', 'is an absolute path'],
    ['.git/hooks', 'has a ".git" part'],
    ['a/.GIT', 'has a ".git" part'],
    ['-x', 'starts with "-" (git would read it as an option)'],
    ['.', 'is the workspace root'],
  ])('refuses %j', (p, reason) => expect(submodulePathProblem(p)).toBe(reason));

  it('says the cause and the fix in one line, a long name cut short', () => {
    const m = unsafeSubmoduleMessage({ name: '../../../victim', path: 'packages/a' });
    expect(m).toBe(
      '.gitmodules: the submodule name "../../../victim" has a ".." part, so git ignores it ("ignoring suspicious submodule name") and @mlws/nx never acts on it: rename the section to [submodule "packages/a"] in .gitmodules, then run git submodule update --init -- packages/a',
    );
    expect(unsafeSubmoduleMessage({ name: 'n'.repeat(300), path: 'packages/a' })).toContain(
      `"${'n'.repeat(77)}..." has a part longer than 255 bytes`,
    );
    expect(unsafeSubmoduleMessage({ name: 'packages/a', path: 'packages/a' })).toBeUndefined();
  });
});

describe('members globs', () => {
  it.each(['packages/*', './libs/*/*', 'a/../b/*'])('accepts %s', (g) => expect(memberGlobProblem(g)).toBeUndefined());
  it.each(['../*', '/etc/*', 'packages/../../x/*', 'C:/x/*'])('reports %s', (g) =>
    expect(memberGlobProblem(g)).toMatch(
      /^pyproject\.toml: \[tool\.uv\.workspace\] members entry ".*" leaves the workspace/,
    ),
  );
  it('lists globs and unsafe .gitmodules sections together', () => {
    expect(
      containmentProblems(
        ['packages/*', '../*'],
        [
          { name: '../v', path: 'packages/a', url: 'u' },
          { name: 'ok', path: 'ok', url: 'u' },
        ],
      ),
    ).toHaveLength(2);
  });
});

describe('build output directories', () => {
  const roots = ['.', 'packages/model-a', 'tools/release_tool'];
  it.each([
    ['dist', 'dist'],
    ['packages/model-a/dist', 'packages/model-a/dist'],
    ['./out/wheels/', 'out/wheels'],
  ])('accepts %s', (p, dir) => expect(checkOutputDir(p, roots)).toEqual({ ok: true, dir }));
  it.each([
    ['.', '"." is the workspace root'],
    ['', '"" is the workspace root'],
    ['..', '".." is outside the workspace'],
    ['../x', '"../x" is outside the workspace'],
    ['/tmp/x', '"/tmp/x" is outside the workspace'],
    ['packages/model-a', '"packages/model-a" is the project root packages/model-a'],
    ['packages', '"packages" holds the project root packages/model-a'],
    ['packages/model-a/../..', '"packages/model-a/../.." is the workspace root'],
    ['.git/x', '".git/x" is inside .git'],
  ])('refuses %j', (p, reason) => expect(checkOutputDir(p, roots)).toEqual({ ok: false, reason }));
});

describe('distribution files (wheel and sdist file name rules)', () => {
  it.each([
    'model_a-0.1.0-py3-none-any.whl',
    'model_a-0.1.0.tar.gz',
    'Model.A-1.0.post1-1-cp311-cp311-linux_x86_64.whl',
    'model-a-0.1.0.tar.gz',
  ])('%s is model-a', (f) => expect(isDistributionFile(f, 'model-a')).toBe(true));
  it.each([
    'model_a_extra-0.1.0-py3-none-any.whl',
    'model-0.1.0.tar.gz',
    'state.json',
    'model_a.whl',
    'model_a-0.1.0.txt',
    '.gitignore',
  ])('%s is not model-a', (f) => expect(isDistributionFile(f, 'model-a')).toBe(false));
});
