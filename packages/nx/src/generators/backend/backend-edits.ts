import { isTable } from '../../model/uv-source';
import { appendToTomlArray, setTomlValue, TomlEditError, TomlValue } from '../../toml';
import type { BackendSpec } from '../shared/backend-setup';
import { tableAt } from '../../uv/pin-source';
import { parseTomlDocument } from '../../model/toml-document';

export type BackendEditResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * Adds a PyTorch backend to a pyproject, format-preserving: the extra, its entry in the conflict
 * set of the other backends, the per-extra torch source and an explicit `[[tool.uv.index]]`.
 * `existing` are the backends the file declares already. Pure.
 */
export function addBackend(
  text: string,
  file: string,
  spec: Required<BackendSpec>,
  existing: readonly string[],
): BackendEditResult {
  const parsed = parseTomlDocument(text, file);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const uv = tableAt(doc, ['tool', 'uv']);
  const indexes = Array.isArray(uv.index) ? uv.index.filter(isTable) : [];
  if (indexes.some((i) => i.name === spec.index.name)) {
    return {
      ok: false,
      message: `${file} already has an index named ${spec.index.name}: remove it or add the backend by hand`,
    };
  }
  try {
    let out = setTomlValue(text, ['project', 'optional-dependencies', spec.name], spec.requirements);

    const conflicts = Array.isArray(uv.conflicts) ? uv.conflicts : undefined;
    const group = conflicts?.findIndex(
      (g) =>
        Array.isArray(g) &&
        g.length > 0 &&
        g.every((item) => isTable(item) && typeof item.extra === 'string' && existing.includes(item.extra)),
    );
    const entry = { extra: spec.name };
    if (conflicts && group !== undefined && group >= 0)
      out = appendToTomlArray(out, ['tool', 'uv', 'conflicts', group], entry);
    else if (existing.length > 0) {
      const set: TomlValue = [...existing.map((extra) => ({ extra })), entry];
      out = conflicts
        ? appendToTomlArray(out, ['tool', 'uv', 'conflicts'], set)
        : setTomlValue(out, ['tool', 'uv', 'conflicts'], [set]);
    }

    const route = { index: spec.index.name, extra: spec.name };
    const torch = tableAt(doc, ['tool', 'uv', 'sources']).torch;
    if (Array.isArray(torch)) out = appendToTomlArray(out, ['tool', 'uv', 'sources', 'torch'], route);
    else if (isTable(torch)) out = setTomlValue(out, ['tool', 'uv', 'sources', 'torch'], [torch as TomlValue, route]);
    else out = setTomlValue(out, ['tool', 'uv', 'sources', 'torch'], [route]);

    const index: Record<string, TomlValue> = { name: spec.index.name, url: spec.index.url, explicit: true };
    if (spec.index.format) index.format = spec.index.format;
    out = appendToTomlArray(out, ['tool', 'uv', 'index'], index);
    return { ok: true, text: out };
  } catch (e) {
    if (e instanceof TomlEditError) return { ok: false, message: `${file}: ${e.message}` };
    throw e;
  }
}
