/**
 * `.gitmodules` may hold URLs relative to the superproject's remote (`../bench-utils.git`). git
 * resolves them against the remote URL (git-remote.ts submoduleBaseUrl): each leading `../` drops one path component of it.
 * Returns undefined for a URL that is not relative.
 */
export function isRelativeGitUrl(url: string): boolean {
  return url.startsWith('./') || url.startsWith('../');
}

export function resolveRelativeGitUrl(base: string, relative: string): string | undefined {
  if (!isRelativeGitUrl(relative)) return undefined;
  let rest = relative;
  let b = base.trim().replace(/\/+$/, '');
  // scp-like `git@host:org/repo.git`: the path after `:` is what `..` walks up
  const scp = /^([^@/\s]+@)?([^:/\s]+):(?!\/\/)(.*)$/.exec(b);
  let prefix = '';
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(b)) {
    prefix = `${scp[1] ?? ''}${scp[2]}:`;
    b = scp[3];
  }
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) {
      const cut = b.lastIndexOf('/');
      if (cut < 0) {
        if (!prefix || !b) return undefined; // nothing left to walk up
        b = '';
      } else {
        if (/^[a-z][a-z0-9+.-]*:\/?$/i.test(b.slice(0, cut))) return undefined; // would eat `scheme://host`
        b = b.slice(0, cut);
      }
      rest = rest.slice(3);
    } else break;
  }
  if (!b && !prefix) return undefined;
  return `${prefix}${b}${b && !b.endsWith(':') ? '/' : ''}${rest}`;
}
