import { satisfies } from '@renovatebot/pep440';
import { parseRequirement } from '../model/requirement';
import { bumpVersion, BumpResult, isFinal, normalizeVersion, parseVersion, formatVersion } from '../model/pep440';

/**
 * The PEP 440 side of `nx release version` (pure): what a specifier given to Nx means for a
 * Python version, and how an internal dependency's range follows a new version.
 */

/** Nx's relative specifiers (semver words) and ours. */
export const NX_SPECIFIERS = [
  'major',
  'minor',
  'patch',
  'premajor',
  'preminor',
  'prepatch',
  'prerelease',
  'dev',
  'stable',
] as const;

/**
 * `major|minor|patch|stable|dev` as for `release --bump`; `prerelease` = dev (or the next
 * a/b/rc with `--preid a|b|rc`); `pre<major|minor|patch>` = `.dev0` (or `a0`/`b0`/`rc0`) of that
 * bump of the final version; anything else must be a PEP 440 version (`v` prefix allowed).
 */
export function nxReleaseVersion(current: string | null, specifier: string, preid = ''): BumpResult {
  const word = specifier.trim();
  const label = (
    { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' } as Record<
      string,
      'a' | 'b' | 'rc'
    >
  )[preid.toLowerCase()];
  if ((NX_SPECIFIERS as readonly string[]).includes(word)) {
    if (current === null)
      return {
        ok: false,
        message: `there is no current version to apply "${word}" to: give a version (nx release version 0.1.0.dev0)`,
      };
    if (word === 'major' || word === 'minor' || word === 'patch' || word === 'dev' || word === 'stable')
      return bumpVersion(current, word);
    const v = parseVersion(current);
    if (!v) return { ok: false, message: `"${current}" is not a PEP 440 version` };
    if (word === 'prerelease') {
      if (!label) return bumpVersion(current, 'dev');
      if (v.pre && v.pre.label === label && v.dev === undefined)
        return {
          ok: true,
          version: formatVersion({ epoch: v.epoch, release: v.release, pre: { label, n: v.pre.n + 1 } }),
        };
      if (v.pre && v.pre.label === label)
        return { ok: true, version: formatVersion({ epoch: v.epoch, release: v.release, pre: v.pre }) };
      const base = isFinal(v) ? bumpVersion(current, 'patch') : bumpVersion(current, 'stable');
      return base.ok ? withPre(base.version, label) : base;
    }
    const final = isFinal(v) ? current : (bumpVersion(current, 'stable') as { ok: true; version: string }).version;
    const bumped = bumpVersion(final, word.slice(3) as 'major' | 'minor' | 'patch');
    return bumped.ok ? withPre(bumped.version, label) : bumped;
  }
  const explicit = normalizeVersion(word.replace(/^[vV](?=\d)/, ''));
  if (explicit) return { ok: true, version: explicit };
  return { ok: false, message: `"${specifier}" is neither a bump (${NX_SPECIFIERS.join(', ')}) nor a PEP 440 version` };
}

function withPre(final: string, label: 'a' | 'b' | 'rc' | undefined): BumpResult {
  const v = parseVersion(final);
  if (!v) return { ok: false, message: `"${final}" is not a PEP 440 version` };
  return {
    ok: true,
    version: formatVersion(
      label
        ? { epoch: v.epoch, release: v.release, pre: { label, n: 0 } }
        : { epoch: v.epoch, release: v.release, dev: 0 },
    ),
  };
}

/**
 * A requirement whose version specifier follows a new version of the package it names:
 * lower bounds and pins (`>=`, `~=`, `==`, `===`) move to the new version, upper bounds and
 * exclusions stay, and if the result would not admit the new version it becomes `>=<new>`.
 * A requirement without a specifier, or a direct reference (`name @ url`), is returned as is.
 */
export function requirementForVersion(requirement: string, newVersion: string): string {
  const req = parseRequirement(requirement);
  if (!req || req.url || !req.specifier) return requirement;
  const version = normalizeVersion(newVersion.replace(/^[~^=]/, '')) ?? newVersion;
  const clauses = req.specifier
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  let hasLower = false;
  const moved = clauses.map((c) => {
    const m = /^(===|==|~=|>=|<=|!=|<|>)\s*(.+)$/.exec(c);
    if (!m) return c;
    const [, op, v] = m;
    if (op === '>=' || op === '~=' || op === '===' || (op === '==' && !v.includes('*'))) {
      hasLower = true;
      return `${op}${version}`;
    }
    if (op === '>' || op === '==') hasLower = true;
    return c;
  });
  let spec = (hasLower ? moved : [`>=${version}`, ...moved]).join(',');
  if (!satisfies(version, spec, { prereleases: true })) spec = `>=${version}`;
  const start = requirement.indexOf(req.specifier);
  return start >= 0
    ? `${requirement.slice(0, start)}${spec}${requirement.slice(start + req.specifier.length)}`
    : requirement;
}
