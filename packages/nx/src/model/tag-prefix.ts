/**
 * The tag prefix a repository uses for its version tags (`v0.1.2` → `v`, `0.1.2` → ``), read from
 * the tags themselves and from the environments' pins instead of assumed. Pure: init reports it,
 * release and promote use it when neither the target options nor nx.json set `tagPrefix`.
 */

/** The prefix used when nothing can be read: no version tags, no pins. */
export const DEFAULT_TAG_PREFIX = 'v';

export interface TagPrefixDetection {
  /** The prefix to write, `undefined` when neither tags nor pins name a version. */
  prefix: string | undefined;
  /** How many version tags/pins had each prefix, most used first. */
  counts: Array<{ prefix: string; count: number }>;
  /** One clause for a report: `unprefixed, from 3 tags (0.1.2 … 0.1.3.dev1)`; `mixed: …` when several are used. */
  summary: string;
}

/**
 * A tag that names a PEP 440 version after a prefix (`v0.1.2`, `0.1.2.dev3`, `release-1.0rc1`):
 * the prefix ends where the version starts; other tags (`latest`, `docs-2024`) do not count.
 */
const VERSION_TAG =
  /^([A-Za-z][A-Za-z0-9._/-]*?|)((?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9.]+)?)$/i;

export function tagPrefixOf(tag: string): string | undefined {
  // the shortest prefix that leaves a version: `v0.1.2.dev3` → `v`; a prefix starts with a letter
  return VERSION_TAG.exec(tag.trim())?.[1];
}

/**
 * The prefix of the version tags among `tags` (the package's tags, local and remote) and `pins`
 * (the tags the environments pin it at). The prefix most of them use wins; on a tie, the prefix of
 * the highest version. Neither tags nor pins that name versions: `prefix` is undefined.
 */
export function detectTagPrefix(tags: readonly string[], pins: readonly string[]): TagPrefixDetection {
  const seen = new Map<string, { count: number; highest: string }>();
  const all = [...new Set([...tags, ...pins].map((t) => t.trim()).filter(Boolean))];
  for (const tag of all) {
    const prefix = tagPrefixOf(tag);
    if (prefix === undefined) continue;
    const version = tag.slice(prefix.length);
    const entry = seen.get(prefix);
    if (!entry) seen.set(prefix, { count: 1, highest: version });
    else {
      entry.count += 1;
      if (compareReleases(version, entry.highest) > 0) entry.highest = version;
    }
  }
  const ranked = [...seen.entries()].sort(
    (a, b) => b[1].count - a[1].count || compareReleases(b[1].highest, a[1].highest),
  );
  const counts = ranked.map(([prefix, e]) => ({ prefix, count: e.count }));
  if (!ranked.length) return { prefix: undefined, counts, summary: 'no version tags or pins yet' };
  const [prefix, top] = ranked[0];
  const examples = all.filter((t) => tagPrefixOf(t) === prefix);
  const shown = examples.length > 2 ? `${examples[0]} … ${prefix}${top.highest}` : examples.join(', ');
  const what = `${describePrefix(prefix)}, from ${top.count} tag${top.count === 1 ? '' : 's'}/pin${top.count === 1 ? '' : 's'} (${shown})`;
  if (ranked.length === 1) return { prefix, counts, summary: what };
  const others = ranked
    .slice(1)
    .map(([p, e]) => `${e.count} ${describePrefix(p)}`)
    .join(', ');
  return { prefix, counts, summary: `mixed, ${what} over ${others}` };
}

export function describePrefix(prefix: string): string {
  return prefix === '' ? 'unprefixed' : `prefix "${prefix}"`;
}

/** Compares the release numbers (`0.1.10` > `0.1.9`); on equal numbers dev < pre-release < final < post. */
function compareReleases(a: string, b: string): number {
  const nums = (v: string) => (/^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(v)?.[1] ?? '0').split('.').map(Number);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return phase(a) - phase(b);
}

function phase(v: string): number {
  if (/post|rev|[-_.]r\d/i.test(v)) return 3;
  if (/(a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*([-_.]?dev|$)/i.test(v.replace(/^[\d.!]+/, ''))) return 1;
  if (/dev/i.test(v)) return 0;
  return 2;
}
