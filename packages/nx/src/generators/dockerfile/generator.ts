import { formatFiles, Tree } from '@nx/devkit';
import { DockerfileGeneratorSchema, writeDockerfiles } from '../shared/dockerfiles';

/** `nx g @mlws/nx:dockerfile` — also called by init for a new workspace. */
export async function dockerfileGenerator(tree: Tree, options: DockerfileGeneratorSchema = {}) {
  writeDockerfiles(tree, options);
  await formatFiles(tree);
}

export default dockerfileGenerator;
