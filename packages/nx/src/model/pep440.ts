import { compare, explain } from '@renovatebot/pep440';

/**
 * PEP 440 version rules of a release. Pure: strings in, strings out; parsing and ordering by
 * @renovatebot/pep440, the bump rules here (they are the release tool's, not semver's).
 *
 *   dev     X.Y.Z.devN → X.Y.Z.devN+1;  X.Y.Z → X.Y.Z+1.dev0;  X.Y.ZrcN → X.Y.ZrcN+1.dev0
 *   patch   X.Y.Z.devN → X.Y.Z;          X.Y.Z → X.Y.Z+1
 *   minor   X.Y.0.devN → X.Y.0;          otherwise X.Y+1.0
 *   major   X.0.0.devN → X.0.0;          otherwise X+1.0.0
 *   stable  the final release of a dev/pre-release (X.Y.ZrcN.devM → X.Y.Z); refused on a final one
 */
export type ReleaseBump = 'dev' | 'patch' | 'minor' | 'major' | 'stable';
export const RELEASE_BUMPS: readonly ReleaseBump[] = ['dev', 'patch', 'minor', 'major', 'stable'];

export interface Version {
  epoch: number;
  release: number[];
  pre?: { label: 'a' | 'b' | 'rc'; n: number };
  post?: number;
  dev?: number;
  local?: string;
}

export type BumpResult = { ok: true; version: string } | { ok: false; message: string };

/** A PEP 440 version (any spelling PEP 440 accepts, e.g. `1.0-RC.2`), or undefined. No `v` prefix here. */
export function parseVersion(text: string): Version | undefined {
  if (!/^\s*\d/.test(text) && !/^\s*\d+!/.test(text)) return undefined;
  const v = explain(text.trim());
  if (!v) return undefined;
  const pre =
    Array.isArray(v.pre) && v.pre.length === 2
      ? { label: String(v.pre[0]) as 'a' | 'b' | 'rc', n: Number(v.pre[1]) }
      : undefined;
  const num = (x: unknown): number | undefined =>
    x === null || x === undefined || (Array.isArray(x) && x.length === 0)
      ? undefined
      : Number(Array.isArray(x) ? x[x.length - 1] : x);
  const post = num(v.post);
  const dev = num(v.dev);
  return {
    epoch: v.epoch,
    release: [...v.release],
    ...(pre ? { pre } : {}),
    ...(post !== undefined ? { post } : {}),
    ...(dev !== undefined ? { dev } : {}),
    ...(v.local ? { local: v.local } : {}),
  };
}

/** The normalised PEP 440 text: `1!1.2.3rc1.post2.dev3+local`. */
export function formatVersion(v: Version): string {
  return [
    v.epoch ? `${v.epoch}!` : '',
    v.release.join('.'),
    v.pre ? `${v.pre.label}${v.pre.n}` : '',
    v.post !== undefined ? `.post${v.post}` : '',
    v.dev !== undefined ? `.dev${v.dev}` : '',
    v.local ? `+${v.local}` : '',
  ].join('');
}

/** The normalised form of a version text, or undefined when it is not PEP 440. */
export function normalizeVersion(text: string): string | undefined {
  const v = parseVersion(text);
  return v ? formatVersion(v) : undefined;
}

/** A final release: no pre-release, dev or local part (a post release is final). */
export function isFinal(v: Version): boolean {
  return !v.pre && v.dev === undefined && !v.local;
}

/** Dev and pre-releases go to staging; final releases to staging and prod. */
export function isPrerelease(version: string): boolean {
  const v = parseVersion(version);
  return v !== undefined && !isFinal(v);
}

/** The next version of `current` for a bump, or why there is none. */
export function bumpVersion(current: string, bump: ReleaseBump): BumpResult {
  const v = parseVersion(current);
  if (!v) return { ok: false, message: `"${current}" is not a PEP 440 version` };
  if (v.local)
    return {
      ok: false,
      message: `${current} has a local version label (+${v.local}), which is never released: set [project].version to a public version`,
    };
  const final = isFinal(v);
  const base = { epoch: v.epoch };
  const r = pad(v.release, 3);
  switch (bump) {
    case 'dev':
      if (v.dev !== undefined) return ok({ ...v, dev: v.dev + 1 });
      if (v.pre) return ok({ ...base, release: v.release, pre: { ...v.pre, n: v.pre.n + 1 }, dev: 0 });
      return ok({ ...base, release: [r[0], r[1], r[2] + 1], dev: 0 });
    case 'patch':
      return ok(final ? { ...base, release: [r[0], r[1], r[2] + 1] } : finalOf(v));
    case 'minor':
      return ok(
        !final && r[2] === 0 ? { ...base, release: [r[0], r[1], 0] } : { ...base, release: [r[0], r[1] + 1, 0] },
      );
    case 'major':
      return ok(
        !final && r[1] === 0 && r[2] === 0
          ? { ...base, release: [r[0], 0, 0] }
          : { ...base, release: [r[0] + 1, 0, 0] },
      );
    case 'stable':
      if (final)
        return {
          ok: false,
          message: `${current} is already a final release: use --bump patch, minor or major for the next one`,
        };
      return ok(finalOf(v));
    default:
      return { ok: false, message: `unknown bump "${String(bump)}": use one of ${RELEASE_BUMPS.join(', ')}` };
  }
}

