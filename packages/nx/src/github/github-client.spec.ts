import { createServer, IncomingMessage, Server } from 'node:http';
import { createGithubClient, FetchLike, GithubApiError } from './github-client';

const repo = { owner: 'mlws', repo: 'bench-utils' };
const TOKEN = 'ghp_s3cr3tT0ken';

describe('createGithubClient against a loopback server (real fetch)', () => {
  let server: Server;
  let url: string;
  const seen: Array<{
    method: string;
    path: string;
    auth?: string;
    body?: unknown;
    headers: IncomingMessage['headers'];
  }> = [];
  let answer: (method: string, path: string) => { status: number; body?: unknown } = () => ({ status: 500 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          auth: req.headers.authorization,
          body: raw ? JSON.parse(raw) : undefined,
          headers: req.headers,
        });
        const a = answer(req.method ?? '', req.url ?? '');
        res
          .writeHead(a.status, { 'content-type': 'application/json' })
          .end(a.body === undefined ? '' : JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v3/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => (seen.length = 0));

  it('creates a release with the documented request', async () => {
    answer = () => ({
      status: 201,
      body: {
        id: 7,
        tag_name: 'v0.1.3.dev1',
        html_url: 'http://x/releases/7',
        prerelease: true,
        draft: false,
        name: 'n',
        body: 'b',
      },
    });
    const client = createGithubClient({ apiUrl: url, token: TOKEN });
    const r = await client.createRelease(repo, {
      tag_name: 'v0.1.3.dev1',
      name: 'bench-utils 0.1.3.dev1',
      body: '- timer()',
      prerelease: true,
    });
    expect(r.id).toBe(7);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/api/v3/repos/mlws/bench-utils/releases',
      auth: `Bearer ${TOKEN}`,
      body: {
        tag_name: 'v0.1.3.dev1',
        name: 'bench-utils 0.1.3.dev1',
        body: '- timer()',
        prerelease: true,
        draft: false,
      },
    });
    expect(seen[0].headers.accept).toBe('application/vnd.github+json');
    expect(seen[0].headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('reads a release by tag; 404 is "none"', async () => {
    answer = (_m, p) =>
      p.endsWith('/v0.1.3')
        ? { status: 200, body: { id: 1, tag_name: 'v0.1.3', html_url: 'http://x/releases/1' } }
        : { status: 404, body: { message: 'Not Found' } };
    const client = createGithubClient({ apiUrl: url, token: TOKEN });
    expect((await client.getReleaseByTag(repo, 'v0.1.3'))?.id).toBe(1);
    expect(await client.getReleaseByTag(repo, 'v9')).toBeUndefined();
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/v3/repos/mlws/bench-utils/releases/tags/v0.1.3',
      'GET /api/v3/repos/mlws/bench-utils/releases/tags/v9',
    ]);
  });

  const failures: Array<[number, unknown, string]> = [
    [
      401,
      { message: 'Bad credentials' },
      'GitHub rejected the token from GITHUB_TOKEN (401 Bad credentials) for creating the release v1: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on mlws/bench-utils',
    ],
    [
      404,
      { message: 'Not Found' },
      'GitHub has no repository mlws/bench-utils at URL (404 Not Found) for creating the release v1: check the remote URL (or --github-repository), GITHUB_API_URL, and that the token from GITHUB_TOKEN can see mlws/bench-utils',
    ],
    [
      422,
      { message: 'Validation Failed', errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] },
      'GitHub refused creating the release v1 (422 Validation Failed: Release.tag_name already_exists): a release for that tag may exist already, or the tag is not on mlws/bench-utils',
    ],
    [500, undefined, 'GitHub answered 500 for creating the release v1 at URL'],
  ];
  it.each(failures)('%d becomes one line without the token', async (status, body, line) => {
    answer = () => ({ status, body: body === undefined ? undefined : { ...(body as object), echoed: TOKEN } });
    const client = createGithubClient({ apiUrl: url, token: TOKEN });
    const e = await client
      .createRelease(repo, { tag_name: 'v1', name: 'x', body: '', prerelease: false })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GithubApiError);
    const message = (e as Error).message;
    expect(message).toBe(line.replace('URL', url.replace(/\/$/, '')));
    expect(message).not.toContain(TOKEN);
    expect(message.split('\n')).toHaveLength(1);
    expect((e as GithubApiError).status).toBe(status);
  });
});

