import { toolStateExclusions } from '../model/tool-state';
import type { TargetConfiguration } from '@nx/devkit';
import type { EnvironmentNode, ImageNode, PackageNode, WorkspaceModel } from '../model/workspace';
import type { NormalizedOptions } from '../model/options';

const PLUGIN = '@mlws/nx';
type Targets = Record<string, TargetConfiguration>;

/**
 * docker-build (cacheable: output = the image record) and docker-run (verifies the image, never
 * cached) for one image of one environment (or a package's own image). One configuration per
 * backend; the backend also comes from MLWS_TORCH_BACKEND, an input of the build.
 *
 * Inputs are what the image is built from: for dev the members' working trees; for staging/prod
 * only their pyproject + lock (pins by tag), so a package edit never rebuilds the prod image.
 */
export function imageTargets(
  image: ImageNode,
  subject:
    { kind: 'environment'; env: EnvironmentNode } | { kind: 'package'; pkg: PackageNode } | { kind: 'standalone' },
  model: WorkspaceModel,
  o: NormalizedOptions,
): Targets {
  const t: Targets = {};
  const names = o.targetNames;
  const imageName = o.imageName ?? model.root?.normalizedName ?? image.name;
  const environment =
    subject.kind === 'environment'
      ? subject.env.name
      : subject.kind === 'package'
        ? 'runtime'
        : (image.stages[image.stages.length - 1] ?? 'latest');
  const recordName =
    subject.kind === 'environment' ? subject.env.name : subject.kind === 'package' ? subject.pkg.name : image.name;
  const recordFile = `dist/docker/${recordName}.json`;
  const configurations = Object.fromEntries(Object.keys(o.backends).map((b) => [b, { backend: b }]));
  const common = [
    `{workspaceRoot}/${image.dockerfile}`,
    '{workspaceRoot}/.dockerignore',
    '{workspaceRoot}/.python-version',
    { env: 'MLWS_TORCH_BACKEND' },
  ];
  let inputs: TargetConfiguration['inputs'];
  let options: Record<string, unknown>;
  if (subject.kind === 'environment') {
    const env = subject.env;
    const lock = env.root === '.' ? 'uv.lock' : `${env.root}/uv.lock`;
    inputs = [
      ...common,
      `{workspaceRoot}/${env.pyproject.file}`,
      `{workspaceRoot}/${lock}`,
      ...(env.root === '.' ? workingTrees(model) : []),
    ];
    options = { environment: env.name, environmentRoot: env.root, target: env.name };
  } else if (subject.kind === 'package') {
    inputs = [
      ...common,
      '{workspaceRoot}/pyproject.toml',
      '{workspaceRoot}/uv.lock',
      'python-sources',
      '^python-sources',
    ];
    options = { environment: 'runtime', environmentRoot: '.', target: 'runtime' };
  } else {
    inputs = [...common, '{workspaceRoot}/pyproject.toml', '{workspaceRoot}/uv.lock', ...workingTrees(model)];
    options = { environment, environmentRoot: '.', target: environment };
  }
  options = {
    ...options,
    dockerfile: image.dockerfile,
    imageName: subject.kind === 'package' ? subject.pkg.name : imageName,
    recordFile,
    backends: o.backends,
    ...(o.defaultBackend ? { defaultBackend: o.defaultBackend } : {}),
  };
  const buildName = names.dockerBuild;
  if (buildName) {
    t[buildName] = {
      executor: `${PLUGIN}:docker-build`,
      options,
      configurations,
      cache: true,
      inputs,
      outputs: [`{workspaceRoot}/${recordFile}`],
      metadata: {
        description: `docker build -f ${image.dockerfile} --target ${options.target} --build-arg CUDA_VERSION=<from backend> -t ${options.imageName}:${environment}-<backend>`,
        technologies: ['docker'],
        help: {
          command: 'docker build --help',
          example: { options: { backend: 'cu124', buildArgs: { FLASH_ATTN_VERSION: '2.7.4.post1' } } },
        },
      },
    };
  }
  if (names.dockerRun && buildName) {
    t[names.dockerRun] = {
      executor: `${PLUGIN}:docker-run`,
      options: {
        recordFile,
        buildTarget: `${subject.kind === 'environment' ? subject.env.name : recordName}:${buildName}`,
      },
      configurations: Object.fromEntries(Object.keys(o.backends).map((b) => [b, {}])),
      dependsOn: [buildName],
      cache: false,
      metadata: {
        description: `docker run --rm on the ${environment} image, after checking the engine still has it (pull by digest or rebuild)`,
        technologies: ['docker'],
      },
    };
  }
  return t;
}

function workingTrees(model: WorkspaceModel): string[] {
  const dirs = [
    ...(model.root?.workspace?.members ?? []).map((g) => g.replace(/^\.\/|\/+$/g, '')),
    ...model.packages.filter((p) => p.origin === 'path').map((p) => p.root),
  ];
  // the members' sources, as in the .dockerignore: not their build output or tool state
  return dirs.flatMap((d) => [`{workspaceRoot}/${d}/**/*`, ...toolStateExclusions(`{workspaceRoot}/${d}`)]);
}
