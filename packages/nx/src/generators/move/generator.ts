import type { Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Clients } from '../../clients/clients';
import { defaultClients } from '../../clients/default-clients';
import { openPackage } from '../shared/open-package';
import { editPyproject } from '../shared/edit-file';
import { uvForRelock } from '../shared/find-uv';
import { displayPath } from '../shared/paths-display';
import { printPlan } from '../shared/print-plan';
import { retargetPaths } from '../shared/pyproject-edits';
import { relockSteps } from '../shared/relock';
import { checkGitmodulesStaged, checkRootRepository } from '../shared/repository-checks';
import { lockOnDisk } from '../../plan/relock';
import { runPlan } from '../../plan/run-plan';
import { checkInsideWorkspace } from '../shared/inside-workspace';
import { checkedSubmoduleGitDir } from '../shared/submodule-git-dir';
import { undoTreeChanges } from '../shared/undo-tree-changes';
import { userError } from '../shared/errors';
import { checkMoveTarget } from './check-target';
import { movePlan, MovePlanInput } from './plan';

export interface MoveGeneratorSchema {
  name: string;
  to: string;
  skipLock?: boolean;
}

/**
 * `nx g @mlws/nx:move <name> --to <dir>`: checks the target, rewrites the path sources and
 * members entries that point at the package in the tree, prints the plan; the callback moves it
 * with git mv (submodule: .gitmodules, work tree, core.worktree, sync) and relocks.
 */
export async function moveGenerator(
  tree: Tree,
  options: MoveGeneratorSchema,
  clients: Pick<Clients, 'git' | 'uv' | 'log'> = defaultClients(),
) {
  const { plugin, ws, found } = openPackage(tree, options.name, 'move');
  const to = checkMoveTarget(found, options.to, ws, { exists: (p) => tree.exists(p), isFile: (p) => tree.isFile(p) });
  const from = found.dir;
  const root = tree.root;
  checkInsideWorkspace(root, to, '--to');

  const gitDir = await checkRootRepository(clients.git, root, `or move ${from} by hand`);
  let submodule: MovePlanInput['submodule'];
  if (found.submodule) {
    await checkGitmodulesStaged(clients.git, root);
    const modulesAbs = checkedSubmoduleGitDir(root, gitDir, found.submodule, 'move', ws.submodules);
    const checkedOut = existsSync(join(root, from, '.git'));
    const hasModules = existsSync(modulesAbs);
    submodule = {
      url: found.submodule.url,
      checkedOut,
      ...(hasModules ? { modulesDir: displayPath(root, modulesAbs) } : {}),
      ...(hasModules
        ? {
            worktree: {
              from: posixRelative(modulesAbs, join(root, from)),
              to: posixRelative(modulesAbs, join(root, to)),
            },
          }
        : {}),
    };
  } else {
    const tracked = await clients.git.run(['ls-files', '--', from], { cwd: root });
    if (tracked.exitCode !== 0 || !tracked.stdout.trim())
      throw userError(`${from} is not tracked by git, and git mv moves it: git add ${from} (and commit), then move it`);
  }
  const uv = await uvForRelock(clients, root, options.skipLock ?? false);

  clients.log(
    `@mlws/nx: move ${found.name} from ${from} to ${to}${found.submodule ? ` (submodule "${found.submodule.name}")` : ''}`,
  );
  const changed = new Set<string>();
  for (const [file, text] of ws.texts) {
    const fileAfter = file.startsWith(`${from}/`) ? `${to}${file.slice(from.length)}` : file;
    const next = editPyproject(file, text, (t) => retargetPaths(t, file, from, to, fileAfter));
    if (next !== text) {
      tree.write(file, next);
      changed.add(file);
    }
  }

  const parents = to
    .split('/')
    .slice(0, -1)
    .map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const newParent = parents.find((p) => !tree.exists(p));
  const relock = options.skipLock
    ? []
    : relockSteps({
        environments: plugin.environments,
        changed,
        lockBefore: (p) => lockOnDisk(root, p),
        dev: 'if-locked',
        // uv reads a member's recorded path from the lock and fails when it moved, unless told to re-resolve it
        devArgs: found.node ? ['--upgrade-package', found.node.pyproject.name ?? found.name] : [],
      });
  const plan = movePlan({
    name: found.name,
    from,
    to,
    ...(newParent ? { newParent } : {}),
    ...(submodule ? { submodule } : {}),
    changedFiles: [...changed],
    relock,
    restoreFiles: undoTreeChanges(tree),
  });
  printPlan(clients.log, plan);
  if (options.skipLock)
    clients.log(
      `@mlws/nx: --skip-lock: the lock still records the old path; run uv lock --upgrade-package ${found.name} when ready`,
    );
  return () => runPlan(plan, { root, git: clients.git, log: clients.log, ...(uv ? { uv } : {}) });
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split('\\').join('/');
}

export default moveGenerator;
