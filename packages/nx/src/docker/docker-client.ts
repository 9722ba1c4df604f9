import { RunProcess, RunResult, runProcess } from '../process/run-process';

/**
 * The docker CLI: `DOCKER` (a path) if set, else `docker` from PATH; BuildKit on.
 */
export interface DockerClient {
  readonly program: string;
  run(args: readonly string[], cwd: string, stream?: boolean): Promise<RunResult>;
}

export function createDockerClient(run: RunProcess = runProcess, env: NodeJS.ProcessEnv = process.env): DockerClient {
  const program = env.DOCKER?.trim() || 'docker';
  return {
    program,
    run: (args, cwd, stream = true) => run(program, args, { cwd, stream, env: { DOCKER_BUILDKIT: '1' } }),
  };
}

/** Whether the engine has this image (by id or reference). */
export async function imageExists(docker: DockerClient, ref: string, cwd: string): Promise<boolean> {
  const r = await docker.run(['image', 'inspect', '--format', '{{.Id}}', ref], cwd, false);
  return r.exitCode === 0;
}
