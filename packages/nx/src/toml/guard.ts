import { parseToml as parse } from '../vendor/smol-toml';
import { TomlEditError, formatPath } from './errors';
import { detectEol } from './text';
import type { TomlPath } from './types';
import { deepEqual } from './values';

export type TomlData = Record<string, unknown>;

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}

/** Parses with smol-toml; a failure becomes a one-line {@link TomlEditError}. */
export function parseToml(text: string, context: string): TomlData {
  try {
    return parse(text) as TomlData;
  } catch (e) {
    throw new TomlEditError(`${context}: the document is not valid TOML (${firstLine(e)})`);
  }
}

/**
 * Runs a text edit and checks it: the input must parse, the output must parse, and the output's data
 * must equal `expected(before)` (or one of them) exactly, so nothing else changed. The final-newline
 * state is kept.
 */
export function guardedEdit(
  text: string,
  verb: string,
  path: TomlPath,
  edit: (before: TomlData) => string,
  expected: (before: TomlData) => TomlData | readonly TomlData[],
): string {
  const context = `cannot ${verb} ${formatPath(path)}`;
  const before = parseToml(text, context);
  let out = edit(before);
  if (out === text) return text;
  out = keepFinalNewline(text, out);
  let after: TomlData;
  try {
    after = parse(out) as TomlData;
  } catch (e) {
    throw new TomlEditError(`${context}: the edit would make the document invalid (${firstLine(e)})`);
  }
  const allowed = expected(before);
  if (!(Array.isArray(allowed) ? allowed : [allowed]).some((data) => deepEqual(after, data))) {
    throw new TomlEditError(`${context}: the edit would change more than ${formatPath(path)}`);
  }
  return out;
}

function keepFinalNewline(original: string, out: string): string {
  if (original.length === 0 || out.length === 0) return out;
  const eol = detectEol(original.includes('\n') ? original : out);
  const had = original.endsWith('\n');
  const has = out.endsWith('\n');
  if (had && !has) return out + eol;
  if (!had && has) return out.slice(0, out.endsWith('\r\n') ? -2 : -1);
  return out;
}
