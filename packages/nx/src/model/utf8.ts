/**
 * TOML files are UTF-8 (uv refuses anything else). Decoding other bytes as UTF-8 turns them into
 * U+FFFD, and writing the text back would change bytes outside the edit, so every TOML file the
 * plugin edits, or reads to edit, goes through this one check first.
 */

/** Where the first byte that is not UTF-8 sits (1-based line, 0-based offset); undefined for UTF-8. */
export function invalidUtf8At(bytes: Uint8Array): { offset: number; line: number; byte: number } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const again = Buffer.from(buf.toString('utf8'), 'utf8');
  if (again.equals(buf)) return undefined;
  let offset = 0;
  while (offset < buf.length && offset < again.length && buf[offset] === again[offset]) offset++;
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return { offset, line, byte: buf[offset] ?? 0 };
}

/** The one-line refusal for a file that is not UTF-8, or undefined when it is. */
export function notUtf8Message(file: string, bytes: Uint8Array): string | undefined {
  const at = invalidUtf8At(bytes);
  if (!at) return undefined;
  const hex = at.byte.toString(16).padStart(2, '0');
  return `${file} is not UTF-8 (byte 0x${hex} on line ${at.line}), and uv refuses such a file too: convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8 ${file} > ${file}.utf8 && mv ${file}.utf8 ${file}), then run the command again`;
}

/** The text of a UTF-8 file; throws `toError(message)` for other bytes. */
export function decodeUtf8<E extends Error>(file: string, bytes: Uint8Array, toError: (message: string) => E): string {
  const message = notUtf8Message(file, bytes);
  if (message) throw toError(message);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
