import { redactUrl } from '../model/redact-url';
import { GithubApiError, messageOf, validationDetails } from './github-errors';
import { DEFAULT_GITHUB_TIMEOUT_MS, githubApiUrlProblem } from './github-settings';
import { formatRepository, GithubRepository } from './github-repository';

/**
 * The GitHub releases REST API, through Node's built-in fetch (no client library: the maintained
 * ones, @octokit/request ≥ 9 and @octokit/rest ≥ 21, are ESM-only, which our CommonJS build and
 * jest on Node 20 cannot load). Two endpoints:
 *
 *   GET  {api}/repos/{owner}/{repo}/releases/tags/{tag}   → the release, or undefined on 404
 *   POST {api}/repos/{owner}/{repo}/releases              → the created release
 *
 * Errors are one line each (401, 403, 404, 422, others, network, no answer within the timeout, an
 * answer that is not a release) and never contain the token or credentials of the API URL.
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

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
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
  /** Per request (default {@link DEFAULT_GITHUB_TIMEOUT_MS}). */
  timeoutMs?: number;
}

export function createGithubClient(o: GithubClientOptions): GithubReleasesClient {
  const apiUrl = o.apiUrl.replace(/\/+$/, '');
  /** The API URL as messages show it: never with credentials. */
  const shownUrl = redactUrl(apiUrl);
  const doFetch: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  const tokenFrom = o.tokenVariable ?? 'GITHUB_TOKEN';
  const timeoutMs = o.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
  const scrub = (text: string) => redactUrl(o.token ? text.split(o.token).join('***') : text);
  const refused = githubApiUrlProblem(apiUrl);

  async function call(
    method: 'GET' | 'POST',
    path: string,
    what: string,
    body?: unknown,
  ): Promise<{ status: number; data: unknown; text: string }> {
    if (refused) throw new GithubApiError(refused);
    const url = `${apiUrl}${path}`;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new GithubApiError(
            `the GitHub API at ${shownUrl} did not answer within ${seconds(timeoutMs)} (${what}): check GITHUB_API_URL and the network`,
            undefined,
            'timeout',
          ),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([exchange(url, method, body, controller.signal), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function exchange(
    url: string,
    method: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<{ status: number; data: unknown; text: string }> {
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await doFetch(url, {
        method,
        signal,
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
      const cause =
        e instanceof Error
          ? ((e as { cause?: { message?: string; code?: string } }).cause?.code ??
            (e as { cause?: Error }).cause?.message ??
            e.message)
          : String(e);
      throw new GithubApiError(
        scrub(`cannot reach the GitHub API at ${shownUrl} (${cause}): check GITHUB_API_URL and the network`),
        undefined,
        'unreachable',
      );
    }
    const text = await res.text();
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status: res.status, data, text };
  }

  /** A 200/201 answer must be the JSON of a release: otherwise one line says what came instead. */
  function release(answer: { status: number; data: unknown; text: string }, what: string): GithubRelease {
    const d = answer.data as Partial<GithubRelease> | undefined;
    if (
      d &&
      typeof d === 'object' &&
      !Array.isArray(d) &&
      typeof d.html_url === 'string' &&
      typeof d.tag_name === 'string'
    )
      return d as GithubRelease;
    const got =
      answer.data === undefined
        ? answer.text.trim()
          ? `text that is not JSON (${JSON.stringify(answer.text.trim().slice(0, 40))}${answer.text.trim().length > 40 ? '…' : ''})`
          : 'an empty body'
        : `JSON without the release fields html_url and tag_name`;
    throw new GithubApiError(
      scrub(
        `the GitHub API at ${shownUrl} answered ${answer.status} to ${what} with ${got}: GITHUB_API_URL must be the REST API (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise), not a web page or a proxy`,
      ),
      answer.status,
      'unreadable',
    );
  }

  function fail(status: number, data: unknown, what: string, repository: GithubRepository): never {
    const repo = formatRepository(repository);
    const message = messageOf(data);
    const said = message ? `${status} ${message}` : String(status);
    switch (status) {
      case 401:
        throw new GithubApiError(
          scrub(
            `GitHub rejected the token from ${tokenFrom} (${said}) for ${what}: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on ${repo}`,
          ),
          status,
        );
      case 403:
        throw new GithubApiError(
          scrub(
            `GitHub refused ${what} (${said}): the token from ${tokenFrom} needs contents: write on ${repo} (or the API rate limit was hit)`,
          ),
          status,
        );
      case 404:
        throw new GithubApiError(
          scrub(
            `GitHub has no repository ${repo} at ${shownUrl} (${said}) for ${what}: check the remote URL (or --github-repository), GITHUB_API_URL, and that the token from ${tokenFrom} can see ${repo}`,
          ),
          status,
        );
      case 422:
        throw new GithubApiError(
          scrub(
            `GitHub refused ${what} (${said}${validationDetails(data)}): a release for that tag may exist already, or the tag is not on ${repo}`,
          ),
          status,
        );
      default:
        throw new GithubApiError(scrub(`GitHub answered ${said} for ${what} at ${shownUrl}`), status);
    }
  }

  const releasesPath = (r: GithubRepository) =>
    `/repos/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}/releases`;

  return {
    apiUrl,
    async getReleaseByTag(repository, tag) {
      const what = `reading the release of ${tag}`;
      const answer = await call('GET', `${releasesPath(repository)}/tags/${encodeURIComponent(tag)}`, what);
      if (answer.status === 200) return release(answer, what);
      // 404 is both "no such release" and "no such repository"; the POST that follows tells them apart
      if (answer.status === 404) return undefined;
      return fail(answer.status, answer.data, what, repository);
    },
    async createRelease(repository, request) {
      const what = `creating the release ${request.tag_name}`;
      const answer = await call('POST', releasesPath(repository), what, { draft: false, ...request });
      if (answer.status === 201 || answer.status === 200) return release(answer, what);
      return fail(answer.status, answer.data, what, repository);
    },
  };
}

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export { GithubApiError };
