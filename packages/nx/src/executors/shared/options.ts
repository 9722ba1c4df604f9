/** Options every uv executor receives from the inferred target (see plugin/targets). */
export interface EnvironmentTargetOptions {
  /** Environment name (`dev`, `staging`, `prod`, …). */
  environment: string;
  /** The environment's directory, workspace-relative (`.` for dev). */
  environmentRoot: string;
  /** Backend → CUDA version, from the plugin options. */
  backends?: Record<string, string | null>;
  /** The plugin's `defaultBackend`. */
  defaultBackend?: string;
}

export const DEFAULT_CUDA_VERSIONS: Record<string, string | null> = { cpu: null, cu124: '12.4.1', cu128: '12.8.1' };
