import { dirOf } from './paths';
import type { EnvironmentNode, ImageNode, PackageNode, Problem, WorkspaceInput } from './workspace';

/**
 * The image projects of the Dockerfiles (one per directory): a Dockerfile in a package directory
 * belongs to that package; one with stages named after environments is the environments' image
 * (`imageBase`); any other is a standalone image named after its directory. `taken` (name → file)
 * refuses a name a package or environment has.
 */
export function imageNodes(
  input: Pick<WorkspaceInput, 'dockerfiles' | 'dockerfileStages'>,
  packages: readonly PackageNode[],
  environments: readonly EnvironmentNode[],
  imageBase: string,
  taken: Map<string, string>,
  problems: Problem[],
): ImageNode[] {
  const packageAt = new Map(packages.map((p) => [p.root, p]));
  const images: ImageNode[] = [];
  for (const dockerfile of [...input.dockerfiles].sort()) {
    const dir = dirOf(dockerfile);
    if (images.some((i) => i.root === dir)) continue;
    const stages = input.dockerfileStages?.[dockerfile] ?? [];
    const pkg = packageAt.get(dir);
    if (pkg) {
      images.push({
        kind: 'image',
        name: pkg.name,
        root: dir,
        dockerfile,
        packageName: pkg.name,
        stages,
        environments: [],
      });
      continue;
    }
    const envs = environments.filter((e) => stages.includes(e.name.toLowerCase())).map((e) => e.name);
    if (envs.length) {
      images.push({ kind: 'image', name: imageBase, root: dir, dockerfile, stages, environments: envs });
      continue;
    }
    const name = dir === 'docker' || dir === '.' ? imageBase : `${imageBase}-${dir.replace(/[/\\]+/g, '-')}`;
    if (taken.has(name)) {
      problems.push({
        level: 'error',
        message: `${dockerfile}: the image project name "${name}" is already used by ${taken.get(name)}; set "imageName" in the @mlws/nx plugin options`,
      });
      continue;
    }
    taken.set(name, dockerfile);
    images.push({ kind: 'image', name, root: dir, dockerfile, stages, environments: [] });
  }
  return images;
}
