import { sameRepository } from '../../model/git-url';
import { normalizeDistributionName } from '../../model/names';
import { dirOf, resolveFrom } from '../../model/paths';
import { parseRequirement } from '../../model/requirement';
import type { LocatedPackage } from '../shared/locate';
import type { TreeWorkspace } from '../shared/tree-workspace';

/**
 * The name the pyprojects use for the package. Without its pyproject (an uninitialised submodule)
 * it is guessed from the sources: a `path` source pointing at its directory, a git source with its
 * submodule's URL, else its directory name.
 */
export function referenceName(found: LocatedPackage, ws: TreeWorkspace): string {
  if (found.node) return found.node.name;
  const pyprojects = [ws.model.root, ...ws.model.environments.map((e) => e.pyproject)].filter((p) => p !== undefined);
  for (const p of pyprojects) {
    for (const [name, entries] of Object.entries(p.sources)) {
      for (const s of entries) {
        if (s.kind === 'path' && resolveFrom(dirOf(p.file), s.path) === found.dir) return name;
        if (s.kind === 'git' && found.submodule && sameRepository(s.url, found.submodule.url)) return name;
      }
    }
  }
  return normalizeDistributionName(found.dir.split('/').pop() ?? found.dir);
}

/** The other packages whose pyproject requires `name` (their lock would break without it). */
export function dependentsOf(name: string, ws: TreeWorkspace): string[] {
  return ws.model.packages
    .filter(
      (p) =>
        p.name !== name &&
        p.pyproject.requirements.some((r) => parseRequirement(r.requirement)?.normalizedName === name),
    )
    .map((p) => p.name);
}
