import { createDockerClient } from '../../docker/docker-client';
import { createGitClient } from '../../git/git-client';
import type { RunOptions, RunProcess, RunResult } from '../../process/run-process';
import { uvClient } from '../../uv/uv-client';
import type { Clients } from '../clients';

/** One recorded run of a fake client: its arguments (without the program) and cwd. */
export interface Call {
  cwd: string;
  args: string[];
}

/** Decides a fake run's result; undefined keeps the default (exit 0, no output). */
export type Answer = (call: Call, options: RunOptions) => Partial<RunResult> | undefined;

export interface FakeClients extends Clients {
  /** Every line printed through `log`. */
  lines: string[];
}

/** A process that records each run in `calls` and answers it (default: exit 0, no output). */
export function fakeProcess(calls: Call[], answer: Answer = () => undefined): RunProcess {
  return async (_file, args, options) => {
    const call = { cwd: options.cwd, args: [...args] };
    calls.push(call);
    return { exitCode: 0, stdout: '', stderr: '', ...(answer(call, options) ?? {}) };
  };
}

/** A uv lookup that finds uv 0.13.8 whose runs are recorded in `calls` and answered by `answer`. */
export function fakeUv(calls: Call[], answer: Answer = () => undefined): Clients['uv'] {
  const uv = uvClient('uv', '0.13.8', fakeProcess(calls, answer));
  return async () => ({ ok: true, uv });
}

export { fakeDocker } from '../../docker/__testing__/fake-docker';

const notInstalled = (program: string): RunProcess =>
  fakeProcess([], () => ({ exitCode: 127, startError: 'ENOENT', stderr: `${program}: not found` }));

/**
 * The clients of a unit test: each part given replaces the default. Defaults never reach the
 * machine: git answers every command with exit 1 (no repository), uv is found and succeeds
 * (recording nothing), docker and other programs are not installed, GitHub is refused, the
 * environment is empty, lines are recorded in `lines`, the clock is 2025-01-02T03:04:05Z.
 */
export function fakeClients(parts: Partial<Clients> = {}): FakeClients {
  const lines: string[] = [];
  return {
    git: createGitClient(fakeProcess([], () => ({ exitCode: 1 }))),
    uv: fakeUv([]),
    docker: createDockerClient(notInstalled('docker'), {}),
    github: () => {
      throw new Error('fake clients: no GitHub client given');
    },
    process: notInstalled('program'),
    env: {},
    log: (line) => lines.push(line),
    error: (line) => lines.push(line),
    now: () => new Date('2025-01-02T03:04:05Z'),
    ...parts,
    lines,
  };
}
