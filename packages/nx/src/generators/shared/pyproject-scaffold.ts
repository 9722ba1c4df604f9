import type { BackendSpec } from './backend-setup';

/** What a new pyproject (root or environment) holds. */
export interface PyprojectScaffold {
  /** Comment lines at the top (without `# `). */
  header: string[];
  name: string;
  requiresPython: string;
  backends: readonly BackendSpec[];
  /** `[dependency-groups]`. */
  groups?: Record<string, string[]>;
  /** `[tool.uv.workspace] members` (the root only). */
  members?: string[];
}

const str = (s: string) => JSON.stringify(s);

/**
 * The text of a new pyproject in the seeds' layout: `[project]` with an empty multi-line
 * `dependencies` (packages are appended there one per line), backend extras, `[tool.uv]
 * conflicts`, the workspace, `[tool.uv.sources]` (per-extra torch routes; pins come after), and
 * one explicit `[[tool.uv.index]]` per backend. Pure.
 */
export function renderPyproject(s: PyprojectScaffold): string {
  const out: string[] = [...s.header.map((l) => `# ${l}`.trimEnd()), ...(s.header.length ? [''] : [])];
  out.push(
    '[project]',
    `name = ${str(s.name)}`,
    'version = "0.1.0"',
    `requires-python = ${str(s.requiresPython)}`,
    'dependencies = [',
    ']',
  );
  const backends = s.backends;
  if (backends.length) {
    out.push('', '[project.optional-dependencies]');
    out.push('# A PyTorch backend must be chosen: one of these extras (uv sync --extra <backend>).');
    for (const b of backends) out.push(`${b.name} = [${b.requirements.map(str).join(', ')}]`);
  }
  if (s.groups && Object.keys(s.groups).length) {
    out.push('', '[dependency-groups]');
    for (const [g, reqs] of Object.entries(s.groups)) out.push(`${g} = [${reqs.map(str).join(', ')}]`);
  }
  if (backends.length > 1) {
    out.push('', '[tool.uv]', '# The backends exclude each other.', 'conflicts = [', '    [');
    for (const b of backends) out.push(`        { extra = ${str(b.name)} },`);
    out.push('    ],', ']');
  }
  if (s.members) out.push('', '[tool.uv.workspace]', `members = [${s.members.map(str).join(', ')}]`);
  out.push('', '[tool.uv.sources]');
  const routed = backends.flatMap((b) => (b.index ? [{ extra: b.name, index: b.index }] : []));
  if (routed.length) {
    out.push('torch = [');
    for (const r of routed) out.push(`    { index = ${str(r.index.name)}, extra = ${str(r.extra)} },`);
    out.push(']');
  }
  for (const { index } of routed) {
    out.push('', '[[tool.uv.index]]', `name = ${str(index.name)}`, `url = ${str(index.url)}`, 'explicit = true');
    if (index.format) out.push(`format = ${str(index.format)}`);
  }
  return `${out.join('\n')}\n`;
}
