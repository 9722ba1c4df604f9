import { logger } from '@nx/devkit';
import { createGitClient, GitClient } from '../git/git-client';
import { createGithubClient, GithubReleasesClient } from '../github/github-client';
import { RunProcess, runProcess } from '../process/run-process';
import { findUv, UvLookup } from '../uv/uv-client';

/**
 * The clients of a release, passed to the executor as a defaulted parameter so unit tests give
 * fakes (git, uv, GitHub) and users get the real ones.
 */
export interface ReleaseDeps {
  git: GitClient;
  findUv: (cwd: string) => Promise<UvLookup>;
  /** The GitHub releases client for an API URL and token (from GITHUB_API_URL, GITHUB_TOKEN/GH_TOKEN). */
  github: (o: { apiUrl: string; token: string; tokenVariable?: string; timeoutMs?: number }) => GithubReleasesClient;
  env: NodeJS.ProcessEnv;
  /** One line for the user. */
  log: (line: string) => void;
  now: () => Date;
}

export function defaultReleaseDeps(run: RunProcess = runProcess): ReleaseDeps {
  return {
    git: createGitClient(run),
    findUv: (cwd) => findUv(run, process.env, cwd),
    github: (o) => createGithubClient(o),
    env: process.env,
    log: (line) => logger.info(line),
    now: () => new Date(),
  };
}
