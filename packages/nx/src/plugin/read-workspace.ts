import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { dockerfileStages } from '../docker/dockerfile-uv';
import { parseGitmodules } from '../model/gitmodules';
import { readPyproject, Pyproject, PyprojectReadResult } from '../model/pyproject';
import { buildWorkspaceModel, WorkspaceModel } from '../model/workspace';
import { dirOf } from '../model/paths';
import { hashText, InferenceCache, workspaceDataDirectoryOf } from './inference-cache';
import type { NormalizedOptions } from './options';
import { pluginVersion } from './plugin-version';
import { findHiddenMembers } from './hidden-members';
import { readSubmoduleDirectories } from './submodule-directories';

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
export function readWorkspaceModel(workspaceRoot: string, files: WorkspaceFiles, options: NormalizedOptions): WorkspaceModel {
  const cache = new InferenceCache<PyprojectReadResult>(
    join(workspaceDataDirectoryOf(workspaceRoot), `mlws-nx-${hashText(pluginVersion, JSON.stringify(options))}.json`),
  );
  const keys: string[] = [];
  const pyprojects: Pyproject[] = [];
  const errors = [];
  for (const file of [...new Set(files.pyprojects)].sort()) {
    let text: string;
    try {
      text = readFileSync(join(workspaceRoot, file), 'utf8');
    } catch {
      continue; // deleted between the glob and now
    }
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

  const gitmodulesPath = join(workspaceRoot, '.gitmodules');
  const submodules = existsSync(gitmodulesPath) ? parseGitmodules(readFileSync(gitmodulesPath, 'utf8')) : [];
  const dockerfiles = files.dockerfiles.filter((f) => options.dockerfilePatterns.some((p) => minimatch(f, p, { dot: true })));
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
  const rootWorkspace = pyprojects.find((p) => p.file === 'pyproject.toml')?.workspace;
  const hiddenMembers = rootWorkspace ? findHiddenMembers(workspaceRoot, rootWorkspace.members, rootWorkspace.exclude, pyprojectDirs) : [];
  const withoutPyproject = submodules.map((s) => s.path).filter((p) => !pyprojectDirs.has(p));
  const submoduleDirectories = withoutPyproject.length
    ? readSubmoduleDirectories(workspaceRoot, submodules, withoutPyproject, [...pyprojectDirs].filter((d) => d !== '.'))
    : undefined;
  const model = buildWorkspaceModel({
    pyprojects,
    errors,
    submodules,
    dockerfiles,
    dockerfileStages: stages,
    options,
    ...(submoduleDirectories ? { submoduleDirectories } : {}),
    ...(hiddenMembers.length ? { hiddenMembers } : {}),
  });
  lastModel = { optionsKey: modelKey(workspaceRoot, options), model };
  return model;
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
