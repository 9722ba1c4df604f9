import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredBackends } from '../../model/backend';
import { parseGitmodules } from '../../model/gitmodules';
import { Pyproject, readPyproject } from '../../model/pyproject';
import { pythonPinDrift, readPythonPin } from '../../model/python-version';

/** What an executor needs to know about one environment (dev, staging, prod, …). */
export interface EnvironmentFacts {
  name: string;
  /** Workspace-relative directory (`.` for dev). */
  root: string;
  pyprojectFile: string;
  pyproject: Pyproject;
  lockFile: string;
  venv: string;
  backends: string[];
  /** `.python-version` drift against requires-python, as a one-line message. */
  pythonDrift?: string;
  /** Submodules in .gitmodules whose directory has no pyproject.toml (for diagnoses). */
  uninitialisedSubmodules: string[];
}

export type EnvironmentLookup = { ok: true; env: EnvironmentFacts } | { ok: false; message: string };

export function readEnvironment(
  workspaceRoot: string,
  name: string,
  root: string,
  cudaVersions: Readonly<Record<string, string | null>>,
): EnvironmentLookup {
  const pyprojectFile = root === '.' ? 'pyproject.toml' : `${root}/pyproject.toml`;
  const abs = join(workspaceRoot, pyprojectFile);
  if (!existsSync(abs)) return { ok: false, message: `${pyprojectFile} does not exist: the ${name} environment needs it (nx g @mlws/nx:environment ${name})` };
  const read = readPyproject(pyprojectFile, readFileSync(abs, 'utf8'));
  if (!read.ok) return { ok: false, message: read.error.message };
  const pinFile = [join(workspaceRoot, root, '.python-version'), join(workspaceRoot, '.python-version')].find(existsSync);
  const pin = pinFile ? readPythonPin(readFileSync(pinFile, 'utf8')) : undefined;
  const drift = pythonPinDrift(pin, read.pyproject.requiresPython, pyprojectFile);
  return {
    ok: true,
    env: {
      name,
      root,
      pyprojectFile,
      pyproject: read.pyproject,
      lockFile: root === '.' ? 'uv.lock' : `${root}/uv.lock`,
      venv: join(workspaceRoot, root, '.venv'),
      backends: declaredBackends(read.pyproject.extras, cudaVersions),
      ...(drift ? { pythonDrift: drift } : {}),
      uninitialisedSubmodules: uninitialisedSubmodules(workspaceRoot),
    },
  };
}

function uninitialisedSubmodules(workspaceRoot: string): string[] {
  const file = join(workspaceRoot, '.gitmodules');
  if (!existsSync(file)) return [];
  return parseGitmodules(readFileSync(file, 'utf8'))
    .map((s) => s.path)
    .filter((p) => !existsSync(join(workspaceRoot, p, 'pyproject.toml')) && !existsSync(join(workspaceRoot, p, '.git')));
}
