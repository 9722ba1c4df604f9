import type { Pyproject } from './pyproject';
import { parseRequirement } from './requirement';

/**
 * Whether a pyproject requires a distribution (normalised name) in its dependencies, an extra or a
 * dependency group. A `[tool.uv.sources]` entry alone is not a requirement: uv does not install it.
 */
export function requiresPackage(pyproject: Pyproject, name: string): boolean {
  return pyproject.requirements.some((r) => parseRequirement(r.requirement)?.normalizedName === name);
}
