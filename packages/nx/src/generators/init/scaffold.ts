import { isValidDistributionName } from '../../model/names';
import { EnvironmentOption, environmentWithRole } from '../../model/environment-roles';
import { BackendSpec } from '../shared/backend-setup';
import { environmentFile } from '../shared/locate';
import { environmentPyproject } from '../shared/environment-pyproject';
import { renderPyproject } from '../shared/pyproject-scaffold';

export const DEFAULT_PYTHON_VERSION = '3.11';
export const ROOT_DEV_GROUP = ['pytest', 'ruff'];

export interface ScaffoldInput {
  /** Root project name (a valid distribution name). */
  name: string;
  /** `.python-version`; requires-python is `>=` its major.minor. */
  pythonVersion: string;
  backends: readonly BackendSpec[];
  /** Environments beside dev (`staging`, `prod`, …). */
  environments: readonly EnvironmentOption[];
}

/**
 * The files of a new workspace: the root pyproject (the dev environment, a uv workspace over
 * `packages/*`), one pyproject per environment with an empty `[tool.uv.sources]` ready for pins
 * (staging keeps pytest, prod has no dev tools), and `.python-version`. Pure.
 */
export function scaffoldFiles(input: ScaffoldInput): Record<string, string> {
  const requiresPython = `>=${input.pythonVersion.split('.').slice(0, 2).join('.')}`;
  const files: Record<string, string> = {
    'pyproject.toml': renderPyproject({
      header: [
        `${input.name}: the root of the uv workspace = the *dev* environment (editable packages from packages/*).`,
        'New package (its own git repo, attached as a submodule): nx g @mlws/nx:package <name>',
        `Environments with pinned tags: ${input.environments.map((e) => environmentFile(e)).join(', ')}.`,
      ],
      name: input.name,
      requiresPython,
      backends: input.backends,
      groups: { dev: ROOT_DEV_GROUP },
      members: ['packages/*'],
    }),
    '.python-version': `${input.pythonVersion}\n`,
  };
  for (const env of input.environments) {
    const promoteFrom = environmentWithRole(input.environments, 'staging')?.name;
    files[environmentFile(env)] = environmentPyproject(input.name, env, requiresPython, input.backends, promoteFrom);
  }
  return files;
}

/** A distribution name from a package.json name or a directory name (`@org/My App` → `My-App`). */
export function projectNameFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw
    .replace(/^@[^/]+\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return isValidDistributionName(name) ? name : undefined;
}
