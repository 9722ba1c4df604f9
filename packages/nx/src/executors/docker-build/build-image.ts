import type { ExecutorContext } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  backendBuildArgs,
  dockerBuildArgv,
  expandCacheRefs,
  imageTags,
  needsBuildx,
  repositoryOf,
} from '../../docker/docker-argv';
import { defaultRecordFile, formatImageRecord, ImageRecord, recordedArgv } from '../../docker/image-record';
import { DEFAULT_BACKENDS, normalizeOptions } from '../../model/options';
import { resolveBackend } from '../shared/backend';
import { readEnvironment } from '../shared/environment';
import { info } from '../shared/fail';
import { pluginOptionsOf } from '../shared/plugin-options';
import type { DockerBuildExecutorOptions } from './options';

export type BuildOutcome = { ok: true; record: ImageRecord; recordFile: string } | { ok: false; message: string };

/**
 * Builds the image of one environment and writes its record (`clients.process`: for nvidia-smi, when the
 * backend is `auto`).
 */
export async function buildImage(
  o: DockerBuildExecutorOptions,
  context: ExecutorContext,
  gitRevision: string | undefined,
  clients: Pick<Clients, 'docker' | 'env' | 'process' | 'log'>,
): Promise<BuildOutcome> {
  const { docker, env } = clients;
  const root = context.root;
  const projectName = context.projectName ?? 'image';
  const cudaVersions = o.backends ?? DEFAULT_BACKENDS;
  const plugin = normalizeOptions(pluginOptionsOf(context));
  const envRoot = o.environmentRoot ?? plugin.environments.find((e) => e.name === o.environment)?.path ?? o.environment;
  const found = readEnvironment(root, o.environment, envRoot, cudaVersions);
  if (!found.ok) return { ok: false, message: found.message };
  const pyprojectFile = found.env.pyprojectFile;
  const own = found.env.backends;
  const devFound = envRoot === '.' ? undefined : readEnvironment(root, plugin.devEnvironment, '.', cudaVersions);
  const rootDeclared = envRoot === '.' ? own : devFound?.ok ? devFound.env.backends : [];
  // staging/prod pyprojects often declare no backends of their own: the dev root's are the menu
  const declared = own.length ? own : rootDeclared;
  // as sync, test and lint choose it: --backend, MLWS_TORCH_BACKEND, defaultBackend; `auto` asks nvidia-smi
  const choice = await resolveBackend(
    o,
    declared,
    cudaVersions,
    `the ${o.environment} image (${pyprojectFile})`,
    clients,
    root,
  );
  if (!choice.ok) return { ok: false, message: choice.message };
  if (choice.note) info(clients.log, choice.note);
  const backend = choice.backend;

  const hash = taskHash(context, env);
  const image = o.imageName ?? projectName;
  // the extra goes only to the pyprojects that declare it (the backend still picks the CUDA base image)
  const declaredBy = {
    workspace: !!backend && rootDeclared.includes(backend),
    environment: !!backend && envRoot !== '.' && own.includes(backend),
  };
  const buildArgs = {
    ...backendBuildArgs(backend, backend ? cudaVersions[backend] : undefined, declaredBy),
    ...(o.buildArgs ?? {}),
  };
  const buildx = needsBuildx(o);
  if (buildx) {
    const probe = await docker.run(['buildx', 'version'], { cwd: root, stream: false });
    if (probe.exitCode !== 0) {
      return {
        ok: false,
        message: `cacheTo and several platforms need docker buildx, which ${docker.program} does not have: install the buildx plugin, or drop cacheTo/platforms from the docker-build options (cacheFrom works without it)`,
      };
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), 'mlws-iid-'));
  const iidfile = join(tmp, 'iid');
  const metadataFile = join(tmp, 'metadata.json');
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': `${image}:${o.environment}`,
    ...(gitRevision ? { 'org.opencontainers.image.revision': gitRevision } : {}),
    ...(hash ? { 'org.opencontainers.image.version': hash.slice(0, 12) } : {}),
    'org.opencontainers.image.source': o.dockerfile ?? 'docker/Dockerfile-uv',
    'dev.mlws.environment': o.environment,
    ...(backend ? { 'dev.mlws.backend': backend } : {}),
  };
  const argv = dockerBuildArgv({
    dockerfile: o.dockerfile ?? 'docker/Dockerfile-uv',
    context: o.context ?? '.',
    target: o.target ?? o.environment,
    buildArgs,
    tags: imageTags(image, o.environment, backend, hash),
    labels,
    iidfile,
    metadataFile: buildx && o.push ? metadataFile : undefined,
    network: o.network,
    cacheFrom: expandCacheRefs(o.cacheFrom, { imageName: image, environment: o.environment, backend }),
    cacheTo: expandCacheRefs(o.cacheTo, { imageName: image, environment: o.environment, backend }),
    platforms: o.platforms,
    secrets: o.secrets,
    ssh: o.ssh,
    push: o.push,
    extraArgs: o.args,
  });
  try {
    const shown = recordedArgv(argv, { iidfile, metadataFile });
    info(clients.log, `${docker.program} ${shown.join(' ')}`);
    const r = await docker.run(argv, { cwd: root });
    if (r.startError)
      return {
        ok: false,
        message: `${docker.program} could not be started (${r.startError}): install Docker, or set DOCKER to the docker client`,
      };
    if (r.exitCode !== 0)
      return {
        ok: false,
        message: `docker build of ${imageTags(image, o.environment, backend, hash)[0]} failed with exit code ${r.exitCode} (see the build output above)`,
      };
    const imageId = readFileSync(iidfile, 'utf8').trim();
    const tags = imageTags(image, o.environment, backend, hash);
    // a buildx push names the pushed manifest in its metadata; a classic build is pushed afterwards
    const pushed = buildx && o.push ? pushedDigest(metadataFile) : undefined;
    const record: ImageRecord = {
      imageId,
      ...(pushed ? { digest: `${repositoryOf(tags[0])}@${pushed}` } : {}),
      tags,
      target: o.target ?? o.environment,
      ...(backend ? { backend } : {}),
      buildArgs,
      argv: shown,
    };
    const recordFile = o.recordFile ?? defaultRecordFile(projectName);
    mkdirSync(dirname(join(root, recordFile)), { recursive: true });
    writeFileSync(join(root, recordFile), formatImageRecord(record));
    return { ok: true, record, recordFile };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function pushedDigest(metadataFile: string): string | undefined {
  try {
    const digest = (JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>)['containerimage.digest'];
    return typeof digest === 'string' && digest.startsWith('sha256:') ? digest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * This task's hash: Nx ≤ 23 puts it on the task graph it passes; Nx 24 strips result fields from
 * that graph and gives each task its own as NX_TASK_HASH (taken only when NX_TASK_TARGET_* name
 * this very task, never a parent run's).
 */
export function taskHash(context: ExecutorContext, env: Record<string, string | undefined>): string | undefined {
  const fromGraph = context.taskGraph?.tasks?.[currentTaskId(context)]?.hash;
  if (fromGraph) return fromGraph;
  const same =
    env.NX_TASK_TARGET_PROJECT === context.projectName &&
    env.NX_TASK_TARGET_TARGET === context.targetName &&
    (env.NX_TASK_TARGET_CONFIGURATION || undefined) === (context.configurationName || undefined);
  return same && env.NX_TASK_HASH ? env.NX_TASK_HASH : undefined;
}

function currentTaskId(context: ExecutorContext): string {
  const t = context.targetName ?? '';
  const c = context.configurationName;
  return `${context.projectName}:${t}${c ? `:${c}` : ''}`;
}
