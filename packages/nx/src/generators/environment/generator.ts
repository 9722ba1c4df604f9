import type { Tree } from '@nx/devkit';
import { minimatch } from 'minimatch';
import { normalizeWorkspacePath } from '../../model/paths';
import { readPyproject } from '../../model/pyproject';
import { environmentPyproject } from '../init/scaffold';
import { readBackendSetup } from '../shared/backend-setup';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { say } from '../shared/say';
import { fail, failAll } from '../shared/errors';
import { environmentFile } from '../shared/locate';
import { badEnvironmentName } from '../shared/names';
import {
  explicitEnvironments,
  readNormalizedOptions,
  readPluginOptions,
  updatePluginOptions,
} from '../shared/plugin-options';
import { readUtf8Text } from '../shared/read-utf8-text';

export interface EnvironmentGeneratorSchema {
  name: string;
  directory?: string;
}

/** `nx g @mlws/nx:environment <name> [--directory <dir>]`. */
export async function environmentGenerator(
  tree: Tree,
  options: EnvironmentGeneratorSchema,
  clients: Pick<Clients, 'log'> = defaultClients(),
) {
  const opts = readNormalizedOptions(tree);
  const raw = readPluginOptions(tree);
  const listed = explicitEnvironments(raw).map((e) =>
    typeof e === 'string' ? { name: e, path: e } : { name: e.name, path: normalizeWorkspacePath(e.path) ?? e.path },
  );
  const mine = listed.find((e) => e.name === options.name);
  const dir =
    options.directory !== undefined ? normalizeWorkspacePath(options.directory) : (mine?.path ?? options.name);

  const rootText = readUtf8Text(tree, 'pyproject.toml');
  const root = rootText === null ? undefined : readPyproject('pyproject.toml', rootText);
  const problems: string[] = [];
  const badName = badEnvironmentName(options.name);
  if (badName) problems.push(badName);
  else if (options.name === opts.devEnvironment)
    problems.push(`${options.name} is the dev environment (the root pyproject.toml): choose another name`);
  if (dir === undefined || dir === '.')
    problems.push(`--directory ${options.directory} must be a directory inside the workspace, not the root`);
  if (!root) problems.push('there is no pyproject.toml at the root: run nx g @mlws/nx:init first');
  else if (!root.ok) problems.push(root.error.message);
  if (dir && mine && mine.path !== dir)
    problems.push(`${options.name} is already listed in nx.json with the directory ${mine.path}, not ${dir}`);
  const clash = listed.find((e) => e.path === dir && e.name !== options.name);
  if (dir && clash) problems.push(`${dir} is already the directory of the ${clash.name} environment`);
  const ws = root?.ok ? root.pyproject.workspace : undefined;
  if (
    dir &&
    ws &&
    ws.members.some((g) => minimatch(dir, normalizeWorkspacePath(g) ?? g)) &&
    !ws.exclude.some((g) => minimatch(dir, normalizeWorkspacePath(g) ?? g))
  ) {
    problems.push(
      `${dir} is inside the uv workspace members (${ws.members.join(', ')}): an environment lives outside them`,
    );
  }
  const file = dir ? environmentFile({ path: dir }) : '';
  const exists = dir !== undefined && tree.isFile(file);
  if (mine && exists) problems.push(`${options.name} is already an environment (${file})`);
  failAll(problems);
  if (!dir || !root?.ok || !rootText) return;

  if (exists) {
    const read = readPyproject(file, readUtf8Text(tree, file) ?? '');
    if (!read.ok) fail(read.error.message);
    say(clients, `adopted ${file} as it is as the ${options.name} environment`);
  } else {
    const text = environmentPyproject(
      root.pyproject.name ?? 'workspace',
      { name: options.name, path: dir },
      root.pyproject.requiresPython ?? '>=3.11',
      readBackendSetup(rootText, opts.backends),
    );
    tree.write(file, text);
    say(
      clients,
      `new environment ${options.name}: ${file} (no pins yet: nx g @mlws/nx:pin <package> --env ${options.name} --tag <tag>)`,
    );
  }
  if (!mine) {
    updatePluginOptions(tree, (o) => ({
      ...o,
      environments: [
        ...explicitEnvironments(o),
        dir === options.name ? options.name : { name: options.name, path: dir },
      ],
    }));
    say(clients, `listed ${options.name} in the @mlws/nx plugin options (nx.json "environments")`);
  }
}

export default environmentGenerator;
