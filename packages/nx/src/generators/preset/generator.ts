import type { Tree } from '@nx/devkit';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { initGenerator } from '../init/generator';
import { projectNameFrom } from '../init/scaffold';

export interface PresetGeneratorSchema {
  /** The workspace name create-nx-workspace was given. */
  name?: string;
  pythonVersion?: string;
  torchIndexUrl?: string;
  skipDockerfile?: boolean;
  /** create-nx-workspace passes its other options through; they are ignored. */
  [other: string]: unknown;
}

/** `npx create-nx-workspace ml --preset=@mlws/nx`: init in the new, empty workspace. */
export async function presetGenerator(
  tree: Tree,
  options: PresetGeneratorSchema,
  clients: Pick<Clients, 'git' | 'log'> = defaultClients(),
) {
  const name = projectNameFrom(options.name);
  return initGenerator(
    tree,
    {
      ...(name ? { name } : {}),
      ...(options.pythonVersion ? { pythonVersion: options.pythonVersion } : {}),
      ...(options.torchIndexUrl ? { torchIndexUrl: options.torchIndexUrl } : {}),
      ...(options.skipDockerfile ? { skipDockerfile: true } : {}),
    },
    clients,
  );
}

export default presetGenerator;
