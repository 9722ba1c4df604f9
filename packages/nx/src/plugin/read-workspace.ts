import { existsSync, readFileSync, statSync } from 'node:fs';
import { membersLeavingWorkspace } from '../fs/contained';
import { walkMemberGlobs } from '../fs/member-walk';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { dockerfileStages } from '../docker/dockerfile-uv';
import { submodulePathProblem } from '../model/contained-path';
import { parseGitmodules } from '../model/gitmodules';
import { readPyproject, Pyproject, PyprojectReadResult } from '../model/pyproject';
import { buildWorkspaceModel, WorkspaceModel } from '../model/workspace';
import { dirOf, normalizeWorkspacePath } from '../model/paths';
import { notUtf8Message } from '../model/utf8';
import { hashText, InferenceCache, workspaceDataDirectoryOf } from './inference-cache';
import type { NormalizedOptions } from '../model/options';
import { pluginVersion } from './plugin-version';
import { memberPyprojectDirectories } from './member-pyproject-directories';
import { findHiddenMembers } from './hidden-members';
import { readSubmoduleDirectories } from '../fs/submodule-directories';

/** Files of the workspace the plugin reads, as Nx's glob found them (workspace-relative). */
export interface WorkspaceFiles {
  pyprojects: string[];
  dockerfiles: string[];
}

let lastModel: { optionsKey: string; model: WorkspaceModel } | undefined;

/**
 * The model createNodes built last in this process, for createDependencies of the same graph
 * computation. Nx runs createNodes again whenever a file the plugin's glob matches changes
 * (pyprojects, .gitmodules, Dockerfiles), so the model cannot be older than those files.
 */
export function lastWorkspaceModel(workspaceRoot: string, options: NormalizedOptions): WorkspaceModel | undefined {
  return lastModel?.optionsKey === modelKey(workspaceRoot, options) ? lastModel.model : undefined;
}

function modelKey(workspaceRoot: string, options: NormalizedOptions): string {
  return `${workspaceRoot}\0${JSON.stringify(options)}`;
}

/**
 * Reads the pyprojects (through the on-disk cache of parsed files), `.gitmodules`, and builds the
 * model. The only I/O of inference lives here; everything after is pure.
 */