/** The dev version that opens the cycle after a release: `X.Y.Z` → `X.Y.Z+1.dev0`. */
export function nextDevVersion(released: string): BumpResult {
  const v = parseVersion(released);
  if (!v) return { ok: false, message: `"${released}" is not a PEP 440 version` };
  if (!isFinal(v))
    return { ok: false, message: `${released} is a dev/pre-release; the next dev cycle opens after a final release` };
  const r = pad(v.release, 3);
  return ok({ epoch: v.epoch, release: [r[0], r[1], r[2] + 1], dev: 0 });
}

/** The final release a version leads to, itself when final: `0.1.3rc1.dev2` → `0.1.3`. Undefined when not PEP 440. */
export function finalReleaseOf(version: string): string | undefined {
  const v = parseVersion(version);
  return v ? formatVersion(isFinal(v) ? v : finalOf(v)) : undefined;
}

/** The final release a pre/dev release leads to: `0.1.3rc1.dev2` → `0.1.3`; a dev of a post release → that post release. */
function finalOf(v: Version): Version {
  return { epoch: v.epoch, release: v.release, ...(v.post !== undefined && !v.pre ? { post: v.post } : {}) };
}

function ok(v: Version): BumpResult {
  return { ok: true, version: formatVersion(v) };
}

function pad(release: readonly number[], n: number): number[] {
  const out = [...release];
  while (out.length < n) out.push(0);
  return out;
}

// ---- tags ------------------------------------------------------------------------------------

/** The tag a release writes: `<prefix><version>`. */
export function tagFor(version: string, prefix: string): string {
  return `${prefix}${version}`;
}

/**
 * The version a tag names, normalised: with the configured prefix, with `v`, or bare
 * (`v0.1.3.dev0`, `0.1.3.dev0` and `<prefix>0.1.3.dev0` all name 0.1.3.dev0). Undefined otherwise.
 */
export function versionOfTag(tag: string, prefix: string): string | undefined {
  const candidates: string[] = [];
  if (prefix && tag.startsWith(prefix)) candidates.push(tag.slice(prefix.length));
  if (tag.startsWith('v') || tag.startsWith('V')) candidates.push(tag.slice(1));
  candidates.push(tag);
  for (const c of candidates) {
    if (!/^\d/.test(c) || /\s/.test(c)) continue;
    const v = parseVersion(c);
    if (v && !v.local) return formatVersion(v);
  }
  return undefined;
}

export interface VersionTag {
  tag: string;
  version: string;
}

/** Tags that name versions, highest version first; between `0.1.2` and `v0.1.2` the configured prefix wins. */
export function versionTags(tags: readonly string[], prefix: string): VersionTag[] {
  const out: VersionTag[] = [];
  for (const tag of tags) {
    const version = versionOfTag(tag, prefix);
    if (version) out.push({ tag, version });
  }
  const rank = (t: string) => (prefix && t.startsWith(prefix) ? 0 : 1);
  return out.sort((a, b) => compare(b.version, a.version) || rank(a.tag) - rank(b.tag) || a.tag.localeCompare(b.tag));
}

/** The highest version tag, optionally only final releases. */
export function latestVersionTag(
  tags: readonly string[],
  prefix: string,
  only: 'any' | 'final' = 'any',
): VersionTag | undefined {
  return versionTags(tags, prefix).find((t) => only === 'any' || !isPrerelease(t.version));
}

/** Tags naming exactly this version (in any prefix form). */
export function tagsNamingVersion(tags: readonly string[], version: string, prefix: string): string[] {
  return versionTags(tags, prefix)
    .filter((t) => compare(t.version, version) === 0)
    .map((t) => t.tag);
}

/** Version tags above `version`: a release below an existing one is suspicious. */
export function higherVersionTags(tags: readonly string[], version: string, prefix: string): VersionTag[] {
  return versionTags(tags, prefix).filter((t) => compare(t.version, version) > 0);
}
