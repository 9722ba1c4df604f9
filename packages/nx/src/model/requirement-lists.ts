import type { DependencySection } from './pyproject';

/** One list of requirement strings in a pyproject, by its TOML path. */
export interface RequirementList {
  /** `['project', 'dependencies']`, `['dependency-groups', 'dev']`, `['tool', 'uv', 'dev-dependencies']`. */
  path: string[];
  /** What the list declares for the package; null for uv's resolver lists (overrides, constraints). */
  section: DependencySection | null;
}

const table = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * The TOML paths of every requirement list of a pyproject: `[project].dependencies`, each extra,
 * each dependency group, uv's legacy `[tool.uv] dev-dependencies` (the `dev` group), and with
 * `resolver: true` also uv's `override-dependencies` and `constraint-dependencies` (which steer
 * the resolution; they declare nothing the package needs). Only lists present in `doc`.
 */
export function requirementLists(doc: Record<string, unknown>, opts: { resolver?: boolean } = {}): RequirementList[] {
  const project = table(doc.project);
  const uv = table(table(doc.tool).uv);
  const out: RequirementList[] = [];
  const add = (present: unknown, path: string[], section: DependencySection | null) => {
    if (present !== undefined) out.push({ path, section });
  };
  add(project.dependencies, ['project', 'dependencies'], { kind: 'project' });
  for (const [extra, list] of Object.entries(table(project['optional-dependencies'])))
    add(list, ['project', 'optional-dependencies', extra], { kind: 'optional', extra });
  for (const [group, list] of Object.entries(table(doc['dependency-groups'])))
    add(list, ['dependency-groups', group], { kind: 'group', group });
  add(uv['dev-dependencies'], ['tool', 'uv', 'dev-dependencies'], { kind: 'group', group: 'dev' });
  if (opts.resolver) {
    add(uv['override-dependencies'], ['tool', 'uv', 'override-dependencies'], null);
    add(uv['constraint-dependencies'], ['tool', 'uv', 'constraint-dependencies'], null);
  }
  return out;
}

/** The value at a TOML path (undefined: absent). */
export function valueAt(doc: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = doc;
  for (const key of path) v = table(v)[key];
  return v;
}
