import { RunProcess, runProcess } from '../../process/run-process';
import { findUv, UvLookup } from '../../uv/uv-client';

/** The clients executors use; tests pass fakes, users get the real ones. */
export interface ExecutorDeps {
  findUv: (cwd: string) => Promise<UvLookup>;
  /** For programs other than uv (nvidia-smi). */
  run: RunProcess;
  env: NodeJS.ProcessEnv;
}

export function defaultDeps(): ExecutorDeps {
  return { findUv: (cwd) => findUv(runProcess, process.env, cwd), run: runProcess, env: process.env };
}
