import type { Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { editPyproject } from '../shared/edit-file';
import { uvForRelock } from '../shared/find-uv';
import { appendSubmoduleSection } from '../shared/gitmodules-section';
import { displayPath } from '../shared/paths-display';
import { readNormalizedOptions } from '../shared/plugin-options';
import { printPlan } from '../shared/print-plan';
import { addWorkspaceDependency, ensureWorkspaceSource } from '../shared/pyproject-edits';
import { relockSteps } from '../shared/relock';
import { checkEmptyRemote, checkIdentity, checkRootRepository } from '../shared/repository-checks';
import { lockOnDisk } from '../../plan/relock';
import { runPlan } from '../../plan/run-plan';
import { readUvTreeWorkspace } from '../shared/tree-workspace';
import { undoTreeChanges } from '../shared/undo-tree-changes';
import { userError } from '../shared/errors';
import { checkInsideWorkspace } from '../shared/inside-workspace';
import { checkPackageAgainstWorkspace } from './check-workspace';
import { packageFiles } from './files';
import { normalizePackageOptions, PackageGeneratorSchema } from './options';
import { packagePlan } from './plan';

/**
 * `nx g @mlws/nx:package <name>`: validates everything (options, workspace, git, remote, uv), then
 * writes the package and the root's edits into the tree and prints the git/uv plan; the returned
 * callback runs the plan after Nx wrote the files (never under --dry-run).
 */
export async function packageGenerator(
  tree: Tree,
  options: PackageGeneratorSchema,
  clients: Pick<Clients, 'git' | 'uv' | 'log'> = defaultClients(),
) {
  const plugin = readNormalizedOptions(tree);
  const spec = normalizePackageOptions(options, plugin);
  const ws = readUvTreeWorkspace(tree, plugin);
  checkPackageAgainstWorkspace(spec, ws, (p) => tree.exists(p));
  checkInsideWorkspace(tree.root, spec.dir, '--directory');

  let modulesDir = '';
  if (spec.submodule && spec.remote) {
    const gitDir = await checkRootRepository(clients.git, tree.root, 'or pass --no-submodule for a plain member');
    modulesDir = displayPath(tree.root, join(gitDir, 'modules', spec.dir));
    if (existsSync(join(gitDir, 'modules', spec.dir))) {
      throw userError(
        `${modulesDir} is left from an earlier submodule at ${spec.dir}: remove it (rm -rf ${modulesDir}) or choose another --directory`,
      );
    }
    await checkIdentity(clients.git, tree.root);
    await checkEmptyRemote(clients.git, tree.root, spec.remote);
  }
  const uv = await uvForRelock(clients, tree.root, spec.skipLock);

  clients.log(
    `@mlws/nx: package ${spec.name}: project ${spec.normalizedName}, import ${spec.moduleName}, directory ${spec.dir}` +
      (spec.submodule ? `, own repository ${spec.remote}` : ' (plain member of the root repository)'),
  );
  const files = packageFiles({
    name: spec.name,
    moduleName: spec.moduleName,
    version: spec.version,
    description: spec.description,
    requiresPython: requiresPython(tree, ws.model.root?.requiresPython),
    dependencies: spec.dependencies,
  });
  for (const [file, content] of Object.entries(files)) tree.write(`${spec.dir}/${file}`, content);
  const root = editPyproject('pyproject.toml', ws.texts.get('pyproject.toml') ?? '', (text) =>
    spec.dependencies.reduce(ensureWorkspaceSource, addWorkspaceDependency(text, spec.normalizedName)),
  );
  tree.write('pyproject.toml', root);
  if (spec.submodule && spec.remote) {
    tree.write(
      '.gitmodules',
      appendSubmoduleSection(ws.gitmodules, { name: spec.dir, path: spec.dir, url: spec.remote }),
    );
  }

  const relock = spec.skipLock
    ? []
    : relockSteps({
        environments: plugin.environments,
        changed: new Set(['pyproject.toml']),
        lockBefore: (p) => lockOnDisk(tree.root, p),
        dev: 'always',
      });
  const plan = packagePlan({ spec, modulesDir, relock, restoreFiles: undoTreeChanges(tree) });
  printPlan(clients.log, plan);
  if (spec.skipLock) clients.log('@mlws/nx: --skip-lock: the dev lock is not refreshed; run uv lock when ready');
  return () => runPlan(plan, { root: tree.root, git: clients.git, log: clients.log, ...(uv ? { uv } : {}) });
}

/** The root's `requires-python`, else `>=<.python-version>`, else `>=3.10`. */
function requiresPython(tree: Tree, rootRequires: string | undefined): string {
  if (rootRequires) return rootRequires;
  const pin = tree.exists('.python-version')
    ? /^\s*(\d+\.\d+)/.exec(tree.read('.python-version', 'utf-8') ?? '')
    : null;
  return pin ? `>=${pin[1]}` : '>=3.10';
}

export default packageGenerator;
