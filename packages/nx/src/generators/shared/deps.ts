import { logger } from '@nx/devkit';
import { createGitClient, GitClient } from '../../git/git-client';
import { redactUrlsIn } from '../../model/redact-url';
import { RunProcess, runProcess } from '../../process/run-process';
import { findUv, UvLookup } from '../../uv/uv-client';

/**
 * The clients generators use, passed as a defaulted last parameter so unit tests give fakes:
 * `pinGenerator(tree, options, deps = defaultGeneratorDeps())`.
 */
export interface GeneratorDeps {
  git: GitClient;
  findUv: (cwd: string) => Promise<UvLookup>;
  /** One line for the user (Nx's logger; prefixed by the caller). */
  log: (line: string) => void;
}

export function defaultGeneratorDeps(run: RunProcess = runProcess): GeneratorDeps {
  return {
    git: createGitClient(run),
    findUv: (cwd) => findUv(run, process.env, cwd),
    log: (line) => logger.info(line),
  };
}

/** `@mlws/nx: <line>` through deps.log, no URL with its credentials. */
export function say(deps: Pick<GeneratorDeps, 'log'>, line: string): void {
  deps.log(`@mlws/nx: ${redactUrlsIn(line)}`);
}
