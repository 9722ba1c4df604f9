import { environmentWithRole } from './environment-roles';
import { repositoryKey } from './git-url';
import { dirOf, resolveFrom } from './paths';
import type { Pyproject } from './pyproject';
import { parseRequirement } from './requirement';
import type { UvSource } from './uv-source';
import type { PackageNode, WorkspaceModel } from './workspace';

/** A static edge of the project graph, declared in `sourceFile`. */
export interface Edge {
  source: string;
  target: string;
  sourceFile: string;
}

/**
 * The edges the pyprojects declare:
 * - package → package: a requirement (project, optional, group) resolved to a package through the
 *   package's own `[tool.uv.sources]`, else the root's (`workspace = true`, a `path`, a git URL of the
 *   package's submodule), or a PEP 508 direct reference naming a package;
 * - dev environment → every member (uv installs them all) and what its requirements resolve to;
 * - other environments → the packages they require (dependencies, extras, groups), resolved
 *   through their own `[tool.uv.sources]` (by repository URL against `.gitmodules`, else by name).
 *   A source without a requirement is not an edge: uv does not install it;
 * - a standalone image project → the environments it is built from (the dev and prod roles, when present).
 */
export function computeEdges(model: WorkspaceModel): Edge[] {
  const resolver = new PackageResolver(model);
  const edges = new Map<string, Edge>();
  const add = (source: string, target: string | undefined, sourceFile: string) => {
    if (!target || target === source) return;
    const key = `${source}\0${target}`;
    if (!edges.has(key)) edges.set(key, { source, target, sourceFile });
  };

  const rootSources = model.root?.sources ?? {};
  for (const pkg of model.packages) {
    for (const target of resolver.requirementTargets(pkg.pyproject, pkg.origin === 'member' ? rootSources : {})) {
      add(pkg.name, target, pkg.pyproject.file);
    }
  }

  for (const env of model.environments) {
    if (env.role === 'dev') {
      for (const pkg of model.packages) if (pkg.origin === 'member') add(env.name, pkg.name, env.pyproject.file);
    }
    for (const target of resolver.requirementTargets(env.pyproject, {})) add(env.name, target, env.pyproject.file);
  }

  // A standalone image project (a Dockerfile whose stages are not environments) is built from the workspace.
  const builtFrom = (['dev', 'prod'] as const).map((role) => environmentWithRole(model.environments, role));
  for (const image of model.images) {
    if (image.packageName || image.environments.length) continue;
    for (const env of builtFrom) if (env) add(image.name, env.name, image.dockerfile);
  }
  return [...edges.values()];
}

class PackageResolver {
  private readonly byName = new Map<string, PackageNode>();
  private readonly byRoot = new Map<string, PackageNode>();
  private readonly byRepository = new Map<string, PackageNode>();

  constructor(model: WorkspaceModel) {
    for (const p of model.packages) {
      this.byName.set(p.name, p);
      this.byRoot.set(p.root, p);
    }
    for (const s of model.submodules) {
      const pkg = this.byRoot.get(s.path);
      const key = repositoryKey(s.url);
      if (pkg && key) this.byRepository.set(key, pkg);
    }
  }

  /** Packages that the requirements of `pyproject` resolve to. */
  *requirementTargets(pyproject: Pyproject, inheritedSources: Record<string, UvSource[]>): Iterable<string> {
    for (const { requirement } of pyproject.requirements) {
      const req = parseRequirement(requirement);
      if (!req) continue;
      if (req.url) {
        yield* this.maybe(this.byUrl(req.url) ?? this.byName.get(req.normalizedName)?.name);
        continue;
      }
      const sources = pyproject.sources[req.normalizedName] ?? inheritedSources[req.normalizedName] ?? [];
      for (const s of sources) yield* this.maybe(this.sourceTarget(req.normalizedName, s, pyproject));
    }
  }

  /** The package a `[tool.uv.sources]` entry for `name` points at, if any. */
  sourceTarget(name: string, source: UvSource, declaredIn: Pyproject): string | undefined {
    switch (source.kind) {
      case 'workspace':
        return this.byName.get(name)?.name;
      case 'path': {
        const dir = resolveFrom(dirOf(declaredIn.file), source.path);
        return dir === undefined ? undefined : this.byRoot.get(dir)?.name;
      }
      case 'git':
        return this.byUrl(source.url) ?? this.byName.get(name)?.name;
      default:
        return undefined;
    }
  }

  private byUrl(url: string): string | undefined {
    const key = repositoryKey(url);
    return key === undefined ? undefined : this.byRepository.get(key)?.name;
  }

  private *maybe(name: string | undefined): Iterable<string> {
    if (name) yield name;
  }
}
