import { withIgnoreNone } from './gitmodules-ignore';

describe('withIgnoreNone', () => {
  const text = [
    '# packages',
    '[submodule "packages/a"]',
    '\tpath = packages/a',
    '\turl = https://x/a.git',
    '[submodule "docs"]',
    '\tpath = docs',
    '\turl = https://x/docs.git',
    '[submodule "packages/b"]',
    '  path = packages/b',
    '  url = https://x/b.git',
    '  ignore = dirty',
    '',
  ].join('\n');

  it('adds or corrects ignore = none for the given paths only', () => {
    const r = withIgnoreNone(text, new Set(['packages/a', 'packages/b']));
    expect(r.changed).toEqual(['packages/a', 'packages/b']);
    expect(r.text).toBe(
      [
        '# packages',
        '[submodule "packages/a"]',
        '\tpath = packages/a',
        '\turl = https://x/a.git',
        '\tignore = none',
        '[submodule "docs"]',
        '\tpath = docs',
        '\turl = https://x/docs.git',
        '[submodule "packages/b"]',
        '  path = packages/b',
        '  url = https://x/b.git',
        '  ignore = none',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent and keeps CRLF and a missing final newline', () => {
    const once = withIgnoreNone(text, new Set(['packages/a'])).text;
    expect(withIgnoreNone(once, new Set(['packages/a']))).toEqual({ text: once, changed: [] });
    const crlf = '[submodule "p"]\r\n\tpath = p\r\n\turl = u';
    expect(withIgnoreNone(crlf, new Set(['p'])).text).toBe(
      '[submodule "p"]\r\n\tpath = p\r\n\turl = u\r\n\tignore = none\r\n',
    );
  });
});
