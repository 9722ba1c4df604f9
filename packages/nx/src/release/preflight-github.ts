import { isLocalGitUrl } from '../git/git-client';
import { githubApiUrlProblem, githubSettings } from '../github/github-settings';
import { formatRepository, githubRepositoryOf, parseGithubRepository } from '../github/github-repository';
import type { Checks } from './preflight-checks';

/** The GitHub repository of the release (owner/name) and a token for it; undefined without --github-release. */
export function checkGithub(c: Checks, url: string | undefined): string | undefined {
  const { req, deps, problems } = c;
  const pkg = req.packageRoot;
  let githubRepository: string | undefined;
  if (req.githubRelease) {
    const settings = githubSettings(deps.env);
    const parsed = req.githubRepository
      ? parseGithubRepository(req.githubRepository)
      : url
        ? githubRepositoryOf(url)
        : undefined;
    if (req.githubRepository && !parsed)
      problems.push(`--github-repository "${req.githubRepository}" is not owner/name`);
    else if (!parsed && url)
      problems.push(
        `cannot tell the GitHub repository of ${pkg} from its remote ${url}: pass --github-repository owner/name, or --github-release=false`,
      );
    else if (parsed && url && !req.githubRepository && isLocalGitUrl(url) && !deps.env.GITHUB_API_URL?.trim()) {
      // owner/repo of a local remote is only meaningful against a stand-in or mirror API
      problems.push(
        `the remote of ${pkg} is a local repository (${url}), not GitHub: pass --github-repository owner/name (or set GITHUB_API_URL to the API that serves ${formatRepository(parsed)}), or --github-release=false`,
      );
    }
    if (parsed) githubRepository = formatRepository(parsed);
    if (!settings.token)
      problems.push(
        `no GitHub token for the release on ${githubRepository ?? 'GitHub'}: set GITHUB_TOKEN or GH_TOKEN (contents: write), or pass --github-release=false`,
      );
    const badApi = githubApiUrlProblem(settings.apiUrl);
    if (badApi) problems.push(`${badApi} (or pass --github-release=false)`);
  }
  return githubRepository;
}
