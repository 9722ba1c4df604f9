import type { Tree } from '@nx/devkit';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clients } from '../../clients/clients';
import { CommandError } from '../../process/command-error';
import { defaultClients } from '../../clients/default-clients';
import { openPackage } from '../shared/open-package';
import { editPyproject } from '../shared/edit-file';
import { uvForRelock } from '../shared/find-uv';
import { displayPath } from '../shared/paths-display';
import { printPlan } from '../shared/print-plan';
import { dropPackageReferences } from '../shared/pyproject-edits';
import { relockSteps } from '../shared/relock';
import { checkGitmodulesStaged, checkRootRepository } from '../shared/repository-checks';
import { lockOnDisk } from '../../plan/relock';
import { runPlan } from '../../plan/run-plan';
import { checkedSubmoduleGitDir } from '../shared/submodule-git-dir';
import { undoTreeChanges } from '../shared/undo-tree-changes';
import { userError } from '../shared/errors';
import { removePlan } from './plan';
import { gitDirFindings, LocalOnly, refuseLocalOnly, workTreeFindings } from './local-only';
import { dependentsOf, referenceName } from './references';
import { environmentFile, isRootEnvironment } from '../../model/environment-files';

export interface RemoveGeneratorSchema {
  name: string;
  skipLock?: boolean;
  /** Remove even what exists only here (uncommitted, ignored, unpushed commits and tags, stashes); the plan lists it. */
  force?: boolean;
}

/**
 * `nx g @mlws/nx:remove <name>`: checks nothing of the package exists only locally and nothing
 * else depends on it, drops it from the root and every environment in the tree, prints the plan;
 * the callback removes the submodule (or Nx deletes a plain member's files) and relocks.
 */
export async function removeGenerator(
  tree: Tree,
  options: RemoveGeneratorSchema,
  clients: Pick<Clients, 'git' | 'uv' | 'log'> = defaultClients(),
) {
  const { plugin, ws, found } = openPackage(tree, options.name, 'remove');
  const name = referenceName(found, ws);
  const dependents = dependentsOf(name, ws);
  if (dependents.length) {
    throw userError(
      `${dependents.join(', ')} depend${dependents.length === 1 ? 's' : ''} on ${name}: drop ${name} from the dependencies of ${dependents.join(', ')} first, then remove it`,
    );
  }

  const root = tree.root;
  let submodule: Parameters<typeof removePlan>[0]['submodule'];
  const localOnly: LocalOnly[] = [];
  if (found.submodule) {
    const gitDir = await checkRootRepository(clients.git, root, 'or edit .gitmodules by hand');
    const modulesAbs = checkedSubmoduleGitDir(root, gitDir, found.submodule, 'remove', ws.submodules);
    const dotGit = join(root, found.dir, '.git');
    const checkedOut = existsSync(dotGit);
    const ownGitDir = existsSync(modulesAbs)
      ? modulesAbs
      : checkedOut && statSync(dotGit).isDirectory()
        ? dotGit
        : undefined;
    if (checkedOut) {
      const status = await clients.git.run(['status', '--porcelain', '--untracked-files=all', '--ignored'], {
        cwd: join(root, found.dir),
      });
      if (status.exitCode !== 0)
        throw userError(
          `${new CommandError(`git -C ${found.dir} status`, status).message}: check it with git -C ${found.dir} status`,
        );
      localOnly.push(...workTreeFindings(status.stdout, found.dir, true));
    }
    if (ownGitDir) localOnly.push(...(await gitDirFindings(clients.git, root, found.dir, ownGitDir)));
    await checkGitmodulesStaged(clients.git, root);
    submodule = {
      url: found.submodule.url,
      checkedOut,
      ...(existsSync(modulesAbs)
        ? { modulesDir: displayPath(root, modulesAbs), modulesRoot: displayPath(root, join(gitDir, 'modules')) }
        : {}),
      gitmodules: ws.gitmodules,
    };
  } else {
    await checkRootRepository(clients.git, root, `or delete ${found.dir} by hand`);
    const status = await clients.git.run(
      ['status', '--porcelain', '--untracked-files=all', '--ignored', '--', found.dir],
      { cwd: root },
    );
    if (status.exitCode !== 0)
      throw userError(
        `${new CommandError(`git status -- ${found.dir}`, status).message}: check it with git status -- ${found.dir}`,
      );
    localOnly.push(...workTreeFindings(status.stdout, found.dir, false));
  }
  const lost = refuseLocalOnly(found.dir, localOnly, options.force ?? false);
  const uv = await uvForRelock(clients, root, options.skipLock ?? false);

  clients.log(
    `@mlws/nx: remove ${name} (${found.dir}${found.submodule ? `, submodule ${found.submodule.url}` : ', plain member'})`,
  );
  const changed = new Set<string>();
  for (const env of plugin.environments) {
    const file = environmentFile(env);
    const text = ws.texts.get(file);
    if (text === undefined) continue;
    const next = editPyproject(file, text, (t) =>
      dropPackageReferences(t, name, isRootEnvironment(env) ? found.dir : undefined),
    );
    if (next !== text) {
      tree.write(file, next);
      changed.add(file);
    }
  }

  const relock = options.skipLock
    ? []
    : relockSteps({
        environments: plugin.environments,
        changed,
        lockBefore: (p) => lockOnDisk(root, p),
        dev: 'if-locked',
      });
  const plan = removePlan({
    name,
    dir: found.dir,
    ...(submodule ? { submodule } : { plain: true }),
    changedFiles: [...changed],
    relock,
    restoreFiles: undoTreeChanges(tree),
  });
  printPlan(clients.log, plan);
  if (lost) clients.log(lost);
  if (options.skipLock && changed.size)
    clients.log(`@mlws/nx: --skip-lock: relock the changed environments when ready (nx run-many -t lock)`);
  return () => runPlan(plan, { root, git: clients.git, log: clients.log, ...(uv ? { uv } : {}) });
}

export default removeGenerator;
