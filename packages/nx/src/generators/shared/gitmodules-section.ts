/**
 * A `.gitmodules` section for a new submodule, appended to the file's text (nothing else changes).
 * Member submodules get `ignore = none` (see model/gitmodules-ignore.ts: without it `nx affected`
 * misses untracked files inside them).
 */
export function appendSubmoduleSection(text: string, s: { name: string; path: string; url: string }): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = [
    `[submodule ${quote(s.name, true)}]`,
    `\tpath = ${quote(s.path)}`,
    `\turl = ${quote(s.url)}`,
    '\tignore = none',
  ];
  const head = text === '' || /\n$/.test(text) ? text : `${text}${eol}`;
  return `${head}${lines.join(eol)}${eol}`;
}

/** git-config value quoting: a value with `"`, `\`, `#`, `;` or edge spaces is quoted and escaped. */
function quote(value: string, always = false): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return always || /[#;"\\]|^\s|\s$/.test(value) ? `"${escaped}"` : value;
}
