import { containmentProblems } from './contained-path';
import type { EnvironmentRole } from './environment-roles';
import type { Submodule } from './gitmodules';
import type { NormalizedOptions } from './options';
import { missingPathSources } from './path-sources';
import { dirOf, normalizeWorkspacePath } from './paths';
import type { Pyproject, PyprojectError } from './pyproject';
import { SubmoduleDirectory, submoduleWithoutPyprojectMessage } from './submodule-directory';
import { refusedSubmoduleUrls } from './submodule-urls';
import { imageNodes } from './workspace-images';
import { compileGlobs, packageCandidates, uniquePackages } from './workspace-packages';

/**
 * The workspace as the plugin sees it: which directories are packages, environments and images.
 * Pure: built from already-read files, so it is tested with plain fixtures.
 */
export interface WorkspaceInput {
  /** Every pyproject that parsed, the root one included (file `pyproject.toml`). */
  pyprojects: Pyproject[];
  /** Pyprojects that did not parse. */
  errors: PyprojectError[];
  submodules: Submodule[];
  /** Workspace-relative Dockerfile paths (already filtered by the pattern). */
  dockerfiles: string[];
  /** Stage names (`FROM … AS name`) of each Dockerfile. */
  dockerfileStages?: Record<string, string[]>;
  options: NormalizedOptions;
  /**
   * What the filesystem says about the directories of member submodules without a pyproject
   * (by path); without it such a submodule is taken as not initialised.
   */
  submoduleDirectories?: Readonly<Record<string, SubmoduleDirectory>>;
  /**
   * Whether anything exists at a workspace-relative path: with it, `path` sources that point at
   * nothing are problems (naming the directory that holds the package); without it, not checked.
   */
  pathExists?: (workspacePath: string) => boolean;
  /**
   * Member directories whose pyproject.toml is on disk but not among the files Nx gave: an ignore
   * rule hides them from Nx (see nx-visibility.ts). Reported by the caller with the rule, not as
   * a checkout without a pyproject.
   */
  hiddenMembers?: readonly string[];
}

export interface PackageNode {
  kind: 'package';
  name: string;
  root: string;
  pyproject: Pyproject;
  /** `member` of the uv workspace, or a `path` source of the root/a member outside the members. */
  origin: 'member' | 'path';
  submodule?: Submodule;
}

export interface EnvironmentNode {
  kind: 'environment';
  name: string;
  root: string;
  env: string;
  /** What the environment is for (model/environment-roles.ts): code asks for a role, never a name. */
  role: EnvironmentRole;
  pyproject: Pyproject;
}

export interface ImageNode {
  kind: 'image';
  name: string;
  root: string;
  dockerfile: string;
  /** When the Dockerfile sits in a package directory, the image belongs to that package project. */
  packageName?: string;
  /** Stages of the Dockerfile. */
  stages: string[];
  /** Environments that have a stage of their name: their projects get the image targets. */
  environments: string[];
}

export interface Problem {
  level: 'warn' | 'error';
  message: string;
  /** Problems nx sync reports too (it cannot fix them). */
  kind?: 'missing-path-source';
}

export interface WorkspaceModel {
  root?: Pyproject;
  packages: PackageNode[];
  environments: EnvironmentNode[];
  images: ImageNode[];
  submodules: Submodule[];
  problems: Problem[];
  /** Member directories hidden from Nx by an ignore rule (the input's `hiddenMembers`). */
  hiddenMembers?: string[];
}

export function buildWorkspaceModel(input: WorkspaceInput): WorkspaceModel {
  const problems: Problem[] = input.errors.map((e) => ({ level: 'error', message: e.message }));
  const byDir = new Map(input.pyprojects.map((p) => [dirOf(p.file), p]));
  const root = byDir.get('.');
  const members = compileGlobs(root?.workspace?.members ?? []);
  const exclude = compileGlobs(root?.workspace?.exclude ?? []);
  const isMember = (dir: string) =>
    dir !== '.' && members.some((g) => g.match(dir)) && !exclude.some((g) => g.match(dir));
  // paths and names from files that leave the workspace (members "../*", crafted .gitmodules): see contained-path.ts
  for (const message of containmentProblems(root?.workspace?.members ?? [], input.submodules))
    problems.push({ level: 'warn', message });

  const environments: EnvironmentNode[] = [];
  for (const env of input.options.environments) {
    const dir = normalizeWorkspacePath(env.path);
    const pyproject = dir === undefined ? undefined : byDir.get(dir);
    if (dir === undefined || !pyproject) continue;
    environments.push({ kind: 'environment', name: env.name, root: dir, env: env.name, role: env.role, pyproject });
  }
  const envDirs = new Set(environments.map((e) => e.root));
  const { candidates, declaring } = packageCandidates(byDir, input.submodules, isMember, envDirs, problems);

  if (input.pathExists) {
    const withEnvironments = [...new Set([...declaring, ...environments.map((e) => e.pyproject)])];
    for (const message of missingPathSources(withEnvironments, byDir, input.pathExists))
      problems.push({ level: 'error', message, kind: 'missing-path-source' });
  }
  for (const s of input.submodules) {
    if (
      isMember(s.path) &&
      !byDir.has(s.path) &&
      !input.errors.some((e) => dirOf(e.file) === s.path) &&
      !input.hiddenMembers?.includes(s.path)
    ) {
      const dir = input.submoduleDirectories?.[s.path];
      const movedName = dir?.state === 'missing' && dir.movedTo ? byDir.get(dir.movedTo)?.normalizedName : undefined;
      problems.push({ level: 'warn', message: submoduleWithoutPyprojectMessage(s, dir, movedName, isMember) });
    }
  }

  const taken = new Map<string, string>(environments.map((e) => [e.name, e.pyproject.file]));
  const packages = uniquePackages(candidates, taken, problems);
  const imageBase = input.options.imageName ?? root?.normalizedName ?? 'image';
  const images = imageNodes(input, packages, environments, imageBase, taken, problems);

  // where uv refuses a file or a URL, the graph says so instead of silently reading nothing
  for (const p of new Set([root, ...environments.map((e) => e.pyproject), ...candidates.map((c) => c.pyproject)])) {
    for (const m of p?.invalid ?? []) problems.push({ level: 'error', message: `${p?.file}: ${m}` });
  }
  for (const message of refusedSubmoduleUrls(input.submodules)) problems.push({ level: 'error', message });

  const hiddenMembers = input.hiddenMembers?.length ? { hiddenMembers: [...input.hiddenMembers] } : {};
  return {
    ...(root ? { root } : {}),
    packages,
    environments,
    images,
    submodules: input.submodules,
    problems,
    ...hiddenMembers,
  };
}
