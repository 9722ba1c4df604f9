import { formatFiles, readProjectConfiguration, Tree } from '@nx/devkit';
import { DOCKERIGNORE, dockerfileUv, packageDockerfile } from '../../docker/dockerfile-uv';
import { UV_IMAGE_VERSION } from '../../docker/uv-image-version';
import { readUtf8Text } from '../shared/read-utf8-text';

export interface DockerfileGeneratorSchema {
  project?: string;
  cudaVersion?: string;
  prodEnvironment?: string;
  overwrite?: boolean;
}

/** `nx g @mlws/nx:dockerfile` — also called by init for a new workspace. */
export async function dockerfileGenerator(tree: Tree, options: DockerfileGeneratorSchema = {}) {
  writeDockerfiles(tree, options);
  await formatFiles(tree);
}

export function writeDockerfiles(tree: Tree, options: DockerfileGeneratorSchema = {}): string {
  const common = {
    uvVersion: UV_IMAGE_VERSION,
    cudaVersion: options.cudaVersion ?? '12.4.1',
    prodDir: options.prodEnvironment ?? 'prod',
  };
  let path: string;
  let text: string;
  if (options.project) {
    const project = readProjectConfiguration(tree, options.project);
    const mlws = project.metadata?.mlws as { kind?: string; distribution?: string } | undefined;
    if (mlws?.kind !== 'package')
      throw new Error(
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
    throw new Error(
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

export default dockerfileGenerator;
