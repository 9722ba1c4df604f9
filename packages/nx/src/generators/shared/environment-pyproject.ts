import type { EnvironmentOption } from '../../model/environment-roles';
import type { BackendSpec } from './backend-setup';
import { renderPyproject } from './pyproject-scaffold';

/**
 * The pyproject of an environment beside dev: no pins yet, the backends of the root; its header
 * says what its role is for (`promoteFrom`: the staging environment's name, when there is one).
 */
export function environmentPyproject(
  rootName: string,
  env: EnvironmentOption,
  requiresPython: string,
  backends: readonly BackendSpec[],
  promoteFrom?: string,
): string {
  const example = backends.find((b) => b.name !== 'cpu')?.name ?? backends[0]?.name;
  const sync = `uv lock --project ${env.path} && uv sync --project ${env.path} --frozen${example ? ` --extra ${example}` : ''}`;
  const header =
    env.role === 'prod'
      ? [
          `${env.name}: internal packages pinned to *stable* tags; no dev tools.`,
          promoteFrom
            ? `Promote ${promoteFrom}: nx g @mlws/nx:promote --from ${promoteFrom} --to ${env.name}`
            : `Promote: nx g @mlws/nx:promote --from <environment> --to ${env.name}`,
          sync,
        ]
      : env.role === 'staging'
        ? [
            `${env.name}: internal packages pinned to *dev* tags, for pre-release testing.`,
            `Pin one: nx g @mlws/nx:pin <package> --env ${env.name} --tag v0.1.0.dev0`,
            sync,
          ]
        : [
            `${env.name}: internal packages pinned by git tag.`,
            `Pin one: nx g @mlws/nx:pin <package> --env ${env.name} --tag <tag>`,
            sync,
          ];
  return renderPyproject({
    header,
    name: `${rootName}-${env.name}`,
    requiresPython,
    backends,
    ...(env.role === 'staging' ? { groups: { dev: ['pytest'] } } : {}),
  });
}
