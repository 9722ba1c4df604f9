/**
 * The same edits applied to parsed data. The guard compares the re-parsed result of a text edit with
 * these, so an edit that changed anything else than intended is refused instead of written.
 */
import type { TomlPath, TomlValue } from './types';
import { isPlainObject } from './values';

type Data = Record<string, unknown>;

function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneData) as T;
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneData(x)])) as T;
  return v;
}

/** The container that holds the last path part, created as needed. */
function parentOf(data: Data, path: TomlPath): Record<string | number, unknown> {
  let cur: Record<string | number, unknown> = data;
  path.slice(0, -1).forEach((part, i) => {
    if (cur[part] === undefined) cur[part] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[part] as Record<string | number, unknown>;
  });
  return cur;
}

export function setData(data: Data, path: TomlPath, value: TomlValue): Data {
  const out = cloneData(data);
  if (path.length === 0) return cloneData(value as Data);
  parentOf(out, path)[path[path.length - 1]] = cloneData(value);
  return out;
}

export function deleteData(data: Data, path: TomlPath): Data {
  const out = cloneData(data);
  const parent = parentOf(out, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return out;
}

export function appendData(data: Data, path: TomlPath, value: TomlValue): Data {
  const out = cloneData(data);
  const parent = parentOf(out, path);
  const last = path[path.length - 1];
  const arr = (parent[last] ?? []) as unknown[];
  parent[last] = [...arr, cloneData(value)];
  return out;
}

export function filterData(data: Data, path: TomlPath, keep: (item: unknown) => boolean): Data {
  const out = cloneData(data);
  const parent = parentOf(out, path);
  const last = path[path.length - 1];
  const arr = parent[last];
  if (Array.isArray(arr)) parent[last] = arr.filter(keep);
  return out;
}

/**
 * `data` without the value at `path` if it is empty, and without the tables above it that end up empty:
 * a table that only existed through its sub-tables disappears with its last one.
 */
export function pruneEmpty(data: Data, path: TomlPath): Data {
  const out = cloneData(data);
  for (let n = path.length; n > 0; n--) {
    const parent = parentOf(out, path.slice(0, n));
    const last = path[n - 1];
    const v = parent[last];
    const empty = (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
    if (!empty || Array.isArray(parent)) break;
    delete parent[last];
  }
  return out;
}
