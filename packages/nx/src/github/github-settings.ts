import { redactUrl } from '../model/redact-url';

/** Where the GitHub API is and with which token, read from the environment (and the API URL's checks). */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** How long one request may take before it is given up (override: MLWS_GITHUB_TIMEOUT_MS). */
export const DEFAULT_GITHUB_TIMEOUT_MS = 30_000;

export interface GithubSettings {
  apiUrl: string;
  token?: string;
  /** Which variable the token came from (for messages). */
  tokenVariable?: 'GITHUB_TOKEN' | 'GH_TOKEN';
  /** Per request, from MLWS_GITHUB_TIMEOUT_MS (when it is a positive number). */
  timeoutMs?: number;
}

/** Token from GITHUB_TOKEN, else GH_TOKEN; API URL from GITHUB_API_URL (GitHub Enterprise, tests). */
export function githubSettings(env: NodeJS.ProcessEnv): GithubSettings {
  const apiUrl = (env.GITHUB_API_URL?.trim() || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const ms = Number(env.MLWS_GITHUB_TIMEOUT_MS);
  const timeout = env.MLWS_GITHUB_TIMEOUT_MS && Number.isFinite(ms) && ms > 0 ? { timeoutMs: ms } : {};
  const github = env.GITHUB_TOKEN?.trim();
  if (github) return { apiUrl, token: github, tokenVariable: 'GITHUB_TOKEN', ...timeout };
  const gh = env.GH_TOKEN?.trim();
  if (gh) return { apiUrl, token: gh, tokenVariable: 'GH_TOKEN', ...timeout };
  return { apiUrl, ...timeout };
}

/**
 * Why an API URL is refused before anything runs, or undefined: credentials in it would be printed
 * and stored (the token comes from GITHUB_TOKEN or GH_TOKEN), and only http(s) reaches a REST API.
 */
export function githubApiUrlProblem(apiUrl: string): string | undefined {
  const shown = redactUrl(apiUrl);
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(apiUrl.trim())) {
    return `GITHUB_API_URL has a user name or password in it (before "@"), which would be printed and stored: the token comes from GITHUB_TOKEN or GH_TOKEN; set GITHUB_API_URL=${shown} and the token in GITHUB_TOKEN`;
  }
  if (!/^https?:\/\/[^/?#\s]+/i.test(apiUrl))
    return `GITHUB_API_URL "${shown}" is not an http(s) URL: use https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise`;
  return undefined;
}
