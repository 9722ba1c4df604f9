/** One entry of `[tool.uv.sources]` (a key may hold several, split by extra/marker/group). */
export type UvSource =
  | ({ kind: 'workspace' } & SourceCondition)
  | ({ kind: 'path'; path: string; editable?: boolean } & SourceCondition)
  | ({ kind: 'git'; url: string; tag?: string; rev?: string; branch?: string; subdirectory?: string } & SourceCondition)
  | ({ kind: 'index'; index: string } & SourceCondition)
  | ({ kind: 'url'; url: string } & SourceCondition)
  | ({ kind: 'unknown' } & SourceCondition);

export interface SourceCondition {
  extra?: string;
  group?: string;
  marker?: string;
}

/** Reads the raw value of a `[tool.uv.sources]` key into typed entries; tolerant of unknown shapes. */
export function readUvSources(raw: unknown): UvSource[] {
  const entries = Array.isArray(raw) ? raw : [raw];
  return entries.filter(isTable).map(readOne);
}

function readOne(t: Record<string, unknown>): UvSource {
  const cond: SourceCondition = {
    ...(typeof t.extra === 'string' ? { extra: t.extra } : {}),
    ...(typeof t.group === 'string' ? { group: t.group } : {}),
    ...(typeof t.marker === 'string' ? { marker: t.marker } : {}),
  };
  if (t.workspace === true) return { kind: 'workspace', ...cond };
  if (typeof t.path === 'string') {
    return {
      kind: 'path',
      path: t.path,
      ...(typeof t.editable === 'boolean' ? { editable: t.editable } : {}),
      ...cond,
    };
  }
  if (typeof t.git === 'string') {
    return {
      kind: 'git',
      url: t.git,
      ...(typeof t.tag === 'string' ? { tag: t.tag } : {}),
      ...(typeof t.rev === 'string' ? { rev: t.rev } : {}),
      ...(typeof t.branch === 'string' ? { branch: t.branch } : {}),
      ...(typeof t.subdirectory === 'string' ? { subdirectory: t.subdirectory } : {}),
      ...cond,
    };
  }
  if (typeof t.index === 'string') return { kind: 'index', index: t.index, ...cond };
  if (typeof t.url === 'string') return { kind: 'url', url: t.url, ...cond };
  return { kind: 'unknown', ...cond };
}

export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
