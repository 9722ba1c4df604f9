import { parseToml as parse, TomlError } from '../vendor/smol-toml';
import { normalizeDistributionName } from './names';
import { pyprojectTypeProblems } from './pyproject-types';
import { requirementLists, valueAt } from './requirement-lists';
import { isTable, readUvSources, UvSource } from './uv-source';

/** Where a requirement was declared: `[project].dependencies`, an extra, or a dependency group. */
export type DependencySection =
  { kind: 'project' } | { kind: 'optional'; extra: string } | { kind: 'group'; group: string };

export interface DeclaredRequirement {
  requirement: string;
  section: DependencySection;
}

/** What the plugin reads from one pyproject.toml. Plain data: it is cached on disk as JSON. */
export interface Pyproject {
  /** Workspace-relative path of the file. */
  file: string;
  name?: string;
  normalizedName?: string;
  version?: string;
  requiresPython?: string;
  requirements: DeclaredRequirement[];
  /** `[tool.uv.sources]`, keyed by normalised name. */
  sources: Record<string, UvSource[]>;
  /** `[tool.uv.workspace]`, when this pyproject is a workspace root. */
  workspace?: { members: string[]; exclude: string[] };
  /** Keys of `[project.optional-dependencies]`. */
  extras: string[];
  /** The build backend, e.g. `hatchling.build`. */
  buildBackend?: string;
  /** Values of a type uv refuses (`members = "packages/*"`): `<key> must be …: <fix>` each. */
  invalid?: string[];
  /** `[[tool.uv.index]]` entries (only when there are any). */
  indexes?: UvIndex[];
}

export interface UvIndex {
  name?: string;
  url: string;
}

/** A pyproject that could not be read, with a one-line, location-bearing message. */
export interface PyprojectError {
  file: string;
  message: string;
}

export type PyprojectReadResult = { ok: true; pyproject: Pyproject } | { ok: false; error: PyprojectError };

/** Parses pyproject text. Never throws: malformed TOML becomes `file:line:col: reason`. */
export function readPyproject(file: string, text: string): PyprojectReadResult {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: { file, message: tomlErrorLine(file, e) } };
  }
  return { ok: true, pyproject: fromDocument(file, doc) };
}

export function fromDocument(file: string, doc: Record<string, unknown>): Pyproject {
  const project = table(doc.project);
  const tool = table(doc.tool);
  const uv = table(tool.uv);
  const name = typeof project.name === 'string' ? project.name : undefined;

  const requirements: DeclaredRequirement[] = [];
  // group entries may be `{ include-group = "x" }` tables; only strings are requirements
  for (const list of requirementLists(doc)) {
    for (const r of strings(valueAt(doc, list.path)))
      requirements.push({ requirement: r, section: list.section as DependencySection });
  }

  const sources: Record<string, UvSource[]> = {};
  for (const [key, raw] of Object.entries(table(uv.sources))) {
    sources[normalizeDistributionName(key)] = readUvSources(raw);
  }

  const ws = isTable(uv.workspace) ? uv.workspace : undefined;
  const invalid = pyprojectTypeProblems(doc);
  const indexes: UvIndex[] = (Array.isArray(uv.index) ? uv.index : [])
    .filter(isTable)
    .flatMap((i) =>
      typeof i.url === 'string' ? [{ ...(typeof i.name === 'string' ? { name: i.name } : {}), url: i.url }] : [],
    );
  return {
    file,
    ...(name !== undefined ? { name, normalizedName: normalizeDistributionName(name) } : {}),
    ...(typeof project.version === 'string' ? { version: project.version } : {}),
    ...(typeof project['requires-python'] === 'string' ? { requiresPython: project['requires-python'] } : {}),
    requirements,
    sources,
    ...(ws ? { workspace: { members: strings(ws.members), exclude: strings(ws.exclude) } } : {}),
    extras: Object.keys(table(project['optional-dependencies'])),
    ...(indexes.length ? { indexes } : {}),
    ...(typeof table(doc['build-system'])['build-backend'] === 'string'
      ? { buildBackend: table(doc['build-system'])['build-backend'] as string }
      : {}),
    ...(invalid.length ? { invalid } : {}),
  };
}

function tomlErrorLine(file: string, e: unknown): string {
  if (e instanceof TomlError) {
    const reason = e.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    return `${file}:${e.line}:${e.column}: invalid TOML: ${reason}`;
  }
  return `${file}: invalid TOML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
}

function table(v: unknown): Record<string, unknown> {
  return isTable(v) ? v : {};
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
