import { Minimatch } from 'minimatch';
import type { Submodule } from './gitmodules';
import { dirOf, normalizeWorkspacePath, resolveFrom } from './paths';
import type { Pyproject } from './pyproject';
import type { PackageNode, Problem } from './workspace';

/**
 * The package candidates of the workspace model: every member directory with a pyproject (not an
 * environment's), then the local `path` sources of the root and the members outside the members
 * (e.g. `tools/release_tool`). `declaring`: the pyprojects whose sources were read.
 */
export function packageCandidates(
  byDir: ReadonlyMap<string, Pyproject>,
  submodules: readonly Submodule[],
  isMember: (dir: string) => boolean,
  envDirs: ReadonlySet<string>,
  problems: Problem[],
): { candidates: PackageNode[]; declaring: Pyproject[] } {
  const submoduleAt = new Map(submodules.map((s) => [s.path, s]));
  const candidates: PackageNode[] = [];
  for (const [dir, pyproject] of byDir) {
    if (!isMember(dir) || envDirs.has(dir)) continue;
    candidates.push(packageNode(dir, pyproject, 'member', submoduleAt.get(dir), problems));
  }
  const memberDirs = new Set(candidates.map((c) => c.root));
  const root = byDir.get('.');
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
  return { candidates, declaring };
}

/**
 * The packages, one per name (sorted by root): on a name clash the submodule wins over a plain
 * directory, then the first path in byte order; the loser is a problem. `taken` (name → file)
 * comes in with the environments' names and leaves with the packages' too.
 */
export function uniquePackages(
  candidates: readonly PackageNode[],
  taken: Map<string, string>,
  problems: Problem[],
): PackageNode[] {
  const packages: PackageNode[] = [];
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
  return packages.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
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
export function compileGlobs(globs: readonly string[]): Minimatch[] {
  return globs
    .map((g) => normalizeWorkspacePath(g))
    .filter((g): g is string => g !== undefined)
    .map((g) => new Minimatch(g, { dot: true }));
}
