import { stdoutOrThrow } from '../process/command-error';
import { RunOptions, RunProcess, RunResult, runProcess } from '../process/run-process';

/**
 * The docker CLI: `DOCKER` (a path) if set, else `docker` from PATH; BuildKit on.
 */
export interface DockerClient {
  readonly program: string;
  /** stream defaults to true (build and pull progress); DOCKER_BUILDKIT=1 is always set. */
  run(args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit becomes a one-line CommandError (`docker <args> failed (exit n): …`). */
  must(args: readonly string[], options: RunOptions): Promise<string>;
}

export function createDockerClient(run: RunProcess = runProcess, env: NodeJS.ProcessEnv = process.env): DockerClient {
  const program = env.DOCKER?.trim() || 'docker';
  const client: DockerClient = {
    program,
    run: (args, options) =>
      run(program, args, { stream: true, ...options, env: { ...(options.env ?? {}), DOCKER_BUILDKIT: '1' } }),
    must: (args, options) => stdoutOrThrow(`docker ${args.join(' ')}`, client.run(args, options)),
  };
  return client;
}

/** Whether the engine has this image (by id or reference). */
export async function imageExists(docker: DockerClient, ref: string, cwd: string): Promise<boolean> {
  const r = await docker.run(['image', 'inspect', '--format', '{{.Id}}', ref], { cwd, stream: false });
  return r.exitCode === 0;
}
