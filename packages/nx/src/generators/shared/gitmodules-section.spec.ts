import { appendSubmoduleSection } from './gitmodules-section';

describe('gitmodules section', () => {
  it('appends a .gitmodules section with ignore = none, quoting what git would quote', () => {
    expect(
      appendSubmoduleSection('[submodule "a"]\n\tpath = a\n\turl = x', {
        name: 'packages/b',
        path: 'packages/b',
        url: 'https://h/o/b.git#frag',
      }),
    ).toBe(
      '[submodule "a"]\n\tpath = a\n\turl = x\n[submodule "packages/b"]\n\tpath = packages/b\n\turl = "https://h/o/b.git#frag"\n\tignore = none\n',
    );
    expect(appendSubmoduleSection('', { name: 'p', path: 'p', url: 'u' })).toBe(
      '[submodule "p"]\n\tpath = p\n\turl = u\n\tignore = none\n',
    );
    expect(appendSubmoduleSection('[x]\r\n', { name: 'p', path: 'p', url: 'u' })).toBe(
      '[x]\r\n[submodule "p"]\r\n\tpath = p\r\n\turl = u\r\n\tignore = none\r\n',
    );
  });
});
