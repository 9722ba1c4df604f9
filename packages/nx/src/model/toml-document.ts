import { parseToml } from '../vendor/smol-toml';

export type TomlDocumentResult = { ok: true; doc: Record<string, unknown> } | { ok: false; message: string };

/**
 * A TOML file read to edit or inspect: its data, or the one line that says it is not valid TOML
 * (the parser's first line, and what to do).
 */
export function parseTomlDocument(text: string, file: string): TomlDocumentResult {
  try {
    return { ok: true, doc: parseToml(text) as Record<string, unknown> };
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return { ok: false, message: `${file} is not valid TOML (${why}): fix it first` };
  }
}
