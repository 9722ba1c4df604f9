import type { RunOptions, RunResult } from '../../process/run-process';
import { createDockerClient, DockerClient } from '../docker-client';

/** A docker client (the real one's call shape and `must`) whose runs `answer` decides (default: exit 0). */
export function fakeDocker(
  answer: (args: string[], options: RunOptions) => Promise<Partial<RunResult>> | Partial<RunResult>,
): DockerClient {
  return createDockerClient(
    async (_file, args, options) => ({
      exitCode: 0,
      stdout: '',
      stderr: '',
      ...(await answer([...args], options)),
    }),
    {},
  );
}
