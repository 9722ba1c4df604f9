import { BackendChoice, chooseBackend, parseNvidiaSmiCuda } from '../../model/backend';
import type { ExecutorDeps } from './deps';

export interface BackendOptions {
  /** --backend */
  backend?: string;
  /** The plugin's defaultBackend. */
  defaultBackend?: string;
}

/**
 * The PyTorch backend of a run in an environment: --backend, then MLWS_TORCH_BACKEND, then the
 * plugin's defaultBackend; `auto` asks nvidia-smi. Shared by sync and the tool runs (test, lint),
 * so no target installs a torch the user did not choose.
 */
export async function resolveBackend(
  options: BackendOptions,
  declared: readonly string[],
  cudaVersions: Readonly<Record<string, string | null>>,
  environment: string,
  deps: Pick<ExecutorDeps, 'env' | 'run'>,
  cwd: string,
): Promise<BackendChoice> {
  const env = deps.env.MLWS_TORCH_BACKEND || undefined;
  const wantsAuto = options.backend === 'auto' || (!options.backend && (env ?? options.defaultBackend) === 'auto');
  const detectedCuda = wantsAuto ? await detectCuda(deps, cwd) : undefined;
  return chooseBackend({
    cli: options.backend,
    env,
    option: options.defaultBackend,
    declared: [...declared],
    cudaVersions,
    environment,
    ...(detectedCuda ? { detectedCuda } : {}),
  });
}

async function detectCuda(deps: Pick<ExecutorDeps, 'env' | 'run'>, cwd: string): Promise<string | undefined> {
  const r = await deps.run('nvidia-smi', [], { cwd, stream: false, env: { PATH: deps.env.PATH } });
  return r.exitCode === 0 ? parseNvidiaSmiCuda(r.stdout) : undefined;
}
