import type { DockerClient } from '../docker/docker-client';
import type { GitClient } from '../git/git-client';
import type { GithubClientOptions, GithubReleasesClient } from '../github/github-client';
import type { RunProcess } from '../process/run-process';
import type { UvLookup } from '../uv/uv-client';

/**
 * Every side effect the plugin has besides files, in one bundle: the process-running clients
 * (one call shape, `run(args, { cwd, stream?, env?, input?, timeoutMs? })` and `must(args, opts)`
 * that throws the client's one-line error), GitHub, the environment, the one way to print a line,
 * and the clock. Injected the same way everywhere as a defaulted last parameter:
 *
 *   executor(options, context, clients = defaultClients())
 *   generator(tree, options, clients = defaultClients())
 *   afterAllProjectsVersioned(cwd, opts, clients = defaultClients())
 *
 * Functions that need less take `Pick<Clients, …>`. Tests pass `fakeClients()` (see __testing__).
 */
export interface Clients {
  git: GitClient;
  /**
   * uv, found lazily for a workspace (the `UV` variable, else `uv` from PATH, version checked);
   * a failed lookup carries the one-line message that says how to install or fix it.
   */
  uv: (cwd: string) => Promise<UvLookup>;
  docker: DockerClient;
  /** The GitHub releases client for an API URL and token (from GITHUB_API_URL, GITHUB_TOKEN/GH_TOKEN). */
  github: (o: GithubClientOptions) => GithubReleasesClient;
  /** Other programs (nvidia-smi), through the one spawner. */
  process: RunProcess;
  env: NodeJS.ProcessEnv;
  /** One line for the user (Nx's logger, URLs without their credentials). */
  log: (line: string) => void;
  /** One line that says what failed (Nx's logger.error: stderr), URLs without their credentials. */
  error: (line: string) => void;
  now: () => Date;
}
