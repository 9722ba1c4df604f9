import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { submodulePathProblem } from '../model/contained-path';
import { parseGitmodules } from '../model/gitmodules';
import { Pyproject, readPyproject } from '../model/pyproject';
import { readSubmoduleDirectories } from '../fs/submodule-directories';
import { isMemberDir } from '../model/member-dirs';
import { DiagnosisContext, diagnoseUvError } from './diagnose-uv-error';
import { environmentFile } from '../model/environment-files';

/**
 * Reads what diagnoseUvError needs for the environment at `envPath` (`.` for dev): the submodules
 * of .gitmodules, which of them have no pyproject.toml and why (not initialised, or the directory
 * moved or deleted by hand), and the packages the environment pins by git. Called after uv failed.
 */
export function readDiagnosisContext(
  workspaceRoot: string,
  envPath: string,
  o: { environment?: string; pyproject?: Pyproject } = {},
): DiagnosisContext {
  const pyprojectFile = environmentFile({ path: envPath });
  const pyproject = o.pyproject ?? readPyprojectIfAny(workspaceRoot, pyprojectFile);
  const gitmodules = join(workspaceRoot, '.gitmodules');
  const submodules = isFile(gitmodules) ? parseGitmodules(readFileSync(gitmodules, 'utf8')) : [];
  const ws = (envPath === '.' ? pyproject : readPyprojectIfAny(workspaceRoot, 'pyproject.toml'))?.workspace;
  const isMember = (dir: string) => !!ws && isMemberDir(dir, ws.members, ws.exclude);
  const withoutPyproject = submodules
    .map((s) => s.path)
    .filter((p) => !submodulePathProblem(p) && !existsSync(join(workspaceRoot, p, 'pyproject.toml')));
  const dirs = withoutPyproject.length ? readSubmoduleDirectories(workspaceRoot, submodules, withoutPyproject) : {};
  const uninitialisedSubmodules: string[] = [];
  const missingSubmodules: Array<{ path: string; movedTo?: string; movedToIsMember?: boolean }> = [];
  for (const [path, d] of Object.entries(dirs)) {
    if (d.state === 'uninitialised') uninitialisedSubmodules.push(path);
    if (d.state === 'missing')
      missingSubmodules.push({
        path,
        ...(d.movedTo ? { movedTo: d.movedTo, movedToIsMember: isMember(d.movedTo) } : {}),
      });
  }
  return {
    pyprojectFile,
    isDev: envPath === '.',
    ...(o.environment ? { environment: o.environment } : {}),
    uninitialisedSubmodules,
    missingSubmodules,
    submodules: submodules.map((s) => ({ path: s.path, url: s.url })),
    ...(pyproject?.indexes ? { indexes: pyproject.indexes } : {}),
    ...(pyproject
      ? {
          gitPins: Object.entries(pyproject.sources)
            .filter(([, e]) => e.some((s) => s.kind === 'git'))
            .map(([name]) => name),
        }
      : {}),
  };
}

/**
 * The diagnosis of a failed `uv lock [--project <env>]` (the environment read from its argv), for
 * the generators and the release, which relock outside the lock target. Undefined: uv's own line.
 */
export function diagnoseLockFailure(
  workspaceRoot: string,
  lockArgs: readonly string[],
  stderr: string,
  environment?: string,
): string | undefined {
  const at = lockArgs.indexOf('--project');
  const envPath = at >= 0 && lockArgs[at + 1] ? lockArgs[at + 1].replace(/^\.\/|\/+$/g, '') || '.' : '.';
  try {
    return diagnoseUvError(stderr, readDiagnosisContext(workspaceRoot, envPath, environment ? { environment } : {}));
  } catch {
    return undefined; // a diagnosis must never hide uv's own error
  }
}

function readPyprojectIfAny(workspaceRoot: string, file: string): Pyproject | undefined {
  try {
    const r = readPyproject(file, readFileSync(join(workspaceRoot, file), 'utf8'));
    return r.ok ? r.pyproject : undefined;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
