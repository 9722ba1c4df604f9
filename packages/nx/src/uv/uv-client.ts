import { stdoutOrThrow } from '../process/command-error';
import { RunOptions, RunProcess, RunResult, runProcess } from '../process/run-process';
import { isAtLeast, MIN_UV_VERSION, parseUvVersion } from './uv-version';

export interface UvClient {
  /** The uv program (the `UV` variable, else `uv` from PATH). */
  readonly program: string;
  readonly version: string;
  /** stream defaults to true: uv's progress reaches the terminal. */
  run(args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit becomes a one-line CommandError (`uv <args> failed (exit n): …`). */
  must(args: readonly string[], options: RunOptions): Promise<string>;
}

export type UvLookup = { ok: true; uv: UvClient } | { ok: false; message: string };

const INSTALL = 'python3 -m pip install -U uv (or: curl -LsSf https://astral.sh/uv/install.sh | sh)';

/** Finds uv and checks its version; the message says what is wrong and how to fix it. */
export async function findUv(
  run: RunProcess = runProcess,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<UvLookup> {
  const program = env.UV?.trim() || 'uv';
  const r = await run(program, ['--version'], { cwd, stream: false });
  if (r.startError || r.exitCode !== 0) {
    const where = env.UV ? `UV=${env.UV} does not run` : 'uv is not on PATH';
    return { ok: false, message: `${where}: install uv with ${INSTALL}, or set UV to its path` };
  }
  const version = parseUvVersion(r.stdout);
  if (!version)
    return {
      ok: false,
      message: `${program} --version printed "${r.stdout.trim()}", not a uv version: set UV to the uv program`,
    };
  if (!isAtLeast(version, MIN_UV_VERSION)) {
    return {
      ok: false,
      message: `uv ${version} is older than ${MIN_UV_VERSION}, the oldest @mlws/nx supports: upgrade it with uv self update, python3 -m pip install -U uv, or curl -LsSf https://astral.sh/uv/install.sh | sh`,
    };
  }
  return { ok: true, uv: uvClient(program, version, run) };
}

/** A uv client for a program already checked by findUv. */
export function uvClient(program: string, version: string, run: RunProcess = runProcess): UvClient {
  const client: UvClient = {
    program,
    version,
    run: (args, options) => run(program, args, options),
    must: (args, options) => stdoutOrThrow(`uv ${args.join(' ')}`, client.run(args, options)),
  };
  return client;
}
