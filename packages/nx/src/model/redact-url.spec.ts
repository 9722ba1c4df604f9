import { hasSecretUserinfo, redactUrl, redactUrlsIn, secretUserinfo } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['https://x:tok@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['https://ghp_s3cret@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['http://user:p%40ss@127.0.0.1:8080/api/v3', 'http://127.0.0.1:8080/api/v3'],
    ['https://u:p@w@host/x', 'https://host/x'],
    ['git+https://x:tok@github.com/o/r.git@v1', 'git+https://github.com/o/r.git@v1'],
    ['ssh://git:secret@host/o/r.git', 'ssh://host/o/r.git'],
    ['https://@host/x', 'https://host/x'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
    expect(secretUserinfo(url)).toBeDefined();
  });

  it.each([
    'https://github.com/o/r.git',
    'ssh://git@github.com/o/r.git',
    'git+ssh://git@host/o/r',
    'git@github.com:o/r.git',
    'file:///srv/x.git',
    '/srv/x.git',
    'https://host/a@b',
  ])('%s is kept as it is (no secret)', (url) => {
    expect(redactUrl(url)).toBe(url);
    expect(secretUserinfo(url)).toBeUndefined();
  });
});

describe('redactUrlsIn', () => {
  it('removes credentials from every URL of a text, and leaves the rest byte for byte', () => {
    const text = `fatal: unable to access 'https://x:tok@github.com/o/r.git/': 403\n"remoteUrl": "https://u:pw@ghe.corp/o/r.git", ssh://git@host/x and git@host:o/r`;
    expect(redactUrlsIn(text)).toBe(
      `fatal: unable to access 'https://github.com/o/r.git/': 403\n"remoteUrl": "https://ghe.corp/o/r.git", ssh://git@host/x and git@host:o/r`,
    );
    expect(hasSecretUserinfo(text)).toBe(true);
    expect(hasSecretUserinfo(redactUrlsIn(text))).toBe(false);
  });
  it('an e-mail address is no URL', () => expect(redactUrlsIn('mail a@b.c')).toBe('mail a@b.c'));
});
