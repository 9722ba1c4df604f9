import { Minimatch } from 'minimatch';
import type { NormalizedOptions } from '../plugin/options';
import { containmentProblems } from './contained-path';
import type { Submodule } from './gitmodules';
import { missingPathSources } from './path-sources';
import { dirOf, normalizeWorkspacePath, resolveFrom } from './paths';
import type { Pyproject, PyprojectError } from './pyproject';
import { SubmoduleDirectory, submoduleWithoutPyprojectMessage } from './submodule-directory';
import { refusedSubmoduleUrls } from './submodule-urls';

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
  const submoduleAt = new Map(input.submodules.map((s) => [s.path, s]));
  // paths and names from files that leave the workspace (members "../*", crafted .gitmodules): see contained-path.ts
  for (const message of containmentProblems(root?.workspace?.members ?? [], input.submodules))
    problems.push({ level: 'warn', message });

  const environments: EnvironmentNode[] = [];
  const envDirs = new Set<string>();
  for (const env of input.options.environments) {
    const dir = normalizeWorkspacePath(env.path);
    const pyproject = dir === undefined ? undefined : byDir.get(dir);
    if (dir === undefined || !pyproject) continue;
    envDirs.add(dir);
    environments.push({ kind: 'environment', name: env.name, root: dir, env: env.name, pyproject });
  }

  const candidates: PackageNode[] = [];
  for (const [dir, pyproject] of byDir) {
    if (!isMember(dir) || envDirs.has(dir)) continue;
    candidates.push(packageNode(dir, pyproject, 'member', submoduleAt.get(dir), problems));
  }
  // Local path sources outside the members (e.g. `tools/release_tool`) are packages too.
  const memberDirs = new Set(candidates.map((c) => c.root));
  const declaring = [root, ...candidates.map((c) => c.pyproject)].filter((p): p is Pyproject => !!p);
  for (const p of declaring) {
    for (const entries of Object.values(p.sources)) {
      for (const s of entries) {
        if (s.kind !== 'path') continue;
        const dir = resolveFrom(dirOf(p.file), s.path);
        if (dir === undefined || dir === '.' || memberDirs.has(dir) || envDirs.has(dir)) continue;
        const target = byDir.get(dir);
        if (!target) continue;
        memberDirs.add(dir);
        candidates.push(packageNode(dir, target, 'path', submoduleAt.get(dir), problems));
      }
    }
  }

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

  const taken = new Map<string, string>();
  for (const e of environments) taken.set(e.name, e.pyproject.file);
  const packages: PackageNode[] = [];
  // On a name clash the submodule wins over a plain directory, then the first path in byte order.
  const byPriority = (a: PackageNode, b: PackageNode) =>
    Number(!a.submodule) - Number(!b.submodule) || (a.root < b.root ? -1 : a.root > b.root ? 1 : 0);
  for (const c of [...candidates].sort(byPriority)) {
    if (!c.name) continue;
    const other = taken.get(c.name);
    if (other !== undefined) {
      problems.push({
        level: 'error',
        message: `${c.pyproject.file} and ${other} both have the name "${c.name}" (after PEP 503 normalisation); rename one, ${c.pyproject.file} is ignored until then`,
      });
      continue;
    }
    taken.set(c.name, c.pyproject.file);
    packages.push(c);
  }

  packages.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const packageAt = new Map(packages.map((p) => [p.root, p]));
  const images: ImageNode[] = [];
  const imageBase = input.options.imageName ?? root?.normalizedName ?? 'image';
  for (const dockerfile of [...input.dockerfiles].sort()) {
    const dir = dirOf(dockerfile);
    if (images.some((i) => i.root === dir)) continue;
    const stages = input.dockerfileStages?.[dockerfile] ?? [];
    const pkg = packageAt.get(dir);
    if (pkg) {
      images.push({
        kind: 'image',
        name: pkg.name,
        root: dir,
        dockerfile,
        packageName: pkg.name,
        stages,
        environments: [],
      });
      continue;
    }
    const envs = environments.filter((e) => stages.includes(e.name.toLowerCase())).map((e) => e.name);
    if (envs.length) {
      images.push({ kind: 'image', name: imageBase, root: dir, dockerfile, stages, environments: envs });
      continue;
    }
    const name = dir === 'docker' || dir === '.' ? imageBase : `${imageBase}-${dir.replace(/[/\\]+/g, '-')}`;
    if (taken.has(name)) {
      problems.push({
        level: 'error',
        message: `${dockerfile}: the image project name "${name}" is already used by ${taken.get(name)}; set "imageName" in the @mlws/nx plugin options`,
      });
      continue;
    }
    taken.set(name, dockerfile);
    images.push({ kind: 'image', name, root: dir, dockerfile, stages, environments: [] });
  }

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

function packageNode(
  dir: string,
  pyproject: Pyproject,
  origin: PackageNode['origin'],
  submodule: Submodule | undefined,
  problems: Problem[],
): PackageNode {
  if (!pyproject.normalizedName) {
    problems.push({
      level: 'error',
      message: `${pyproject.file}: [project].name is missing; every uv workspace member needs one (add name = "<distribution-name>" under [project])`,
    });
  }
  return {
    kind: 'package',
    name: pyproject.normalizedName ?? '',
    root: dir,
    pyproject,
    origin,
    ...(submodule ? { submodule } : {}),
  };
}

/** Member globs compiled once (not once per directory: at 1000 members that was most of the model's time). */
function compileGlobs(globs: readonly string[]): Minimatch[] {
  return globs
    .map((g) => normalizeWorkspacePath(g))
    .filter((g): g is string => g !== undefined)
    .map((g) => new Minimatch(g, { dot: true }));
}
