import { refusedSubmoduleUrls } from './submodule-urls';

describe('refused .gitmodules URLs', () => {
  it('one line per refused URL, with the reason and the command; credentials are not repeated', () => {
    expect(
      refusedSubmoduleUrls([
        { name: 'ok', path: 'packages/ok', url: 'https://github.com/o/ok.git' },
        { name: 'rel', path: 'packages/rel', url: '../rel.git' },
        { name: 'x', path: 'packages/x', url: 'fd::17' },
        { name: 'y', path: 'packages/y', url: 'https://user:secret@host/y.git\n' },
      ]),
    ).toEqual([
      '.gitmodules: packages/x has the URL "fd::17", which @mlws/nx refuses (remote-helper transports (ext::, fd::) are not allowed): set an https or ssh URL with git config -f .gitmodules submodule.x.url <url>, then run git submodule sync',
      '.gitmodules: packages/y has the URL "https://host/y.git\\n", which @mlws/nx refuses (the URL contains whitespace or control characters): set an https or ssh URL with git config -f .gitmodules submodule.y.url <url>, then run git submodule sync',
    ]);
  });
});
