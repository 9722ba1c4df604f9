import { BackendChoice, chooseBackend, parseNvidiaSmiCuda } from '../../model/backend';
import type { Clients } from '../../clients/clients';

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
  clients: Pick<Clients, 'env' | 'process'>,
  cwd: string,
): Promise<BackendChoice> {
  const env = clients.env.MLWS_TORCH_BACKEND || undefined;
  const wantsAuto = options.backend === 'auto' || (!options.backend && (env ?? options.defaultBackend) === 'auto');
  const detected = wantsAuto ? await detectCuda(clients, cwd) : undefined;
  if (detected?.timedOut) {
    return {
      ok: false,
      message: `backend auto: nvidia-smi did not answer within ${seconds(detected.timedOut)} (a hung NVIDIA driver?): choose the backend yourself with --backend <name> (e.g. --backend cpu) or MLWS_TORCH_BACKEND, and check the driver (nvidia-smi, dmesg)`,
    };
  }
  const detectedCuda = detected?.cuda;
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

/** How long nvidia-smi may take (override: MLWS_NVIDIA_SMI_TIMEOUT_MS); a healthy driver answers in well under a second. */
export const NVIDIA_SMI_TIMEOUT_MS = 5000;

async function detectCuda(
  clients: Pick<Clients, 'env' | 'process'>,
  cwd: string,
): Promise<{ cuda?: string; timedOut?: number }> {
  const ms = Number(clients.env.MLWS_NVIDIA_SMI_TIMEOUT_MS);
  const timeoutMs =
    clients.env.MLWS_NVIDIA_SMI_TIMEOUT_MS && Number.isFinite(ms) && ms > 0 ? ms : NVIDIA_SMI_TIMEOUT_MS;
  const r = await clients.process('nvidia-smi', [], { cwd, stream: false, env: { PATH: clients.env.PATH }, timeoutMs });
  if (r.timedOut) return { timedOut: timeoutMs };
  const cuda = r.exitCode === 0 ? parseNvidiaSmiCuda(r.stdout) : undefined;
  return cuda ? { cuda } : {};
}

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
