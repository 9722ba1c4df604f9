import { formatFiles, Tree } from '@nx/devkit';
import { writeDockerfiles } from '../shared/dockerfiles';
import { environmentWithRole } from '../../model/environment-roles';
import { DEFAULT_BACKENDS } from '../../model/options';
import { defaultBackendSpecs, PYTORCH_INDEX_BASE } from '../shared/backend-setup';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { say } from '../shared/say';
import { failAll } from '../shared/errors';
import { badPackageName } from '../shared/names';
import { readNormalizedOptions } from '../shared/plugin-options';
import { readTreeWorkspace } from '../shared/tree-workspace';
import { adoptionReport } from './adopt';
import { backendReport, memberTags, tagReport } from './conventions';
import { ensureGitignore, gitignoreReport, planGitignore } from './gitignore';
import { showMembersToNx } from './nx-visibility';
import { registerPlugin, registerSyncGenerator } from './register-plugin';
import { DEFAULT_PYTHON_VERSION, projectNameFrom, scaffoldFiles } from './scaffold';

export interface InitGeneratorSchema {
  /** Name of the root project (default: package.json's name, else the directory's). */
  name?: string;
  /** `.python-version` of a new workspace. */
  pythonVersion?: string;
  /** Base URL of the PyTorch indexes: `<base>/<backend>` (default https://download.pytorch.org/whl). */
  torchIndexUrl?: string;
  /** Do not write docker/Dockerfile-uv in a new workspace. */
  skipDockerfile?: boolean;
  /** Default true: re-include in `.nxignore` the members a git ignore rule hides from Nx (git is unchanged). */
  nxignore?: boolean;
  skipFormat?: boolean;
}

/**
 * `nx add @mlws/nx` / `nx g @mlws/nx:init` (and the create-nx-workspace preset): registers the
 * plugin and its sync generator, ignores Python build state, and then
 * - in an empty repository (no root pyproject.toml) scaffolds the uv workspace: root, staging and
 *   prod pyprojects with the backend extras, `.python-version`, `docker/Dockerfile-uv`;
 * - in an existing one adopts it: no pyproject is written, what is missing is reported, with what
 *   it found (backends, release tags) and what it chose (ignore handling).
 * No ignore line is added over a path the repository tracks (asked of git).
 */
export async function initGenerator(
  tree: Tree,
  options: InitGeneratorSchema = {},
  clients: Pick<Clients, 'git' | 'log'> = defaultClients(),
) {
  const git = clients.git;
  const name =
    options.name ??
    projectNameFrom(packageJsonName(tree)) ??
    projectNameFrom(tree.root.split('/').pop()) ??
    'workspace';
  const pythonVersion = options.pythonVersion ?? DEFAULT_PYTHON_VERSION;
  const indexBase = options.torchIndexUrl ?? PYTORCH_INDEX_BASE;
  failAll(
    [
      options.name !== undefined ? badPackageName(options.name) : undefined,
      /^3\.\d+(\.\d+)?$/.test(pythonVersion)
        ? undefined
        : `--python-version ${pythonVersion} is not a Python 3 version (e.g. 3.11 or 3.12.4)`,
      /^(https?|file):\/\/[^\s"'\\]+$/.test(indexBase)
        ? undefined
        : `--torch-index-url ${indexBase} is not an http(s) or file URL`,
    ].filter((x): x is string => x !== undefined),
  );

  if (registerPlugin(tree)) say(clients, 'added to the plugins in nx.json');
  registerSyncGenerator(tree);
  const gitignore = await planGitignore(tree, git);
  ensureGitignore(tree, gitignore.add);
  const opts = readNormalizedOptions(tree);

  if (tree.exists('pyproject.toml')) {
    for (const line of adoptionReport(tree, opts)) say(clients, line);
    const ws = readTreeWorkspace(tree, opts);
    const found = [backendReport(ws, opts), tagReport(await memberTags(git, tree.root, ws))];
    for (const line of found) if (line) say(clients, line);
    for (const line of await showMembersToNx(tree, git, ws, options.nxignore !== false)) say(clients, line);
  } else {
    const backendNames = Object.keys(opts.backends ?? DEFAULT_BACKENDS);
    const files = scaffoldFiles({
      name,
      pythonVersion,
      backends: defaultBackendSpecs(backendNames, indexBase),
      environments: opts.environments.filter((e) => e.path !== '.'),
    });
    const kept: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      if (tree.exists(path)) kept.push(path);
      else tree.write(path, text);
    }
    say(
      clients,
      `new uv workspace "${name}": backends ${backendNames.join(', ')} (indexes under ${indexBase}), Python ${pythonVersion}`,
    );
    if (kept.length) say(clients, `kept as they are: ${kept.join(', ')}`);
    if (!options.skipDockerfile && !tree.exists('docker/Dockerfile-uv')) {
      const prod = environmentWithRole(opts.environments, 'prod');
      if (prod) writeDockerfiles(tree, { prodEnvironment: prod.path });
      else
        say(
          clients,
          'docker/Dockerfile-uv was not written: no environment has the prod role (its image installs prod); add one with nx g @mlws/nx:environment <name> --role prod, then run nx g @mlws/nx:dockerfile',
        );
    }
  }
  for (const line of gitignoreReport(gitignore)) say(clients, line);
  if (!options.skipFormat) await formatFiles(tree);
}

function packageJsonName(tree: Tree): string | undefined {
  if (!tree.isFile('package.json')) return undefined;
  try {
    const name = (JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

export default initGenerator;
