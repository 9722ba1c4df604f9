import type { Clients } from '../../clients/clients';
import { GithubApiError, GithubRelease } from '../../github/github-client';
import type { FakeWorld } from './fake-release-deps';

/**
 * A fake GitHub releases API over the world's `releases`: records every call in `githubCalls`;
 * `githubFailure` makes the next POST fail with that status (once).
 */
export function fakeGithub(world: Pick<FakeWorld, 'githubCalls' | 'releases' | 'githubFailure'>): Clients['github'] {
  return (o) => ({
    apiUrl: o.apiUrl,
    async getReleaseByTag(_repo, tag) {
      world.githubCalls.push({ method: 'GET', tag, token: o.token, apiUrl: o.apiUrl });
      return world.releases[tag];
    },
    async createRelease(repository, body) {
      world.githubCalls.push({ method: 'POST', tag: body.tag_name, body, token: o.token, apiUrl: o.apiUrl });
      if (world.githubFailure) {
        const status = world.githubFailure;
        world.githubFailure = undefined;
        throw new GithubApiError(
          `GitHub rejected the token from GITHUB_TOKEN (${status} Bad credentials) for creating the release ${body.tag_name}: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on ${repository.owner}/${repository.repo}`,
          status,
        );
      }
      const release: GithubRelease = {
        id: 1,
        tag_name: body.tag_name,
        name: body.name,
        body: body.body,
        prerelease: body.prerelease,
        draft: false,
        html_url: `https://github.com/${repository.owner}/${repository.repo}/releases/tag/${body.tag_name}`,
      };
      world.releases[body.tag_name] = release;
      return release;
    },
  });
}
