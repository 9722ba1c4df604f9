import { eq, gt } from '@renovatebot/pep440';
import { finalReleaseOf, isPrerelease, versionOfTag } from './pep440';

export interface PromotionInput {
  /** Normalised package name. */
  name: string;
  /** The source environment's tag (undefined: a git source pinned by rev/branch). */
  fromTag?: string;
  /** The target environment's tag now, if it pins the package. */
  toTag?: string;
  /** Tags on the package's remote. */
  remoteTags: readonly string[];
  /** The configured tag prefix (`v`); tags without it are read too. */
  tagPrefix: string;
}

export type Promotion = { action: 'pin'; tag: string; note: string } | { action: 'keep'; note: string };

/**
 * Whether a staging pin moves to prod: a dev/pre-release tag (`v0.1.3.dev0`) promotes to the tag
 * of its final release (`0.1.3` or `v0.1.3`) once that tag exists on the remote; a stable tag
 * promotes as it is. Prod never moves backwards. Pure.
 */
export function choosePromotion(i: PromotionInput): Promotion {
  if (!i.fromTag) return { action: 'keep', note: 'pinned by rev/branch, not by a tag' };
  const from = versionOfTag(i.fromTag, i.tagPrefix);
  if (!from) return { action: 'keep', note: `${i.fromTag} is not a PEP 440 version tag` };
  if (!i.remoteTags.includes(i.fromTag))
    return { action: 'keep', note: `${i.fromTag} is not on the remote (was it ever pushed?)` };
  const stableFrom = !isPrerelease(from);
  const target = finalReleaseOf(from) ?? from;
  const stable = i.remoteTags.filter((t) => {
    const v = versionOfTag(t, i.tagPrefix);
    return v !== undefined && !isPrerelease(v) && eq(v, target);
  });
  if (stable.length === 0) return { action: 'keep', note: `no stable ${target} tag yet` };
  const tag = preferredTag(stable, i.fromTag, i.tagPrefix);
  const to = i.toTag ? versionOfTag(i.toTag, i.tagPrefix) : undefined;
  if (i.toTag === tag || (to && eq(to, target))) return { action: 'keep', note: 'up to date' };
  if (to && gt(to, target)) return { action: 'keep', note: `already newer (${i.toTag})` };
  return { action: 'pin', tag, note: stableFrom ? 'stable tag' : `final release of ${i.fromTag}` };
}

/** Among tags naming one version: the staging tag itself, then its prefix style, then the configured prefix. */
function preferredTag(tags: readonly string[], fromTag: string, prefix: string): string {
  if (tags.includes(fromTag)) return fromTag;
  const fromPrefix = /^\D*/.exec(fromTag)?.[0] ?? '';
  const rank = (t: string) => {
    const p = /^\D*/.exec(t)?.[0] ?? '';
    return p === fromPrefix ? 0 : p === prefix ? 1 : 2;
  };
  return [...tags].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}
