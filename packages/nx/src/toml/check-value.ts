import { TomlEditError, formatPath } from './errors';
import { isEncodable } from './format-string';
import type { TomlPath } from './types';
import { isPlainObject } from './values';

function describeJs(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (v instanceof Date) return 'a Date';
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  return `a ${typeof v}`;
}

/** What in `value` TOML cannot hold (null, undefined, a bigint, a Date, a lone surrogate…), or null. */
function problem(value: unknown, at: TomlPath): string | null {
  if (typeof value === 'string') return isEncodable(value) ? null : `${formatPath(at)} has an unpaired surrogate`;
  if (typeof value === 'number' || typeof value === 'boolean') return null;
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  if (children.length === 0 && !Array.isArray(value) && !isPlainObject(value))
    return `${formatPath(at)} is ${describeJs(value)}, which TOML cannot hold`;
  for (const [k, v] of children) {
    const found = problem(v, [...at, k]);
    if (found) return found;
  }
  return null;
}

/** Throws `cannot <verb> <path>: <path> is null, which TOML cannot hold` for values TOML cannot hold. */
export function assertTomlValue(value: unknown, verb: string, path: TomlPath): void {
  const found = problem(value, path);
  if (found) throw new TomlEditError(`cannot ${verb} ${formatPath(path)}: ${found}`);
}
