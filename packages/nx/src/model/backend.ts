/**
 * Choosing the PyTorch backend (the uv extra such as `cu124`): `--backend`, then the
 * `MLWS_TORCH_BACKEND` variable, then the plugin's `defaultBackend`. A missing or unknown backend
 * is an error that lists what the pyproject declares — never a silent CPU-less environment.
 * `auto` takes the highest declared CUDA backend the driver supports, else `cpu` when declared.
 */
export interface BackendRequest {
  cli?: string;
  env?: string;
  option?: string;
  /** Extras of the environment's pyproject that are backends. */
  declared: readonly string[];
  /** Backend → CUDA version (`null` for CPU) from the plugin options. */
  cudaVersions: Readonly<Record<string, string | null>>;
  /** The environment, for messages: `dev (pyproject.toml)`. */
  environment: string;
  /** For `auto`: the CUDA version the driver reports (nvidia-smi), undefined when there is no GPU. */
  detectedCuda?: string;
}

export type BackendChoice = { ok: true; backend?: string; note?: string } | { ok: false; message: string };

const HOW =
  'pass --backend <name>, set MLWS_TORCH_BACKEND, or set "defaultBackend" in the @mlws/nx plugin options in nx.json';

export function declaredBackends(
  extras: readonly string[],
  cudaVersions: Readonly<Record<string, string | null>>,
): string[] {
  return extras.filter((e) => e in cudaVersions || /^(cpu|cu\d{2,4}|rocm\d+(\.\d+)*)$/.test(e));
}

/**
 * The backends the workspace offers (target configurations, executor options): the backend extras
 * the root pyproject declares — the repository's own choice, with their indexes — with the CUDA
 * versions of the plugin's `backends`; the plugin's backends (cpu, cu124, cu128 by default) only
 * when the root declares none. A declared backend the options do not know keeps its CUDA version
 * out of the map (cudaOf reads it from the name; the Dockerfile's default base image applies).
 */
export function offeredBackends(
  rootExtras: readonly string[] | undefined,
  configured: Readonly<Record<string, string | null>>,
): Record<string, string | null> {
  const declared = declaredBackends(rootExtras ?? [], configured);
  if (!declared.length) return { ...configured };
  return Object.fromEntries(declared.filter((b) => b in configured).map((b) => [b, configured[b]]));
}

export function chooseBackend(r: BackendRequest): BackendChoice {
  const requested = r.cli ?? r.env ?? r.option;
  const from = r.cli !== undefined ? '--backend' : r.env !== undefined ? 'MLWS_TORCH_BACKEND' : 'defaultBackend';
  const list = r.declared.join(', ');
  if (r.declared.length === 0) {
    if (requested && requested !== 'auto' && r.cli !== undefined) {
      return {
        ok: false,
        message: `${r.environment} declares no PyTorch backend extras, so --backend ${requested} cannot apply: drop it or add the backend with nx g @mlws/nx:backend ${requested}`,
      };
    }
    return { ok: true };
  }
  if (!requested) {
    return { ok: false, message: `no PyTorch backend chosen for ${r.environment}, which declares ${list}: ${HOW}` };
  }
  if (requested === 'auto') return chooseAuto(r, list);
  if (!r.declared.includes(requested)) {
    return {
      ok: false,
      message: `unknown PyTorch backend "${requested}" (from ${from}) for ${r.environment}, which declares ${list}: choose one of those, or add it with nx g @mlws/nx:backend ${requested}`,
    };
  }
  return { ok: true, backend: requested };
}

function chooseAuto(r: BackendRequest, list: string): BackendChoice {
  const detected = r.detectedCuda;
  if (detected) {
    const fitting = r.declared
      .map((b) => ({ b, v: cudaOf(b, r.cudaVersions) }))
      .filter((x): x is { b: string; v: string } => x.v !== undefined && compareVersions(x.v, detected) <= 0)
      .sort((a, b) => compareVersions(b.v, a.v));
    if (fitting.length)
      return {
        ok: true,
        backend: fitting[0].b,
        note: `backend auto: the driver supports CUDA ${detected}, using ${fitting[0].b}`,
      };
  }
  if (r.declared.includes('cpu')) {
    return {
      ok: true,
      backend: 'cpu',
      note: detected
        ? `backend auto: no declared CUDA backend fits CUDA ${detected}, using cpu`
        : 'backend auto: no NVIDIA driver found (nvidia-smi), using cpu',
    };
  }
  return {
    ok: false,
    message: detected
      ? `backend auto: no backend of ${r.environment} (${list}) fits the driver's CUDA ${detected} and cpu is not declared: ${HOW}`
      : `backend auto: no NVIDIA driver found (nvidia-smi) and ${r.environment} declares no cpu backend (${list}): ${HOW}`,
  };
}

/** CUDA version of a backend: from the options (`12.4.1`), else from the name (`cu124` → `12.4`). */
export function cudaOf(backend: string, cudaVersions: Readonly<Record<string, string | null>>): string | undefined {
  const v = cudaVersions[backend];
  if (v) return v;
  if (v === null) return undefined;
  const m = /^cu(\d{2})(\d)$/.exec(backend) ?? /^cu(\d{2})(\d{1,2})$/.exec(backend);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** `nvidia-smi` prints `CUDA Version: 12.4` in its header. */
export function parseNvidiaSmiCuda(output: string): string | undefined {
  return /CUDA Version:\s*(\d+\.\d+)/.exec(output)?.[1];
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  // compare on the precision the driver reports (major.minor): 12.4.1 fits a 12.4 driver
  for (let i = 0; i < 2; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
