/** One `[submodule "name"]` section of `.gitmodules`. */
export interface Submodule {
  name: string;
  path: string;
  url: string;
  branch?: string;
}

/** Parses `.gitmodules` (git-config syntax). Sections without a path or url are ignored. */
export function parseGitmodules(text: string): Submodule[] {
  const result: Submodule[] = [];
  let current: (Partial<Submodule> & { name?: string }) | undefined;
  const flush = () => {
    if (current?.name !== undefined && current.path && current.url) result.push(current as Submodule);
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s+|\s+$/g, '');
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*submodule\s+"((?:[^"\\]|\\.)*)"\s*\]$/.exec(line);
    if (section) {
      flush();
      current = { name: section[1].replace(/\\(.)/g, '$1') };
      continue;
    }
    if (line.startsWith('[')) {
      flush();
      current = undefined;
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (!kv || !current) continue;
    const key = kv[1].toLowerCase();
    const value = unquote(kv[2].replace(/\s+[#;].*$/, ''));
    if (key === 'path') current.path = value.replace(/\/+$/, '');
    else if (key === 'url') current.url = value;
    else if (key === 'branch') current.branch = value;
  }
  flush();
  return result;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}
