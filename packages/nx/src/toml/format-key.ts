import { formatString } from './format-string';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** One key segment: bare when TOML allows it, else a basic string (`"a.b"`, `"x y"`, `""`). */
export function formatKey(key: string): string {
  return BARE_KEY.test(key) ? key : formatString(key);
}

/** A dotted key or table header name: `tool.uv.sources`, `tool."my.key"`. */
export function formatKeyPath(keys: readonly string[]): string {
  return keys.map(formatKey).join('.');
}
