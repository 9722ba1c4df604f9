import {
  bumpVersion,
  finalReleaseOf,
  higherVersionTags,
  isPrerelease,
  latestVersionTag,
  nextDevVersion,
  normalizeVersion,
  ReleaseBump,
  tagFor,
  tagsNamingVersion,
  versionOfTag,
  versionTags,
} from './pep440';

describe('bumpVersion', () => {
  // current, bump, expected (a string starting with "!" is the start of the refusal)
  const table: Array<[string, ReleaseBump, string]> = [
    // dev: the dev number, or the next patch's dev0
    ['0.1.3.dev0', 'dev', '0.1.3.dev1'],
    ['0.1.3.dev9', 'dev', '0.1.3.dev10'],
    ['0.1.3', 'dev', '0.1.4.dev0'],
    ['1.0', 'dev', '1.0.1.dev0'],
    ['2', 'dev', '2.0.1.dev0'],
    ['0.1.3rc1', 'dev', '0.1.3rc2.dev0'],
    ['0.1.3rc1.dev2', 'dev', '0.1.3rc1.dev3'],
    ['0.1.3.post1', 'dev', '0.1.4.dev0'],
    ['0.1.3.post1.dev0', 'dev', '0.1.3.post1.dev1'],
    ['1!0.1.3', 'dev', '1!0.1.4.dev0'],
    ['0.1.3.DEV0', 'dev', '0.1.3.dev1'],
    // patch: drops the dev part, else the next patch
    ['0.1.3.dev0', 'patch', '0.1.3'],
    ['0.1.3.dev5', 'patch', '0.1.3'],
    ['0.1.3rc1', 'patch', '0.1.3'],
    ['0.1.3', 'patch', '0.1.4'],
    ['0.1', 'patch', '0.1.1'],
    ['1.2.3.4', 'patch', '1.2.4'],
    ['0.1.3.post1', 'patch', '0.1.4'],
    ['0.1.3.post1.dev2', 'patch', '0.1.3.post1'],
    // minor / major: like semver on pre-releases
    ['0.1.3', 'minor', '0.2.0'],
    ['0.1.3.dev0', 'minor', '0.2.0'],
    ['0.2.0.dev1', 'minor', '0.2.0'],
    ['0.1.3', 'major', '1.0.0'],
    ['1.0.0.dev3', 'major', '1.0.0'],
    ['1.2.0.dev3', 'major', '2.0.0'],
    ['1!2.0.0', 'major', '1!3.0.0'],
    // stable: the final release of a dev/pre-release
    ['0.1.3.dev1', 'stable', '0.1.3'],
    ['0.1.3rc2.dev1', 'stable', '0.1.3'],
    ['1.0.dev3', 'stable', '1.0'],
    ['0.1.3', 'stable', '!0.1.3 is already a final release: use --bump patch, minor or major'],
    // refusals
    ['0.1.3+cu124', 'dev', '!0.1.3+cu124 has a local version label (+cu124)'],
    ['not-a-version', 'patch', '!"not-a-version" is not a PEP 440 version'],
    ['v0.1.3', 'patch', '!"v0.1.3" is not a PEP 440 version'],
  ];
  it.each(table)('%s --bump %s → %s', (current, bump, expected) => {
    const r = bumpVersion(current, bump);
    if (expected.startsWith('!')) {
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.message).toContain(expected.slice(1));
    } else {
      expect(r).toEqual({ ok: true, version: expected });
    }
  });

  it('refuses an unknown bump', () => {
    expect(bumpVersion('0.1.0', 'tiny' as ReleaseBump)).toEqual({
      ok: false,
      message: 'unknown bump "tiny": use one of dev, patch, minor, major, stable',
    });
  });
});

describe('nextDevVersion', () => {
  it.each([
    ['0.1.3', '0.1.4.dev0'],
    ['1.0', '1.0.1.dev0'],
    ['2.0.0.post1', '2.0.1.dev0'],
  ])('%s → %s', (v, next) => expect(nextDevVersion(v)).toEqual({ ok: true, version: next }));
  it('is refused after a dev release', () => {
    expect(nextDevVersion('0.1.3.dev1')).toEqual({
      ok: false,
      message: '0.1.3.dev1 is a dev/pre-release; the next dev cycle opens after a final release',
    });
  });
});

