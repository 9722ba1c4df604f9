import { formatFiles, Tree } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { DockerfileGeneratorSchema, writeDockerfiles } from '../shared/dockerfiles';

/** `nx g @mlws/nx:dockerfile` — also called by init for a new workspace. */
export async function dockerfileGenerator(
  tree: Tree,
  options: DockerfileGeneratorSchema = {},
  clients: Pick<Clients, 'log'> = defaultClients(),
) {
  const path = writeDockerfiles(tree, options);
  clients.log(`@mlws/nx: wrote ${path}`);
  await formatFiles(tree);
}

export default dockerfileGenerator;
