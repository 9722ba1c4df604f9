import { createDockerClient } from '../docker/docker-client';
import { createGitClient } from '../git/git-client';
import { createGithubClient } from '../github/github-client';
import { redactUrlsIn } from '../model/redact-url';
import { RunProcess, runProcess } from '../process/run-process';
import { findUv } from '../uv/uv-client';
import type { Clients } from './clients';

/** The real clients: every process through `run` (the one spawner by default), the real environment. */
export function defaultClients(run: RunProcess = runProcess, env: NodeJS.ProcessEnv = process.env): Clients {
  return {
    git: createGitClient(run),
    uv: (cwd) => findUv(run, env, cwd),
    docker: createDockerClient(run, env),
    github: (o) => createGithubClient(o),
    process: run,
    env,
    // @nx/devkit is loaded on the first line, not with the bundle: its index pulls in most of Nx,
    // and the plugin worker (inference) takes the bundle without printing anything
    log: (line) => (require('@nx/devkit') as typeof import('@nx/devkit')).logger.info(redactUrlsIn(line)),
    error: (line) => (require('@nx/devkit') as typeof import('@nx/devkit')).logger.error(redactUrlsIn(line)),
    now: () => new Date(),
  };
}
