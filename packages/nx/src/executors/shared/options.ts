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
