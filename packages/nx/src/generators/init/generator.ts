import { formatFiles, logger, Tree } from '@nx/devkit';
import { ensureGitignore } from './gitignore';
import { registerPlugin, registerSyncGenerator } from './register-plugin';

export interface InitGeneratorSchema {
  skipFormat?: boolean;
}

/** `nx add @mlws/nx` / `nx g @mlws/nx:init`: register the plugin and its sync generator, ignore Python build state. */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}) {
  if (registerPlugin(tree)) logger.info('@mlws/nx: added to the plugins in nx.json');
  registerSyncGenerator(tree);
  ensureGitignore(tree);
  if (!options.skipFormat) await formatFiles(tree);
}

export default initGenerator;
