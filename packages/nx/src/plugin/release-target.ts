import type { TargetConfiguration } from '@nx/devkit';
import type { PackageNode, WorkspaceModel } from '../model/workspace';
import { namesWithRoles, RELEASE_PIN_ROLES } from '../model/environment-roles';
import type { NormalizedOptions } from '../model/options';

/**
 * The inferred `release` target of a package project: only for a workspace member that is a git
 * submodule (release tags and pushes the package's own repository). Never cached; one at a time,
 * because every release commits in the root repository. Wire it as
 * `t[o.targetNames.release] = releaseTarget(pkg, model, o)` when it returns a target.
 */
export function releaseTarget(
  pkg: PackageNode,
  model: WorkspaceModel,
  options: NormalizedOptions,
): TargetConfiguration | undefined {
  if (options.targetNames.release === false) return undefined;
  if (pkg.origin !== 'member' || !pkg.submodule) return undefined;
  const distribution = pkg.pyproject.name ?? pkg.name;
  const environments = model.environments
    .filter((e) => e.role !== 'dev')
    .map((e) => ({ name: e.name, path: e.root, role: e.role }));
  // what a final release pins by default (the executor's stableEnvironments)
  const pins = namesWithRoles(environments, RELEASE_PIN_ROLES.stable);
  return {
    executor: '@mlws/nx:release',
    options: { ...(options.tagPrefix !== undefined ? { tagPrefix: options.tagPrefix } : {}), environments },
    cache: false,
    parallelism: false,
    metadata: {
      description: `Release ${distribution}: --bump dev|patch|minor|major|stable → PEP 440 version, commit, tag ${options.tagPrefix ?? '<the prefix its tags use>'}<version> and push ${pkg.root}, GitHub release${pins.length ? `, pin ${pins.join('/')}` : ''}, relock, root commit; --dry-run, --resume`,
      technologies: ['python', 'uv', 'git'],
    },
  };
}
