import { assignRoles, DEFAULT_ENVIRONMENT_NAMES, EnvironmentOption } from './environment-roles';

/**
 * The plugin's options in `nx.json` (their types and their normalisation: pure, read by every layer):
 *
 * ```json
 * { "plugins": [{ "plugin": "@mlws/nx", "options": { "environments": ["staging", "prod"], "defaultBackend": "cu124" } }] }
 * ```
 */
export interface MlwsPluginOptions {
  /** Target names; `false` stops inferring that target. */
  targetNames?: Partial<Record<TargetKey, string | false>>;
  /**
   * Environments beside dev: a name (pyproject in `<name>/`) or `{ name, path, role? }`. Default
   * `["staging", "prod"]`. `role` (`staging`, `prod`, `other`) says what the environment is for
   * when its name is not `staging`/`prod` (see model/environment-roles.ts).
   */
  environments?: Array<string | EnvironmentOptionInput>;
  /** Name of the dev environment (the root pyproject). Default `dev`. */
  devEnvironment?: string;
  /** PyTorch backends (uv extras) and their CUDA versions; `null` for CPU. Default cpu, cu124, cu128. */
  backends?: Record<string, string | null>;
  /** Backend used when neither `--backend` nor `MLWS_TORCH_BACKEND` is given. */
  defaultBackend?: string;
  /**
   * Prefix of version tags written by release (tags with and without it are read). Default: the
   * prefix the package's own tags and the environments' pins use (model/tag-prefix.ts), `v` when none.
   */
  tagPrefix?: string;
  /** Remote URL for new packages, `{name}` is the distribution name. */
  remoteUrlTemplate?: string;
  /** Glob (workspace-relative) of Dockerfiles that make image projects. Default `docker/Dockerfile-uv`. */
  dockerfilePattern?: string | string[];
  /** Image repository name. Default: the root project's normalised name. */
  imageName?: string;
}

export type TargetKey =
  'lock' | 'lockCheck' | 'sync' | 'build' | 'test' | 'lint' | 'dockerBuild' | 'dockerRun' | 'release';

/** One environment as written in nx.json. */
export interface EnvironmentOptionInput {
  name: string;
  /** Workspace-relative directory of the environment's pyproject. */
  path: string;
  role?: 'staging' | 'prod' | 'other';
}

export interface NormalizedOptions {
  targetNames: Record<TargetKey, string | false>;
  devEnvironment: string;
  /** dev first (role dev), then the others with their roles. */
  environments: EnvironmentOption[];
  backends: Record<string, string | null>;
  defaultBackend?: string;
  /** Only when set in nx.json: otherwise read from the repository. */
  tagPrefix?: string;
  remoteUrlTemplate?: string;
  dockerfilePatterns: string[];
  imageName?: string;
}

export const DEFAULT_TARGET_NAMES: Record<TargetKey, string> = {
  lock: 'lock',
  lockCheck: 'lock-check',
  sync: 'sync',
  build: 'build',
  test: 'test',
  lint: 'lint',
  dockerBuild: 'docker-build',
  dockerRun: 'docker-run',
  release: 'release',
};

export const DEFAULT_BACKENDS: Record<string, string | null> = { cpu: null, cu124: '12.4.1', cu128: '12.8.1' };

/** Environments beside dev when the option is not set. */
export const DEFAULT_ENVIRONMENTS: readonly string[] = [
  DEFAULT_ENVIRONMENT_NAMES.staging,
  DEFAULT_ENVIRONMENT_NAMES.prod,
];

export function normalizeOptions(options: MlwsPluginOptions | undefined): NormalizedOptions {
  const o = options ?? {};
  const dev = o.devEnvironment ?? DEFAULT_ENVIRONMENT_NAMES.dev;
  const others = (o.environments ?? DEFAULT_ENVIRONMENTS).map((e) =>
    typeof e === 'string'
      ? { name: e, path: e }
      : { name: e.name, path: e.path.replace(/^\.\/|\/+$/g, ''), ...(e.role ? { role: e.role } : {}) },
  );
  const patterns = o.dockerfilePattern ?? 'docker/Dockerfile-uv';
  return {
    targetNames: { ...DEFAULT_TARGET_NAMES, ...(o.targetNames ?? {}) },
    devEnvironment: dev,
    environments: [{ name: dev, path: '.', role: 'dev' }, ...assignRoles(others.filter((e) => e.name !== dev))],
    backends: o.backends ?? DEFAULT_BACKENDS,
    ...(o.defaultBackend !== undefined ? { defaultBackend: o.defaultBackend } : {}),
    ...(o.tagPrefix !== undefined ? { tagPrefix: o.tagPrefix } : {}),
    ...(o.remoteUrlTemplate !== undefined ? { remoteUrlTemplate: o.remoteUrlTemplate } : {}),
    dockerfilePatterns: Array.isArray(patterns) ? patterns : [patterns],
    ...(o.imageName !== undefined ? { imageName: o.imageName } : {}),
  };
}
