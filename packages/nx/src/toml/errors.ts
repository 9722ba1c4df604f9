import { formatKey } from './format-key';
import type { TomlPath } from './types';

/** A refused or impossible TOML edit. The message is one line and names no file. */
export class TomlEditError extends Error {
  override readonly name = 'TomlEditError';
}

/** `tool.uv.sources."a.b"`, `tool.uv.index[1].url`; `(root)` for the empty path. */
export function formatPath(path: TomlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out === '' ? '' : '.') + formatKey(part);
  }
  return out === '' ? '(root)' : out;
}
