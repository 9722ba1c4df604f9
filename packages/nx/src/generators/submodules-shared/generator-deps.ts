import { logger } from '@nx/devkit';
import { createGitClient, GitClient } from '../../git/git-client';
import { runProcess } from '../../process/run-process';
import { findUv, UvLookup } from '../../uv/uv-client';

/** The clients the submodule generators use; unit tests pass fakes, users get the real ones. */
export interface GeneratorDeps {
  git: GitClient;
  findUv: (cwd: string) => Promise<UvLookup>;
  /** One line for the person running the generator. */
  log: (line: string) => void;
}

export function defaultGeneratorDeps(): GeneratorDeps {
  return {
    git: createGitClient(runProcess),
    findUv: (cwd) => findUv(runProcess, process.env, cwd),
    log: (line) => logger.info(line),
  };
}
