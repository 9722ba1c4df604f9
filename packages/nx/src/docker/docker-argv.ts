/**
 * `docker build` command lines from options. Pure; snapshot-tested. The classic client with
 * BuildKit (DOCKER_BUILDKIT=1) handles most options, `cacheFrom` included; `cacheTo` and several
 * platforms need buildx, so those switch to `docker buildx build`. A push is `docker push` after a
 * classic build (the engine keeps the image), or `--push` of the buildx build, whose
 * `--metadata-file` then names the pushed digest.
 */
export interface DockerBuildArgs {
  dockerfile: string;
  context: string;
  target?: string;
  buildArgs: Record<string, string>;
  tags: string[];
  labels: Record<string, string>;
  iidfile: string;
  /** buildx only: where buildx writes the build's metadata (`containerimage.digest`). */
  metadataFile?: string;
  network?: string;
  cacheFrom?: string[];
  cacheTo?: string[];
  platforms?: string[];
  /** `id=x,src=path` or `id=x,env=VAR` entries (values are paths or variable names, never secrets). */
  secrets?: string[];
  ssh?: string[];
  push?: boolean;
  extraArgs?: string[];
}

/** Options the classic client cannot do: exporting a build cache, several platforms in one image. */
export function needsBuildx(o: Pick<DockerBuildArgs, 'cacheTo' | 'platforms'>): boolean {
  return (o.cacheTo?.length ?? 0) > 0 || (o.platforms?.length ?? 0) > 1;
}

export function dockerBuildArgv(o: DockerBuildArgs): string[] {
  const buildx = needsBuildx(o);
  const argv = buildx ? ['buildx', 'build'] : ['build'];
  argv.push('--file', o.dockerfile, '--progress=plain', '--iidfile', o.iidfile);
  if (o.target) argv.push('--target', o.target);
  for (const [k, v] of Object.entries(o.buildArgs).sort(([a], [b]) => (a < b ? -1 : 1)))
    argv.push('--build-arg', `${k}=${v}`);
  for (const t of o.tags) argv.push('--tag', t);
  for (const [k, v] of Object.entries(o.labels).sort(([a], [b]) => (a < b ? -1 : 1))) argv.push('--label', `${k}=${v}`);
  if (o.network) argv.push('--network', o.network);
  for (const c of o.cacheFrom ?? []) argv.push('--cache-from', buildx ? c : classicCacheSource(c));
  for (const c of o.cacheTo ?? []) argv.push('--cache-to', c);
  if (o.platforms?.length) argv.push('--platform', o.platforms.join(','));
  for (const s of o.secrets ?? []) argv.push('--secret', s);
  for (const s of o.ssh ?? []) argv.push('--ssh', s);
  if (buildx && o.push) argv.push('--push', ...(o.metadataFile ? ['--metadata-file', o.metadataFile] : []));
  else if (buildx) argv.push('--load');
  argv.push(...(o.extraArgs ?? []), o.context);
  return argv;
}

/**
 * Cache references with placeholders, so one `targetDefaults` entry serves every environment and
 * backend: `{imageName}`, `{environment}`, `{backend}` (`-{backend}` is dropped for an image without backends).
 * `type=registry,ref=reg/ml-cache:{environment}-{backend}` → `…:prod-cu124`.
 */
export function expandCacheRefs(
  refs: readonly string[] | undefined,
  v: { imageName: string; environment: string; backend?: string },
): string[] | undefined {
  return refs?.map((r) =>
    r
      .replaceAll('-{backend}', v.backend ? `-${v.backend}` : '')
      .replaceAll('{backend}', v.backend ?? '')
      .replaceAll('{environment}', v.environment)
      .replaceAll('{imageName}', v.imageName),
  );
}

/** The repository of an image reference: `reg:5000/team/img:tag` → `reg:5000/team/img`. */
export function repositoryOf(ref: string): string {
  return ref.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^:/]+$/, '');
}

/**
 * The classic client takes image references as cache sources and splits any value at commas:
 * `type=registry,ref=reg/ml:cache` becomes `reg/ml:cache` (the image's inline cache,
 * BUILDKIT_INLINE_CACHE=1), so one option works with and without buildx. Other types are kept
 * (the engine says what it cannot do).
 */
export function classicCacheSource(source: string): string {
  const fields = Object.fromEntries(
    source.split(',').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]),
  );
  return fields['type'] === 'registry' && fields['ref'] ? fields['ref'] : source;
}

/**
 * Build args for a backend. CUDA_VERSION (from the plugin's backends) picks the CUDA base image
 * whatever the environment declares. The uv extra goes only where it is declared, as for sync:
 * BACKEND for the stages built from the workspace root (deps-dev, build-dev, a package's image)
 * when the root declares it, ENV_BACKEND for the stages of a pinned environment (deps-prod) when
 * that environment declares it — `uv sync --extra cu124` fails in a pyproject without that extra.
 */
export function backendBuildArgs(
  backend: string | undefined,
  cudaVersion: string | null | undefined,
  declaredBy: { workspace: boolean; environment: boolean } = { workspace: true, environment: false },
): Record<string, string> {
  const args: Record<string, string> = {};
  if (backend && declaredBy.workspace) args.BACKEND = backend;
  if (backend && declaredBy.environment) args.ENV_BACKEND = backend;
  if (cudaVersion) args.CUDA_VERSION = cudaVersion;
  return args;
}

/** `<image>:<env>-<backend>` and the content tag `<image>:<env>-<backend>-<hash12>`. */
export function imageTags(
  image: string,
  env: string,
  backend: string | undefined,
  contentHash: string | undefined,
): string[] {
  const base = `${image}:${env}${backend ? `-${backend}` : ''}`;
  return contentHash ? [base, `${base}-${contentHash.slice(0, 12)}`] : [base];
}
