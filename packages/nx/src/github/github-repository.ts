import { repositoryKey } from '../model/git-url';

/** A GitHub repository: `owner/name`. */
export interface GithubRepository {
  owner: string;
  repo: string;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * owner/repo of a remote URL: the last two path segments, in every form git accepts —
 * `https://github.com/Org/Repo.git`, `git@github.com:Org/Repo`, `ssh://git@github.com:22/Org/Repo.git`,
 * `git+https://…`, GitHub Enterprise hosts, and (for mirrors and tests) `file:///srv/Org/Repo.git`.
 */
export function githubRepositoryOf(url: string): GithubRepository | undefined {
  const key = repositoryKey(url);
  if (!key) return undefined;
  const path = key.startsWith('file://') ? key.slice('file://'.length) : key.slice(key.indexOf('/') + 1);
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  const [owner, repo] = parts.slice(-2);
  return SEGMENT.test(owner) && SEGMENT.test(repo) ? { owner, repo } : undefined;
}

/** `owner/name` as given with --github-repository, or undefined when malformed. */
export function parseGithubRepository(text: string): GithubRepository | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/.exec(text.trim());
  return m ? { owner: m[1], repo: m[2] } : undefined;
}

export const formatRepository = (r: GithubRepository): string => `${r.owner}/${r.repo}`;
