import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredBackends } from '../../model/backend';
import { Pyproject, readPyproject } from '../../model/pyproject';
import { pythonPinDrift, readPythonPin } from '../../model/python-version';
import type { DiagnosisContext } from '../../uv/diagnose-uv-error';
import { readDiagnosisContext } from '../../uv/diagnosis-context';
import { environmentFile } from '../../model/environment-files';

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
  /** What diagnoseUvError needs (submodules not initialised or moved by hand, git pins), read when uv failed. */
  diagnosis: () => DiagnosisContext;
}

export type EnvironmentLookup = { ok: true; env: EnvironmentFacts } | { ok: false; message: string };

export function readEnvironment(
  workspaceRoot: string,
  name: string,
  root: string,
  cudaVersions: Readonly<Record<string, string | null>>,
): EnvironmentLookup {
  const pyprojectFile = environmentFile({ path: root });
  const abs = join(workspaceRoot, pyprojectFile);
  if (!existsSync(abs))
    return {
      ok: false,
      message: `${pyprojectFile} does not exist: the ${name} environment needs it (nx g @mlws/nx:environment ${name})`,
    };
  const read = readPyproject(pyprojectFile, readFileSync(abs, 'utf8'));
  if (!read.ok) return { ok: false, message: read.error.message };
  const pinFile = [join(workspaceRoot, root, '.python-version'), join(workspaceRoot, '.python-version')].find(
    existsSync,
  );
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
      diagnosis: () => readDiagnosisContext(workspaceRoot, root, { environment: name, pyproject: read.pyproject }),
    },
  };
}