export function readWorkspaceModel(
  workspaceRoot: string,
  files: WorkspaceFiles,
  options: NormalizedOptions,
): WorkspaceModel {
  const cache = new InferenceCache<PyprojectReadResult>(
    join(workspaceDataDirectoryOf(workspaceRoot), `mlws-nx-${hashText(pluginVersion, JSON.stringify(options))}.json`),
  );
  const keys: string[] = [];
  const pyprojects: Pyproject[] = [];
  const errors = [];
  for (const file of [...new Set(files.pyprojects)].sort()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(workspaceRoot, file));
    } catch {
      continue; // deleted between the glob and now
    }
    const notUtf8 = notUtf8Message(file, bytes);
    if (notUtf8) {
      errors.push({ file, message: notUtf8 });
      continue;
    }
    const text = bytes.toString('utf8');
    const key = hashText(file, text);
    keys.push(key);
    let result = cache.get(key);
    if (!result) {
      result = readPyproject(file, text);
      cache.set(key, result);
    }
    if (result.ok) pyprojects.push(result.pyproject);
    else errors.push(result.error);
  }
  cache.retain(keys);
  cache.save();
  const envDirs = options.environments
    .map((e) => normalizeWorkspacePath(e.path))
    .filter((d): d is string => d !== undefined && d !== '.');
  // one walk of the directories the members globs can match serves every member check below
  const rootWorkspace = pyprojects.find((p) => p.file === 'pyproject.toml')?.workspace;
  const memberWalk = rootWorkspace?.members.length ? walkMemberGlobs(workspaceRoot, rootWorkspace.members) : [];
  errors.push(
    ...memberPyprojectDirectories(workspaceRoot, rootWorkspace, envDirs, {
      entries: memberWalk,
      nxMatched: new Set(files.pyprojects.map(dirOf)),
    }),
  );

  const gitmodules = readGitmodules(workspaceRoot);
  const submodules = gitmodules.submodules;
  const dockerfiles = files.dockerfiles.filter((f) =>
    options.dockerfilePatterns.some((p) => minimatch(f, p, { dot: true })),
  );
  const stages: Record<string, string[]> = {};
  for (const f of dockerfiles) {
    try {
      stages[f] = dockerfileStages(readFileSync(join(workspaceRoot, f), 'utf8'));
    } catch {
      stages[f] = [];
    }
  }
  // submodules without a pyproject: not initialised, or moved by hand (then the copy has a pyproject Nx found)
  const pyprojectDirs = new Set([...pyprojects.map((p) => dirOf(p.file)), ...errors.map((e) => dirOf(e.file))]);
  // members whose pyproject is on disk but not among Nx's files: an ignore rule hides them from Nx
  const hiddenMembers = rootWorkspace
    ? findHiddenMembers(workspaceRoot, rootWorkspace.members, rootWorkspace.exclude, pyprojectDirs, memberWalk)
    : [];
  // a path git would refuse (`../x`, absolute) is never looked at: its problem line says so
  const withoutPyproject = submodules
    .map((s) => s.path)
    .filter((p) => !pyprojectDirs.has(p) && !submodulePathProblem(p));
  const submoduleDirectories = withoutPyproject.length
    ? readSubmoduleDirectories(
        workspaceRoot,
        submodules,
        withoutPyproject,
        [...pyprojectDirs].filter((d) => d !== '.'),
      )
    : undefined;
  const model = buildWorkspaceModel({
    pyprojects,
    errors,
    submodules,
    dockerfiles,
    dockerfileStages: stages,
    options,
    ...(submoduleDirectories ? { submoduleDirectories } : {}),
    pathExists: (p) => existsSync(join(workspaceRoot, p)),
    ...(hiddenMembers.length ? { hiddenMembers } : {}),
  });
  if (gitmodules.problem) model.problems.push({ level: 'error', message: gitmodules.problem });
  const root = model.root?.workspace;
  for (const m of root ? membersLeavingWorkspace(workspaceRoot, root.members, root.exclude, memberWalk) : []) {
    model.problems.push({
      level: 'warn',
      message: `${m} is a symlink to a directory outside the workspace and matches [tool.uv.workspace] members in pyproject.toml, so @mlws/nx leaves it out of the graph while uv still locks it: replace the symlink by the directory (or a submodule) inside the workspace, or add "${m}" to exclude`,
    });
  }
  lastModel = { optionsKey: modelKey(workspaceRoot, options), model };
  return model;
}

/** `.gitmodules`, parsed; a directory or unreadable file is a problem line instead of an exception. */
function readGitmodules(workspaceRoot: string): { submodules: ReturnType<typeof parseGitmodules>; problem?: string } {
  const path = join(workspaceRoot, '.gitmodules');
  if (!existsSync(path)) return { submodules: [] };
  try {
    if (statSync(path).isDirectory()) {
      return {
        submodules: [],
        problem:
          '.gitmodules is a directory, but git reads submodules from a file of that name: rename the directory (mv .gitmodules <other name>), then restore the file with git checkout -- .gitmodules',
      };
    }
    return { submodules: parseGitmodules(readFileSync(path, 'utf8')) };
  } catch (e) {
    return {
      submodules: [],
      problem: `.gitmodules cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): fix its permissions (ls -l .gitmodules)`,
    };
  }
}

/** Splits the files Nx matched for the plugin's glob into pyprojects and Dockerfiles, skipping virtualenvs. */
export function classifyFiles(files: readonly string[]): WorkspaceFiles {
  const pyprojects: string[] = [];
  const dockerfiles: string[] = [];
  for (const f of files) {
    if (/(^|\/)(\.venv|venv|node_modules|site-packages|\.tox|\.nox)\//.test(f)) continue;
    if (f === 'pyproject.toml' || f.endsWith('/pyproject.toml')) pyprojects.push(f);
    else if (!f.endsWith('.gitmodules')) dockerfiles.push(f);
  }
  return { pyprojects, dockerfiles };
}
