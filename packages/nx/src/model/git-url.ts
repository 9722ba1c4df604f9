/**
 * Git repository URLs in the forms people write them, reduced to one comparable key.
 *
 * `https://GitHub.com/Org/Repo.git/`, `git@github.com:Org/Repo`, `ssh://git@github.com:22/Org/Repo.git`
 * and `git+https://github.com/Org/Repo.git@v0.1.2#subdirectory=.` all give `github.com/Org/Repo`.
 * Local remotes (`file:///srv/x.git`, `/srv/x.git/`) give `file:///srv/x`.
 * The host is case-insensitive, the path is not (servers differ).
 */
export function repositoryKey(url: string): string | undefined {
  let u = url.trim();
  if (!u) return undefined;
  u = u.replace(/^git\+/, '');
  u = u.replace(/#.*$/, '');

  // scp-like: user@host:path (no scheme, no leading slash)
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(u);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u) && !/^[A-Za-z]:[\\/]/.test(u)) {
    return `${scp[1].toLowerCase()}/${cleanPath(scp[2])}`;
  }

  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(u);
  if (m) {
    const scheme = m[1].toLowerCase();
    const path = m[3] ?? '';
    if (scheme === 'file') return `file://${cleanPath(stripRevision(path), true)}`;
    const host = m[2]
      .replace(/^[^@]*@/, '')
      .replace(/:\d+$/, '')
      .toLowerCase();
    return `${host}/${cleanPath(stripRevision(path))}`;
  }

  if (u.startsWith('/')) return `file://${cleanPath(u, true)}`;
  return undefined; // relative URLs (`../x.git`) need the superproject's remote to resolve
}

/** Whether two URLs point at the same repository. */
export function sameRepository(a: string, b: string): boolean {
  const ka = repositoryKey(a);
  return ka !== undefined && ka === repositoryKey(b);
}

/** `git+https://host/repo.git@v0.1.2` → `v0.1.2` (the revision of a PEP 508 direct reference). */
export function directReferenceRevision(url: string): string | undefined {
  const noFragment = url.replace(/#.*$/, '');
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(noFragment);
  const path = m ? m[1] : noFragment;
  const at = path.lastIndexOf('@');
  return at >= 0 ? path.slice(at + 1) || undefined : undefined;
}

/**
 * Git transports that run commands or read file descriptors are refused, and so are URLs with
 * whitespace or control characters. Returns the reason, or undefined when the URL is acceptable.
 */
export function unsafeGitUrlReason(url: string): string | undefined {
  if (!url.trim()) return 'the URL is empty';
  if (/^(ext|fd)::/i.test(url) || /^[a-z0-9+.-]+::/i.test(url))
    return 'remote-helper transports (ext::, fd::) are not allowed';
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(url)) return 'the URL contains whitespace or control characters';
  if (url.startsWith('-')) return 'the URL starts with "-"';
  return undefined;
}

function stripRevision(path: string): string {
  const at = path.lastIndexOf('@');
  return at > 0 ? path.slice(0, at) : path;
}

function cleanPath(path: string, keepLeadingSlash = false): string {
  let p = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  p = p.replace(/\/{2,}/g, '/');
  return keepLeadingSlash ? p : p.replace(/^\/+/, '');
}

/**
 * The spelling of a git remote that uv accepts in a `git = "…"` source. uv reads it as a URL, so a
 * plain path (`/srv/git/x.git`, as `.gitmodules` and `git remote` allow) and git's scp-like form
 * (`git@host:org/x.git`) fail with "relative URL without a base": they become `file:///srv/git/x.git`
 * and `ssh://git@host/org/x.git`. URLs with a scheme are kept as written (`git+` dropped); a
 * relative URL (`../x.git`) is undefined: resolve it against the root's remote first
 * (resolveRelativeGitUrl). Every writer of git sources goes through this one function.
 */
export function uvGitUrl(url: string): string | undefined {
  const u = url.trim().replace(/^git\+/, '');
  if (!u) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return u;
  if (u.startsWith('/')) return `file://${encodePath(u)}`;
  const scp = /^(?:([^@/\s]+)@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(u);
  if (scp && !/^[A-Za-z]:[\\/]/.test(u)) {
    const path = scp[3].startsWith('/') ? scp[3] : `/${scp[3]}`;
    return `ssh://${scp[1] ? `${scp[1]}@` : ''}${scp[2]}${path}`;
  }
  return undefined;
}

/** Percent-encodes what a URL path cannot hold as is (spaces, `#`, `?`, `%`), keeping `/`. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%40/g, '@').replace(/%2B/g, '+').replace(/%3A/g, ':'))
    .join('/');
}
