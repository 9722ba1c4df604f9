import type { TomlPath, TomlValue } from './types';

/** A plain `{}` object (not an array, not a date, not a class instance). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Structural equality of parsed TOML data (numbers by value, so `3` equals `3.0`). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.toISOString() === b.toISOString();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The value at `path` in parsed data, or `undefined`. */
export function getIn(data: unknown, path: TomlPath): unknown {
  let cur: unknown = data;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[part];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
  }
  return cur;
}

/** Whether `prefix` is a prefix of (or equal to) `path`. */
export function isPrefix(prefix: TomlPath, path: TomlPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

export function samePath(a: TomlPath, b: TomlPath): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/** The value that `rest` (keys and indices below an existing container) must hold so `rest` leads to `value`. */
export function wrapValue(rest: TomlPath, value: TomlValue): TomlValue | undefined {
  let out: TomlValue = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const part = rest[i];
    if (typeof part === 'number') {
      if (part !== 0) return undefined;
      out = [out];
    } else {
      out = { [part]: out };
    }
  }
  return out;
}
