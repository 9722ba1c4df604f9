import { readProjectConfiguration, Tree } from '@nx/devkit';
import { DOCKERIGNORE, dockerfileUv, packageDockerfile } from '../../docker/dockerfile-uv';
import { UV_IMAGE_VERSION } from '../../docker/uv-image-version';
import { environmentWithRole } from '../../model/environment-roles';
import { fail } from './errors';
import { readNormalizedOptions } from './plugin-options';
import { readUtf8Text } from './read-utf8-text';

export interface DockerfileGeneratorSchema {
  project?: string;
  cudaVersion?: string;
  /** Directory of the prod environment's pyproject; default: that of the environment with the prod role. */
  prodEnvironment?: string;
  overwrite?: boolean;
}

/**
 * Writes docker/Dockerfile-uv (or a package's own Dockerfile with `project`) and the lines of
 * .dockerignore it needs: the dockerfile generator, and init for a new workspace.
 */
export function writeDockerfiles(tree: Tree, options: DockerfileGeneratorSchema = {}): string {
  const common = {
    uvVersion: UV_IMAGE_VERSION,
    cudaVersion: options.cudaVersion ?? '12.4.1',
    prodDir: options.prodEnvironment ?? prodEnvironmentDir(tree),
  };
  let path: string;
  let text: string;
  if (options.project) {
    const project = readProjectConfiguration(tree, options.project);
    const mlws = project.metadata?.mlws as { kind?: string; distribution?: string } | undefined;
    if (mlws?.kind !== 'package')
      fail(
        `${options.project} is not a package project of @mlws/nx: pass a package name (nx show projects --projects=tag:uv:package)`,
      );
    path = `${project.root}/Dockerfile`;
    text = packageDockerfile({
      ...common,
      packageDir: project.root,
      distribution: mlws.distribution ?? options.project,
    });
  } else {
    path = 'docker/Dockerfile-uv';
    text = dockerfileUv(common);
  }
  if (tree.exists(path) && !options.overwrite) {
    fail(
      `${path} already exists: keep it, or replace it with nx g @mlws/nx:dockerfile${options.project ? ` --project ${options.project}` : ''} --overwrite`,
    );
  }
  tree.write(path, text);
  const ignore = tree.exists('.dockerignore') ? (readUtf8Text(tree, '.dockerignore') ?? '') : '';
  const have = new Set(ignore.split('\n').map((l) => l.trim()));
  const missing = DOCKERIGNORE.split('\n').filter((l) => l && !have.has(l));
  if (missing.length)
    tree.write('.dockerignore', `${ignore}${ignore && !ignore.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
  return path;
}

/** The directory of the environment with the prod role in the plugin's options (`prod` by default). */
function prodEnvironmentDir(tree: Tree): string {
  const prod = environmentWithRole(readNormalizedOptions(tree).environments, 'prod');
  if (!prod)
    fail(
      'no environment has the prod role, and the Dockerfile installs the prod environment: give one environment role "prod" in the @mlws/nx plugin options of nx.json, or pass --prodEnvironment <dir>',
    );
  return prod.path;
}