describe('createGithubClient without a server', () => {
  it('a network failure is one line naming the API URL, never the token', async () => {
    const down: FetchLike = async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(`connect ECONNREFUSED with ${TOKEN}`), { code: 'ECONNREFUSED' }),
      });
    };
    const client = createGithubClient({ apiUrl: 'http://127.0.0.1:9', token: TOKEN, fetch: down });
    await expect(client.getReleaseByTag(repo, 'v1')).rejects.toThrow(
      'cannot reach the GitHub API at http://127.0.0.1:9 (ECONNREFUSED): check GITHUB_API_URL and the network',
    );
  });

  it('a message that repeats the token is scrubbed', async () => {
    const echo: FetchLike = async () => ({
      status: 403,
      text: async () => JSON.stringify({ message: `token ${TOKEN} lacks scope` }),
    });
    const client = createGithubClient({
      apiUrl: 'https://api.github.com',
      token: TOKEN,
      tokenVariable: 'GH_TOKEN',
      fetch: echo,
    });
    const e = (await client
      .createRelease(repo, { tag_name: 'v1', name: 'x', body: '', prerelease: false })
      .catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(
      'GitHub refused creating the release v1 (403 token *** lacks scope): the token from GH_TOKEN needs contents: write on mlws/bench-utils (or the API rate limit was hit)',
    );
  });
});

describe('createGithubClient: answers that never come or are not releases', () => {
  const ok =
    (text: string): FetchLike =>
    async () => ({ status: 200, text: async () => text });

  it('an API that never answers is given up after the timeout, in one line naming the URL without credentials', async () => {
    const never: FetchLike = (_url, init) =>
      new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const client = createGithubClient({
      apiUrl: 'http://127.0.0.1:9/api/v3',
      token: TOKEN,
      fetch: never,
      timeoutMs: 50,
    });
    const started = Date.now();
    const e = (await client.getReleaseByTag(repo, 'v1').catch((x: unknown) => x)) as GithubApiError;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e.message).toBe(
      'the GitHub API at http://127.0.0.1:9/api/v3 did not answer within 0.1 s (reading the release of v1): check GITHUB_API_URL and the network',
    );
    expect(e.kind).toBe('timeout');
  });

  it('a fetch that ignores the abort still gives up', async () => {
    const deaf: FetchLike = () => new Promise(() => undefined);
    const client = createGithubClient({
      apiUrl: 'https://ghe.corp/api/v3',
      token: TOKEN,
      fetch: deaf,
      timeoutMs: 1000,
    });
    await expect(
      client.createRelease(repo, { tag_name: 'v1', name: 'x', body: '', prerelease: false }),
    ).rejects.toThrow('the GitHub API at https://ghe.corp/api/v3 did not answer within 1 s (creating the release v1)');
  });

  it.each([
    ['<html><body>Sign in</body></html>', 'text that is not JSON ("<html><body>Sign in</body></html>")'],
    ['', 'an empty body'],
    ['{"message":"ok"}', 'JSON without the release fields html_url and tag_name'],
    ['[1,2]', 'JSON without the release fields html_url and tag_name'],
  ])('a 200 answer %j is one line saying what came', async (body, got) => {
    const client = createGithubClient({ apiUrl: 'https://ghe.corp/api/v3', token: TOKEN, fetch: ok(body) });
    const e = (await client.getReleaseByTag(repo, 'v1').catch((x: unknown) => x)) as GithubApiError;
    expect(e.message).toBe(
      `the GitHub API at https://ghe.corp/api/v3 answered 200 to reading the release of v1 with ${got}: GITHUB_API_URL must be the REST API (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise), not a web page or a proxy`,
    );
    expect(e.kind).toBe('unreadable');
  });

  it('refuses an API URL with credentials before any request, and never shows them', async () => {
    let calls = 0;
    const count: FetchLike = async () => {
      calls++;
      return { status: 200, text: async () => '{}' };
    };
    const client = createGithubClient({ apiUrl: 'https://bob:hunter2@ghe.corp/api/v3', token: TOKEN, fetch: count });
    const e = (await client.getReleaseByTag(repo, 'v1').catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(
      'GITHUB_API_URL has a user name or password in it (before "@"), which would be printed and stored: the token comes from GITHUB_TOKEN or GH_TOKEN; set GITHUB_API_URL=https://ghe.corp/api/v3 and the token in GITHUB_TOKEN',
    );
    expect(e.message).not.toContain('hunter2');
    expect(e.message).not.toContain('bob');
    expect(calls).toBe(0);
  });
});
