import type { ExecutorContext } from '@nx/devkit';
import { createDockerClient, DockerClient } from '../../docker/docker-client';
import { pushImage } from '../../docker/push-image';
import { createGitClient, GitClient } from '../../git/git-client';
import { RunProcess, runProcess } from '../../process/run-process';
import { fail, info } from '../shared/fail';
import { buildImage } from './build-image';
import type { DockerBuildExecutorOptions } from './options';

export interface DockerBuildDeps {
  docker: DockerClient;
  git: GitClient;
  env: NodeJS.ProcessEnv;
  /** For nvidia-smi (`--backend auto`). */
  run: RunProcess;
}

export default async function dockerBuildExecutor(
  options: DockerBuildExecutorOptions,
  context: ExecutorContext,
  deps: DockerBuildDeps = { docker: createDockerClient(), git: createGitClient(), env: process.env, run: runProcess },
): Promise<{ success: boolean }> {
  const rev = await deps.git.run(context.root, ['rev-parse', 'HEAD']);
  const built = await buildImage(
    options,
    context,
    deps.docker,
    deps.env,
    rev.exitCode === 0 ? rev.stdout.trim() : undefined,
    deps.run,
  );
  if (!built.ok) return fail(built.message);
  info(`built ${built.record.tags.join(', ')} (${built.record.imageId.slice(0, 19)}); record: ${built.recordFile}`);
  if (options.push && built.record.digest) info(`pushed ${built.record.digest}`);
  else if (options.push) {
    const pushed = await pushImage(built.record, built.recordFile, context.root, deps.docker, info);
    if (!pushed.ok) return fail(pushed.message);
    info(`pushed ${pushed.digest}`);
  }
  return { success: true };
}
