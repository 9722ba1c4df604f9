import { TomlEditError, formatPath } from './errors';
import { formatKey } from './format-key';
import { formatString, isEncodable } from './format-string';
import type { TomlPath, TomlValue } from './types';
import { isPlainObject } from './values';

/** Spacing of one-line values, sniffed from a neighbour so new text looks like the old. */
export interface InlineStyle {
  /** after `{` and before `}`: `' '` → `{ a = 1 }`, `''` → `{a = 1}` */
  readonly brace: string;
  /** key/value separator inside inline tables: `' = '` or `'='` */
  readonly eq: string;
  /** item separator: `', '` or `','` */
  readonly sep: string;
}

export const DEFAULT_STYLE: InlineStyle = { brace: ' ', eq: ' = ', sep: ', ' };

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Object.is(n, -0)) return '-0.0';
  return String(n); // integers as integers, other floats as `0.5` / `1e-7` (both valid TOML)
}

/**
 * The one-line TOML text of a value: strings as basic strings, arrays as `[a, b]`, objects as inline tables.
 * Throws {@link TomlEditError} for values TOML cannot hold (null, undefined, functions, lone surrogates…).
 */
export function formatValue(value: TomlValue, style: InlineStyle = DEFAULT_STYLE, at: TomlPath = []): string {
  switch (typeof value) {
    case 'string':
      if (!isEncodable(value))
        throw new TomlEditError(`cannot write ${formatPath(at)}: the string has an unpaired surrogate`);
      return formatString(value);
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => formatValue(v, style, [...at, i])).join(style.sep)}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const body = entries
      .map(([k, v]) => `${formatKey(k)}${style.eq}${formatValue(v, style, [...at, k])}`)
      .join(style.sep);
    return `{${style.brace}${body}${style.brace}}`;
  }
  throw new TomlEditError(`cannot write ${formatPath(at)}: TOML cannot hold ${String(value)}`);
}
