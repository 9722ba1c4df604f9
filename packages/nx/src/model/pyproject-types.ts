import { isTable } from './uv-source';

/**
 * The value types uv checks when it reads a pyproject (it refuses the file otherwise: "invalid
 * type: string, expected a sequence"). The plugin reads the same keys; where uv would refuse, the
 * graph says so instead of silently reading nothing. Each problem is `<key> …: <fix>`.
 */
export function pyprojectTypeProblems(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const project = tableAt(doc, 'project', '[project]', out);
  if (project) {
    for (const key of ['name', 'version', 'requires-python']) stringAt(project, key, `[project] ${key}`, out);
    stringArrayAt(project, 'dependencies', '[project] dependencies', out);
    const optional = tableAt(project, 'optional-dependencies', '[project.optional-dependencies]', out);
    for (const extra of Object.keys(optional ?? {}))
      stringArrayAt(optional ?? {}, extra, `[project.optional-dependencies] ${extra}`, out);
  }
  const groups = tableAt(doc, 'dependency-groups', '[dependency-groups]', out);
  for (const [group, list] of Object.entries(groups ?? {})) {
    const key = `[dependency-groups] ${group}`;
    if (!Array.isArray(list)) out.push(mustBe(key, 'an array of requirement strings', list, arrayFix(group, list)));
    else
      list.forEach((x, i) => {
        if (typeof x !== 'string' && !(isTable(x) && typeof x['include-group'] === 'string')) {
          out.push(
            mustBe(
              `${key}[${i}]`,
              'a requirement string or { include-group = "<group>" }',
              x,
              'quote it, or remove it',
            ),
          );
        }
      });
  }
  const tool = tableAt(doc, 'tool', '[tool]', out);
  const uv = tool ? tableAt(tool, 'uv', '[tool.uv]', out) : undefined;
  if (!uv) return out;
  stringArrayAt(uv, 'dev-dependencies', '[tool.uv] dev-dependencies', out);
  const workspace = tableAt(uv, 'workspace', '[tool.uv.workspace]', out);
  if (workspace)
    for (const key of ['members', 'exclude'])
      stringArrayAt(workspace, key, `[tool.uv.workspace] ${key}`, out, 'glob strings');
  const sources = tableAt(uv, 'sources', '[tool.uv.sources]', out);
  for (const [name, raw] of Object.entries(sources ?? {})) out.push(...sourceProblems(name, raw));
  out.push(...indexProblems(uv.index));
  return out;
}

/** `[[tool.uv.index]]`: an array of tables; `name`/`url` strings, `explicit`/`default` booleans. */
function indexProblems(raw: unknown): string[] {
  if (raw === undefined) return [];
  const example = '[[tool.uv.index]] tables (name = "pytorch-cu124", url = "https://…")';
  if (!Array.isArray(raw)) return [mustBe('[tool.uv] index', 'an array of tables', raw, `write it as ${example}`)];
  const out: string[] = [];
  for (const [i, entry] of raw.entries()) {
    const at = `[[tool.uv.index]] #${i + 1}`;
    if (!isTable(entry)) {
      out.push(mustBe(at, 'a table', entry, `write it as ${example}`));
      continue;
    }
    for (const k of ['name', 'url'])
      if (entry[k] !== undefined && typeof entry[k] !== 'string')
        out.push(mustBe(`${at} ${k}`, 'a string', entry[k], `quote it: ${k} = "…"`));
    for (const k of ['explicit', 'default'])
      if (entry[k] !== undefined && typeof entry[k] !== 'boolean')
        out.push(mustBe(`${at} ${k}`, 'true or false', entry[k], `write ${k} = true`));
  }
  return out;
}

const SOURCE_STRINGS = [
  'git',
  'subdirectory',
  'rev',
  'tag',
  'branch',
  'url',
  'path',
  'index',
  'marker',
  'extra',
  'group',
];
const SOURCE_BOOLEANS = ['lfs', 'editable', 'package', 'workspace'];
const SOURCE_EXAMPLE = '{ workspace = true }, { path = "<dir>" } or { git = "<url>", tag = "<tag>" }';

function sourceProblems(name: string, raw: unknown): string[] {
  const key = `[tool.uv.sources] ${name}`;
  if (!isTable(raw) && !Array.isArray(raw))
    return [mustBe(key, 'a table or an array of tables', raw, `write it like ${name} = ${SOURCE_EXAMPLE}`)];
  const entries = Array.isArray(raw) ? raw.map((e, i) => [`${key}[${i}]`, e] as const) : [[key, raw] as const];
  const out: string[] = [];
  for (const [at, entry] of entries) {
    if (!isTable(entry)) {
      out.push(mustBe(at, 'a table', entry, `write it like ${SOURCE_EXAMPLE}`));
      continue;
    }
    for (const [k, v] of Object.entries(entry)) {
      if (SOURCE_STRINGS.includes(k)) {
        if (typeof v !== 'string') out.push(mustBe(`${at}.${k}`, 'a string', v, `quote it: ${k} = "…"`));
      } else if (SOURCE_BOOLEANS.includes(k)) {
        if (typeof v !== 'boolean') out.push(mustBe(`${at}.${k}`, 'true or false', v, `write ${k} = true`));
      } else {
        out.push(
          `${at} has the key "${k}", which uv does not know, and uv refuses it: use ${[...SOURCE_STRINGS, ...SOURCE_BOOLEANS].join(', ')}`,
        );
      }
    }
  }
  return out;
}

function tableAt(
  parent: Record<string, unknown>,
  key: string,
  shown: string,
  out: string[],
): Record<string, unknown> | undefined {
  const v = parent[key];
  if (v === undefined) return undefined;
  if (isTable(v)) return v;
  out.push(mustBe(shown, 'a table', v, `write it as a ${shown} section`));
  return undefined;
}

function stringAt(parent: Record<string, unknown>, key: string, shown: string, out: string[]): void {
  const v = parent[key];
  if (v !== undefined && typeof v !== 'string')
    out.push(mustBe(shown, 'a string', v, `quote it: ${key} = "${tomlish(v)}"`));
}

function stringArrayAt(
  parent: Record<string, unknown>,
  key: string,
  shown: string,
  out: string[],
  what = 'requirement strings',
): void {
  const v = parent[key];
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    out.push(mustBe(shown, `an array of ${what}`, v, arrayFix(key, v)));
    return;
  }
  v.forEach((x, i) => {
    if (typeof x !== 'string') out.push(mustBe(`${shown}[${i}]`, 'a string', x, 'quote it, or remove it'));
  });
}

function arrayFix(key: string, v: unknown): string {
  return typeof v === 'string' ? `write ${key} = [${JSON.stringify(v)}]` : `write ${key} = ["…"]`;
}

function mustBe(key: string, expected: string, v: unknown, fix: string): string {
  return `${key} must be ${expected}, not ${describe(v)}, and uv refuses it: ${fix}`;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  if (typeof v === 'number' || typeof v === 'bigint') return `a number (${String(v)})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  return isTable(v) ? 'a table' : typeof v;
}

function tomlish(v: unknown): string {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '…';
}
