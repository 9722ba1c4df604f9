/** Test helpers for the TOML editor specs: fixtures, a line diff, and the smol-toml reader. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseToml } from '../../vendor/smol-toml';

export const FIXTURE_DIR = __dirname;

/** The pyproject fixtures by short name: `root`, `staging`, `prod`, `package`, `crlf`, `minimal`. */
export const PYPROJECTS = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.pyproject.toml'))
  .map((f) => f.replace('.pyproject.toml', ''))
  .sort();

export function fixture(name: string): string {
  const file = name.endsWith('.toml') ? name : `${name}.pyproject.toml`;
  return readFileSync(join(FIXTURE_DIR, file), 'utf8');
}

export function read(text: string): Record<string, unknown> {
  return parseToml(text) as Record<string, unknown>;
}

/** A copy of `text` with `from` (which must occur exactly once) replaced by `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Lines removed and added between two texts (LCS on lines, line breaks kept). */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push(b[j++]);
    } else {
      removed.push(a[i++]);
    }
  }
  return { removed, added };
}

/** Every path to a leaf (scalar, empty array or empty table) of parsed data, with its value. */
export function leaves(data: unknown, at: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(data) && data.length > 0) return data.flatMap((v, i) => leaves(v, [...at, i]));
  if (data !== null && typeof data === 'object' && !(data instanceof Date) && Object.keys(data).length > 0) {
    return Object.entries(data).flatMap(([k, v]) => leaves(v, [...at, k]));
  }
  return [[at, data]];
}

/** Every path to an array or a table (object) in parsed data. */
export function containers(data: unknown, at: (string | number)[] = []): { path: (string | number)[]; kind: 'array' | 'table' }[] {
  if (Array.isArray(data)) return [{ path: at, kind: 'array' }, ...data.flatMap((v, i) => containers(v, [...at, i]))];
  if (data !== null && typeof data === 'object' && !(data instanceof Date)) {
    return [{ path: at, kind: 'table' }, ...Object.entries(data).flatMap(([k, v]) => containers(v, [...at, k]))];
  }
  return [];
}
