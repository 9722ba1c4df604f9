import { firstLine } from '../model/text';
import type { RunResult } from './run-process';

/**
 * A command that exited non-zero, as one line: the command, its exit code and the first line it
 * printed. What every client's `must` throws (git, uv, docker).
 */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(
      `${command} failed (exit ${result.exitCode}): ${firstLine(result.stderr) || firstLine(result.stdout) || result.startError || 'no output'}`,
    );
  }
}

/** The stdout of a run that succeeded; a non-zero exit becomes a CommandError naming `command`. */
export async function stdoutOrThrow(
  command: string,
  result: Promise<RunResult>,
  error: (command: string, r: RunResult) => Error = (c, r) => new CommandError(c, r),
): Promise<string> {
  const r = await result;
  if (r.exitCode !== 0) throw error(command, r);
  return r.stdout;
}