describe('versions', () => {
  it.each([
    ['1.0-RC.2', '1.0rc2'],
    ['1.0alpha1', '1.0a1'],
    ['01.02.3', '1.2.3'],
    ['0.1.3.dev0', '0.1.3.dev0'],
    ['1!1.0.post2.dev3+abc.1', '1!1.0.post2.dev3+abc.1'],
    ['x1', undefined],
  ])('normalizeVersion(%s) = %s', (text, expected) => expect(normalizeVersion(text)).toBe(expected));

  it.each([
    ['0.1.3.dev0', true],
    ['0.1.3rc1', true],
    ['0.1.3', false],
    ['0.1.3.post1', false],
  ])('isPrerelease(%s) = %s', (v, expected) => expect(isPrerelease(v)).toBe(expected));

  it.each([
    ['0.1.3.dev0', '0.1.3'],
    ['0.1.3rc1.dev2', '0.1.3'],
    ['1!2.0b1', '1!2.0'],
    ['0.1.2.post1.dev0', '0.1.2.post1'],
    ['0.1.3', '0.1.3'],
    ['0.1.3.post1', '0.1.3.post1'],
  ])('finalReleaseOf(%s) = %s', (v, expected) => expect(finalReleaseOf(v)).toBe(expected));

  it('finalReleaseOf a non-version is undefined', () => expect(finalReleaseOf('nightly')).toBeUndefined());
});

describe('tags', () => {
  it('tags with and without the prefix both name versions', () => {
    expect(versionOfTag('v0.1.3.dev0', 'v')).toBe('0.1.3.dev0');
    expect(versionOfTag('0.1.2', 'v')).toBe('0.1.2');
    expect(versionOfTag('release-0.1.2', 'release-')).toBe('0.1.2');
    expect(versionOfTag('v0.1.2', 'release-')).toBe('0.1.2');
    expect(versionOfTag('0.1.2', 'release-')).toBe('0.1.2');
    expect(versionOfTag('nightly', 'v')).toBeUndefined();
    expect(versionOfTag('v1.0+local', 'v')).toBeUndefined();
    expect(tagFor('0.1.3', 'v')).toBe('v0.1.3');
    expect(tagFor('0.1.3', '')).toBe('0.1.3');
  });

  // the playground's bench-utils: the old habit (no prefix), then the prefixed one
  const benchUtils = ['0.1.2', 'v0.1.3.dev0', 'docs-2024', 'v0.1.1'];

  it('orders by PEP 440, the configured prefix first between equals', () => {
    expect(versionTags(['0.1.2', 'v0.1.2', 'v0.1.10', 'v0.1.9.dev1'], 'v').map((t) => t.tag)).toEqual([
      'v0.1.10',
      'v0.1.9.dev1',
      'v0.1.2',
      '0.1.2',
    ]);
  });

  it('finds the latest version tag, or the latest final one', () => {
    expect(latestVersionTag(benchUtils, 'v')).toEqual({ tag: 'v0.1.3.dev0', version: '0.1.3.dev0' });
    expect(latestVersionTag(benchUtils, 'v', 'final')).toEqual({ tag: '0.1.2', version: '0.1.2' });
    expect(latestVersionTag(['docs'], 'v')).toBeUndefined();
  });

  it('finds tags of one version in any form, and higher ones', () => {
    expect(tagsNamingVersion(['0.1.2', 'v0.1.2', 'v0.1.3'], '0.1.2', 'v')).toEqual(['v0.1.2', '0.1.2']);
    expect(higherVersionTags(benchUtils, '0.1.3.dev0', 'v')).toEqual([]);
    expect(higherVersionTags(benchUtils, '0.1.2', 'v').map((t) => t.tag)).toEqual(['v0.1.3.dev0']);
  });
});
