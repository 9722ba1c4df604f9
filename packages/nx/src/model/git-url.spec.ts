import { directReferenceRevision, repositoryKey, sameRepository, unsafeGitUrlReason, uvGitUrl } from './git-url';

describe('repositoryKey', () => {
  it.each([
    'https://github.com/Org/Repo.git',
    'https://GitHub.com/Org/Repo',
    'https://github.com/Org/Repo/',
    'https://github.com/Org/Repo.git/',
    'git@github.com:Org/Repo.git',
    'git@GITHUB.com:Org/Repo',
    'ssh://git@github.com/Org/Repo.git',
    'ssh://git@github.com:22/Org/Repo',
    'git+https://github.com/Org/Repo.git@v0.1.2',
    'git+https://github.com/Org/Repo.git@v0.1.2#subdirectory=.',
    'git+ssh://git@github.com/Org/Repo.git@0.1.2',
    'https://user:secret@github.com/Org/Repo.git',
  ])('%s → github.com/Org/Repo', (url) => {
    expect(repositoryKey(url)).toBe('github.com/Org/Repo');
  });

  it.each([
    'file:///srv/remotes/bench-utils.git',
    'file:///srv/remotes/bench-utils',
    'file:///srv/remotes/bench-utils/',
    'git+file:///srv/remotes/bench-utils.git@v0.1.2',
    '/srv/remotes/bench-utils.git',
  ])('%s → file:///srv/remotes/bench-utils', (url) => {
    expect(repositoryKey(url)).toBe('file:///srv/remotes/bench-utils');
  });

  it('keeps path case (servers differ) and returns undefined for relative URLs', () => {
    expect(sameRepository('https://github.com/org/repo', 'https://github.com/Org/Repo')).toBe(false);
    expect(repositoryKey('../bench-utils.git')).toBeUndefined();
    expect(repositoryKey('')).toBeUndefined();
  });
});

describe('directReferenceRevision', () => {
  it.each([
    ['git+https://github.com/Org/Repo.git@0.1.2', '0.1.2'],
    ['git+ssh://git@github.com/Org/Repo.git@v1#subdirectory=x', 'v1'],
    ['git+https://github.com/Org/Repo.git', undefined],
  ])('%s → %s', (url, rev) => {
    expect(directReferenceRevision(url)).toBe(rev);
  });
});

describe('unsafeGitUrlReason', () => {
  it.each(['https://github.com/Org/Repo.git', 'git@github.com:Org/Repo.git', 'file:///srv/x.git', '/srv/x.git'])(
    'accepts %s',
    (url) => expect(unsafeGitUrlReason(url)).toBeUndefined(),
  );
  it.each(['ext::sh -c touch% /tmp/pwned', 'fd::17', 'https://x/a b', '--upload-pack=evil', ''])(
    'refuses %j',
    (url) => {
      expect(unsafeGitUrlReason(url)).toBeDefined();
    },
  );
  it('names the transport before the whitespace', () => {
    expect(unsafeGitUrlReason('ext::sh -c touch% /tmp/pwned')).toBe(
      'remote-helper transports (ext::, fd::) are not allowed',
    );
  });
});

describe('uvGitUrl', () => {
  it('turns a plain absolute path (which uv rejects) into a file:// URL of the same repository', () => {
    expect(uvGitUrl('/srv/git/x.git')).toBe('file:///srv/git/x.git');
    expect(uvGitUrl('/srv/my repos/x.git')).toBe('file:///srv/my%20repos/x.git');
    expect(sameRepository(uvGitUrl('/srv/git/x.git') ?? '', '/srv/git/x.git')).toBe(true);
  });
  it('turns the scp-like form into ssh://', () => {
    expect(uvGitUrl('git@github.com:org/x.git')).toBe('ssh://git@github.com/org/x.git');
    expect(uvGitUrl('host:/abs/x.git')).toBe('ssh://host/abs/x.git');
    expect(repositoryKey(uvGitUrl('git@github.com:Org/X.git') ?? '')).toBe(repositoryKey('git@github.com:Org/X.git'));
  });
  it('keeps URLs with a scheme as written, without git+', () => {
    expect(uvGitUrl('https://github.com/org/x.git')).toBe('https://github.com/org/x.git');
    expect(uvGitUrl('git+https://github.com/org/x.git')).toBe('https://github.com/org/x.git');
    expect(uvGitUrl('file:///srv/x.git')).toBe('file:///srv/x.git');
    expect(uvGitUrl('ssh://git@host:2222/x.git')).toBe('ssh://git@host:2222/x.git');
  });
  it('has no answer for relative URLs (they need the root remote) or empty ones', () => {
    expect(uvGitUrl('../x.git')).toBeUndefined();
    expect(uvGitUrl('./x')).toBeUndefined();
    expect(uvGitUrl('')).toBeUndefined();
  });
});
