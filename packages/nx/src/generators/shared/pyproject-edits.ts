import { requirementLists } from '../../model/requirement-lists';
import { posix } from 'node:path';
import { normalizeDistributionName } from '../../model/names';
import { dirOf, normalizeWorkspacePath, resolveFrom } from '../../model/paths';
import { parseRequirement } from '../../model/requirement';
import { isTable } from '../../model/uv-source';
import { editToml, TomlEdit } from '../../toml';
import { parseToml } from '../../vendor/smol-toml';

/**
 * Format-preserving pyproject edits of the submodule generators (pure: text in, text out; only the
 * edited values change, see docs/toml-editing.md).
 */

const requirementName = (item: unknown) =>
  typeof item === 'string' ? parseRequirement(item)?.normalizedName : undefined;

/**
 * `name` in `[project].dependencies` and `name = { workspace = true }` in `[tool.uv.sources]`, each
 * only if missing (compared after PEP 503 normalisation). Written with the normalised name.
 */
export function addWorkspaceDependency(text: string, name: string): string {
  const doc = parseToml(text) as Record<string, unknown>;
  const normalized = normalizeDistributionName(name);
  const edits: TomlEdit[] = [];
  const deps = getIn(doc, ['project', 'dependencies']);
  if (!Array.isArray(deps) || !deps.some((d) => requirementName(d) === normalized)) {
    edits.push({ op: 'append', path: ['project', 'dependencies'], value: normalized });
  }
  const sources = getIn(doc, ['tool', 'uv', 'sources']);
  if (!isTable(sources) || !Object.keys(sources).some((k) => normalizeDistributionName(k) === normalized)) {
    edits.push({ op: 'set', path: ['tool', 'uv', 'sources', normalized], value: { workspace: true } });
  }
  return editToml(text, edits);
}

/**
 * Drops every reference to the package `normalizedName`: requirements in `[project].dependencies`,
 * optional dependencies, dependency groups, uv's `dev-dependencies`, `override-dependencies` and
 * `constraint-dependencies`, its `[tool.uv.sources]` entry, and a `[tool.uv.workspace] members`
 * entry naming exactly `dir`.
 */
export function dropPackageReferences(text: string, normalizedName: string, dir?: string): string {
  const doc = parseToml(text) as Record<string, unknown>;
  const isIt = (item: unknown) => requirementName(item) === normalizedName;
  const edits: TomlEdit[] = [];
  const lists = requirementLists(doc as Record<string, unknown>, { resolver: true }).map((l) => l.path);
  for (const path of lists) {
    const list = getIn(doc, path);
    if (Array.isArray(list) && list.some(isIt)) edits.push({ op: 'remove', path, match: isIt });
  }
  for (const key of Object.keys(table(getIn(doc, ['tool', 'uv', 'sources'])))) {
    if (normalizeDistributionName(key) === normalizedName)
      edits.push({ op: 'delete', path: ['tool', 'uv', 'sources', key] });
  }
  if (dir !== undefined) {
    const members = getIn(doc, ['tool', 'uv', 'workspace', 'members']);
    const isDir = (m: unknown) => typeof m === 'string' && normalizeWorkspacePath(m) === dir;
    if (Array.isArray(members) && members.some(isDir))
      edits.push({ op: 'remove', path: ['tool', 'uv', 'workspace', 'members'], match: isDir });
  }
  return editToml(text, edits);
}

/**
 * After a package moved from `from` to `to` (workspace-relative directories): `path` sources of the
 * pyproject at `file` that pointed at `from` point at `to`, and a `members` entry naming exactly
 * `from` names `to`. `fileAfter` is where the pyproject itself lives after the move (itself moved
 * when it is the package's own), so its relative paths are computed from there.
 */
export function retargetPaths(text: string, file: string, from: string, to: string, fileAfter = file): string {
  const doc = parseToml(text) as Record<string, unknown>;
  const baseBefore = dirOf(file);
  const baseAfter = dirOf(fileAfter);
  const edits: TomlEdit[] = [];
  const rewrite = (written: string, target: string) => {
    const rel = posix.relative(baseAfter, target) || '.';
    return written.startsWith('./') && !rel.startsWith('.') ? `./${rel}` : rel;
  };
  for (const [key, raw] of Object.entries(table(getIn(doc, ['tool', 'uv', 'sources'])))) {
    const entries = Array.isArray(raw) ? raw : [raw];
    entries.forEach((entry, i) => {
      if (!isTable(entry) || typeof entry.path !== 'string') return;
      const target = resolveFrom(baseBefore, entry.path);
      if (target === undefined) return;
      const moved =
        target === from ? to : target.startsWith(`${from}/`) ? `${to}${target.slice(from.length)}` : undefined;
      const after = moved ?? (baseAfter !== baseBefore ? target : undefined);
      if (after === undefined) return;
      const value = rewrite(entry.path, after);
      if (value === entry.path) return;
      edits.push({
        op: 'set',
        path: Array.isArray(raw) ? ['tool', 'uv', 'sources', key, i, 'path'] : ['tool', 'uv', 'sources', key, 'path'],
        value,
      });
    });
  }
  const members = getIn(doc, ['tool', 'uv', 'workspace', 'members']);
  if (file === 'pyproject.toml' && Array.isArray(members)) {
    members.forEach((m, i) => {
      if (typeof m === 'string' && normalizeWorkspacePath(m) === from) {
        edits.push({ op: 'set', path: ['tool', 'uv', 'workspace', 'members', i], value: to });
      }
    });
  }
  return editToml(text, edits);
}

function getIn(doc: unknown, path: readonly string[]): unknown {
  let v = doc;
  for (const k of path) {
    if (!isTable(v)) return undefined;
    v = v[k];
  }
  return v;
}

function table(v: unknown): Record<string, unknown> {
  return isTable(v) ? v : {};
}

/** `name = { workspace = true }` in `[tool.uv.sources]` unless the package already has a source there. */
export function ensureWorkspaceSource(text: string, name: string): string {
  const doc = parseToml(text) as Record<string, unknown>;
  const normalized = normalizeDistributionName(name);
  const sources = getIn(doc, ['tool', 'uv', 'sources']);
  if (isTable(sources) && Object.keys(sources).some((k) => normalizeDistributionName(k) === normalized)) return text;
  return editToml(text, [{ op: 'set', path: ['tool', 'uv', 'sources', normalized], value: { workspace: true } }]);
}
