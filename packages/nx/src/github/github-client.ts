import { formatRepository, GithubRepository } from './github-repository';

/**
 * The GitHub releases REST API, through Node's built-in fetch (no client library: the maintained
 * ones, @octokit/request ≥ 9 and @octokit/rest ≥ 21, are ESM-only, which our CommonJS build and
 * jest on Node 20 cannot load). Two endpoints:
 *
 *   GET  {api}/repos/{owner}/{repo}/releases/tags/{tag}   → the release, or undefined on 404
 *   POST {api}/repos/{owner}/{repo}/releases              → the created release
 *
 * Errors are one line each (401, 403, 404, 422, others, network) and never contain the token.
 */
export interface GithubRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  prerelease: boolean;
  draft: boolean;
  html_url: string;
}

export interface CreateReleaseRequest {
  tag_name: string;
  name: string;
  body: string;
  prerelease: boolean;
  draft?: boolean;
}

export interface GithubReleasesClient {
  readonly apiUrl: string;
  getReleaseByTag(repository: GithubRepository, tag: string): Promise<GithubRelease | undefined>;
  createRelease(repository: GithubRepository, request: CreateReleaseRequest): Promise<GithubRelease>;
}

export class GithubApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GithubSettings {
  apiUrl: string;
  token?: string;
  /** Which variable the token came from (for messages). */
  tokenVariable?: 'GITHUB_TOKEN' | 'GH_TOKEN';
}

/** Token from GITHUB_TOKEN, else GH_TOKEN; API URL from GITHUB_API_URL (GitHub Enterprise, tests). */
export function githubSettings(env: NodeJS.ProcessEnv): GithubSettings {
  const apiUrl = (env.GITHUB_API_URL?.trim() || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const github = env.GITHUB_TOKEN?.trim();
  if (github) return { apiUrl, token: github, tokenVariable: 'GITHUB_TOKEN' };
  const gh = env.GH_TOKEN?.trim();
  if (gh) return { apiUrl, token: gh, tokenVariable: 'GH_TOKEN' };
  return { apiUrl };
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  status: number;
  statusText?: string;
  text(): Promise<string>;
}>;

export interface GithubClientOptions {
  apiUrl: string;
  token: string;
  tokenVariable?: string;
  fetch?: FetchLike;
  userAgent?: string;
}

export function createGithubClient(o: GithubClientOptions): GithubReleasesClient {
  const apiUrl = o.apiUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  const tokenFrom = o.tokenVariable ?? 'GITHUB_TOKEN';
  const scrub = (text: string) => (o.token ? text.split(o.token).join('***') : text);

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: unknown }> {
    const url = `${apiUrl}${path}`;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${o.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': o.userAgent ?? '@mlws/nx',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      const cause = e instanceof Error ? ((e as { cause?: { message?: string; code?: string } }).cause?.code ?? (e as { cause?: Error }).cause?.message ?? e.message) : String(e);
      throw new GithubApiError(scrub(`cannot reach the GitHub API at ${apiUrl} (${cause}): check GITHUB_API_URL and the network`));
    }
    const text = await res.text();
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status: res.status, data };
  }

  function fail(status: number, data: unknown, what: string, repository: GithubRepository): never {
    const repo = formatRepository(repository);
    const message = messageOf(data);
    const said = message ? `${status} ${message}` : String(status);
    switch (status) {
      case 401:
        throw new GithubApiError(scrub(`GitHub rejected the token from ${tokenFrom} (${said}) for ${what}: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on ${repo}`), status);
      case 403:
        throw new GithubApiError(scrub(`GitHub refused ${what} (${said}): the token from ${tokenFrom} needs contents: write on ${repo} (or the API rate limit was hit)`), status);
      case 404:
        throw new GithubApiError(scrub(`GitHub has no repository ${repo} at ${apiUrl} (${said}) for ${what}: check the remote URL (or --github-repository), GITHUB_API_URL, and that the token from ${tokenFrom} can see ${repo}`), status);
      case 422:
        throw new GithubApiError(scrub(`GitHub refused ${what} (${said}${validationDetails(data)}): a release for that tag may exist already, or the tag is not on ${repo}`), status);
      default:
        throw new GithubApiError(scrub(`GitHub answered ${said} for ${what} at ${apiUrl}`), status);
    }
  }

  const releasesPath = (r: GithubRepository) => `/repos/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}/releases`;

  return {
    apiUrl,
    async getReleaseByTag(repository, tag) {
      const { status, data } = await call('GET', `${releasesPath(repository)}/tags/${encodeURIComponent(tag)}`);
      if (status === 200) return data as GithubRelease;
      // 404 is both "no such release" and "no such repository"; the POST that follows tells them apart
      if (status === 404) return undefined;
      return fail(status, data, `reading the release of ${tag}`, repository);
    },
    async createRelease(repository, request) {
      const { status, data } = await call('POST', releasesPath(repository), { draft: false, ...request });
      if (status === 201 || status === 200) return data as GithubRelease;
      return fail(status, data, `creating the release ${request.tag_name}`, repository);
    },
  };
}

function messageOf(data: unknown): string {
  return data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : '';
}

/** `: Release.tag_name already_exists` from GitHub's `errors` array. */
function validationDetails(data: unknown): string {
  const errors = data && typeof data === 'object' ? (data as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const parts = errors.map((e) => {
    if (!e || typeof e !== 'object') return String(e);
    const x = e as { resource?: string; field?: string; code?: string; message?: string };
    return x.message ?? [x.resource && x.field ? `${x.resource}.${x.field}` : (x.resource ?? x.field), x.code].filter(Boolean).join(' ');
  });
  return `: ${parts.join('; ')}`;
}
