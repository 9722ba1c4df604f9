import { posix } from 'node:path';
import { normalizeDistributionName } from './names';
import { dirOf, resolveFrom } from './paths';
import type { Pyproject } from './pyproject';

/**
 * `[tool.uv.sources]` entries `name = { path = "…" }` that point at nothing: uv fails only when it
 * locks (`dev:lock`), so the graph reports them first, with the directory that does hold the package
 * when one does (a submodule checked out elsewhere, e.g. `tools/release_tool` for `release_tool`).
 * Pure: `byDir` maps workspace-relative directories to the pyprojects found there; `exists` says
 * whether anything is at a path (a wheel, an ignored directory, a pyproject Nx did not list is fine).
 */
export function missingPathSources(
  declaring: readonly Pyproject[],
  byDir: ReadonlyMap<string, Pyproject>,
  exists: (workspacePath: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const p of declaring) {
    const base = dirOf(p.file);
    for (const [name, entries] of Object.entries(p.sources)) {
      for (const s of entries) {
        if (s.kind !== 'path') continue;
        const dir = resolveFrom(base, s.path);
        // outside the workspace (absolute, ../..) is not ours to judge; present is fine
        if (dir === undefined || dir === '.' || byDir.has(dir) || exists(dir)) continue;
        const holder = nearestHolder(name, dir, byDir);
        const where = `${p.file}: [tool.uv.sources] ${name} = { path = "${s.path}" } points at ${dir}, which does not exist`;
        out.push(
          holder
            ? `${where}; ${holder} holds ${name}: write path = "${relativePath(base, holder)}" in ${p.file}, then lock again`
            : `${where}, and no directory of the workspace holds ${name}: fix the path, or check the package out there (git submodule update --init)`,
        );
      }
    }
  }
  return out;
}

/** The directory holding a pyproject named `name`: the one sharing the missing path's last component first. */
function nearestHolder(name: string, missing: string, byDir: ReadonlyMap<string, Pyproject>): string | undefined {
  const wanted = normalizeDistributionName(name);
  const holders = [...byDir.entries()]
    .filter(([dir, p]) => dir !== '.' && p.normalizedName === wanted)
    .map(([dir]) => dir)
    .sort();
  const last = posix.basename(missing);
  return holders.find((d) => posix.basename(d) === last) ?? holders[0];
}

function relativePath(from: string, to: string): string {
  return from === '.' ? to : posix.relative(from, to);
}
