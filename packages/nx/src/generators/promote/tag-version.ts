import { explain, Pep440Version } from '@renovatebot/pep440';

/**
 * The PEP 440 version a tag names: `v0.1.3.dev0`, `0.1.3.dev0` and `<prefix>0.1.3.dev0` all name
 * 0.1.3.dev0 (tags with and without the prefix coexist in one repository). Null when not a version.
 */
export function tagVersion(tag: string, prefix: string): Pep440Version | null {
  const candidates = [tag];
  if (prefix && tag.startsWith(prefix)) candidates.unshift(tag.slice(prefix.length));
  if (tag.startsWith('v')) candidates.push(tag.slice(1));
  for (const c of candidates) {
    if (!/^\d/.test(c)) continue;
    const v = explain(c);
    if (v) return v;
  }
  return null;
}

/** A final release: no pre, dev or local part (a post release counts). */
export function isStable(v: Pep440Version): boolean {
  return !v.is_prerelease && !v.is_devrelease && v.local === null;
}

/** The final release a pre/dev release leads to: `0.1.3.dev0` → `0.1.3` (epoch kept). */
export function finalReleaseOf(v: Pep440Version): string {
  return `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`;
}
