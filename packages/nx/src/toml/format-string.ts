const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether TOML (UTF-8) can hold the string: no unpaired UTF-16 surrogates. */
export function isEncodable(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** A TOML basic string: `"..."` with `"`, `\` and control characters escaped; other text kept as is. */
export function formatString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
  }
  return `${out}"`;
}
