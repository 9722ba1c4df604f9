/**
 * `git diff` (which `nx affected` reads) ignores submodules whose only change is untracked files,
 * unless `.gitmodules` says `ignore = none` for them. This returns `.gitmodules` text in which the
 * given submodule paths have `ignore = none`, changing nothing else (lines, order, comments kept).
 */
export function withIgnoreNone(text: string, paths: ReadonlySet<string>): { text: string; changed: string[] } {
  const lines = text.split(/(?<=\n)/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out: string[] = [];
  const changed: string[] = [];
  let section: { path?: string; ignoreLine?: number; lastLine: number; indent: string } | undefined;

  const close = () => {
    if (!section?.path || !paths.has(section.path.replace(/\/+$/, ''))) return;
    if (section.ignoreLine !== undefined) {
      const current = out[section.ignoreLine];
      if (/=\s*"?none"?\s*(\r?\n)?$/.test(current)) return;
      out[section.ignoreLine] = `${section.indent}ignore = none${/\r?\n$/.exec(current)?.[0] ?? ''}`;
    } else {
      const last = out[section.lastLine];
      if (!/\n$/.test(last)) out[section.lastLine] = `${last}${eol}`;
      out.splice(section.lastLine + 1, 0, `${section.indent}ignore = none${eol}`);
    }
    changed.push(section.path);
  };

  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      close();
      section = /^\[\s*submodule\s+"/.test(trimmed) ? { lastLine: out.length, indent: '\t' } : undefined;
      out.push(line);
      continue;
    }
    out.push(line);
    if (!section || !trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    section.lastLine = out.length - 1;
    const kv = /^(\s*)([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*?)\s*$/.exec(line.replace(/\r?\n$/, ''));
    if (!kv) continue;
    section.indent = kv[1] || section.indent;
    const key = kv[2].toLowerCase();
    if (key === 'path') section.path = kv[3].replace(/^"(.*)"$/, '$1');
    if (key === 'ignore') section.ignoreLine = out.length - 1;
  }
  close();
  return { text: out.join(''), changed };
}
