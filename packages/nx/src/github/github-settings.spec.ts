import { githubApiUrlProblem, githubSettings } from './github-settings';
import { githubRepositoryOf, parseGithubRepository } from './github-repository';

describe('githubSettings', () => {
  it('takes GITHUB_TOKEN, then GH_TOKEN; GITHUB_API_URL or api.github.com', () => {
    expect(githubSettings({})).toEqual({ apiUrl: 'https://api.github.com' });
    expect(githubSettings({ GH_TOKEN: 'b' })).toEqual({
      apiUrl: 'https://api.github.com',
      token: 'b',
      tokenVariable: 'GH_TOKEN',
    });
    expect(githubSettings({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b', GITHUB_API_URL: 'https://ghe.corp/api/v3/' })).toEqual({
      apiUrl: 'https://ghe.corp/api/v3',
      token: 'a',
      tokenVariable: 'GITHUB_TOKEN',
    });
    expect(githubSettings({ GITHUB_TOKEN: '  ', GH_TOKEN: 'b' }).tokenVariable).toBe('GH_TOKEN');
  });
});

describe('githubRepositoryOf', () => {
  it.each([
    ['https://github.com/Org/Repo.git', 'Org/Repo'],
    ['https://github.com/Org/Repo/', 'Org/Repo'],
    ['git@github.com:Org/Repo.git', 'Org/Repo'],
    ['ssh://git@github.com:22/Org/Repo.git', 'Org/Repo'],
    ['git+https://GitHub.com/VLMHyperBenchTeam/bench-utils.git@v0.1.2#subdirectory=.', 'VLMHyperBenchTeam/bench-utils'],
    ['https://ghe.corp.example/ml/model-qwen2_5-vl.git', 'ml/model-qwen2_5-vl'],
    ['file:///tmp/pg/remotes/bench-utils.git', 'remotes/bench-utils'],
    ['/srv/git/org/x.git', 'org/x'],
  ])('%s → %s', (url, expected) => {
    const r = githubRepositoryOf(url);
    expect(r && `${r.owner}/${r.repo}`).toBe(expected);
  });
  it.each(['https://github.com/only', '../relative.git', ''])('%s → undefined', (url) =>
    expect(githubRepositoryOf(url)).toBeUndefined(),
  );

  it('parses --github-repository', () => {
    expect(parseGithubRepository('org/name.git')).toEqual({ owner: 'org', repo: 'name' });
    expect(parseGithubRepository('org/name/x')).toBeUndefined();
  });
});

describe('githubApiUrlProblem and the timeout setting', () => {
  it('accepts http(s) URLs without credentials, refuses the rest', () => {
    expect(githubApiUrlProblem('https://api.github.com')).toBeUndefined();
    expect(githubApiUrlProblem('http://127.0.0.1:8080/api/v3')).toBeUndefined();
    expect(githubApiUrlProblem('https://tok@api.github.com')).toContain('has a user name or password in it');
    expect(githubApiUrlProblem('ftp://host/api')).toBe(
      'GITHUB_API_URL "ftp://host/api" is not an http(s) URL: use https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise',
    );
  });
  it('MLWS_GITHUB_TIMEOUT_MS sets the timeout when it is a positive number', () => {
    expect(githubSettings({ MLWS_GITHUB_TIMEOUT_MS: '1500' }).timeoutMs).toBe(1500);
    expect(githubSettings({ MLWS_GITHUB_TIMEOUT_MS: 'soon' }).timeoutMs).toBeUndefined();
    expect(githubSettings({ MLWS_GITHUB_TIMEOUT_MS: '0' }).timeoutMs).toBeUndefined();
  });
});
